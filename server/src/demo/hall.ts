import type { WorkProfile } from '../core/index.js';
import type { BranchSettings } from '../modules/settings/parse.js';

/** The demo hall: a district service centre with six queues and eight windows. */
export const DEMO_BRANCH_ID = 'demo-hall';

const allDay = [{ open: '00:00', close: '24:00' }];
export const demoSettings: BranchSettings = {
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  // Open around the clock so the demo works whenever it is tried; a real hall sets its hours.
  hours: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
  exceptions: [],
  issueCutoffMinutes: 0,
  noShowAfterRecalls: 2,
  reinstatePlacesBack: 3,
  ewtSampleSize: 50,
};

export const demoServices = [
  { id: 'svc-social', prefix: 'A', zh: '社会保险', en: 'Social insurance', target: 20, minutes: 6 },
  { id: 'svc-medical', prefix: 'B', zh: '医疗保险', en: 'Medical insurance', target: 20, minutes: 5 },
  {
    id: 'svc-employment',
    prefix: 'C',
    zh: '就业登记与失业保险',
    en: 'Employment registration and unemployment benefits',
    target: 30,
    minutes: 8,
  },
  { id: 'svc-enquiry', prefix: 'D', zh: '综合咨询', en: 'Enquiries', target: 10, minutes: 3 },
  {
    id: 'svc-business',
    prefix: 'E',
    zh: '企业开办登记',
    en: 'Business registration',
    target: 40,
    minutes: 15,
  },
  {
    id: 'svc-pension',
    prefix: 'F',
    zh: '养老金领取资格认证',
    en: 'Pension entitlement',
    target: 25,
    minutes: 7,
  },
] as const;

const p = (entries: [string, number][], rules: WorkProfile['rules'] = []): WorkProfile => ({
  services: entries.map(([serviceId, level]) => ({ serviceId, level })),
  rules,
});

export const demoCounters: { number: number; zh: string; en: string; profile: WorkProfile }[] = [
  {
    number: 1,
    zh: '1号窗口',
    en: 'Counter 1',
    profile: p([
      ['svc-social', 1],
      ['svc-medical', 2],
    ]),
  },
  {
    number: 2,
    zh: '2号窗口',
    en: 'Counter 2',
    profile: p([
      ['svc-social', 1],
      ['svc-medical', 2],
    ]),
  },
  {
    number: 3,
    zh: '3号窗口',
    en: 'Counter 3',
    profile: p(
      [
        ['svc-medical', 1],
        ['svc-social', 2],
      ],
      [{ kind: 'overdue', serviceId: 'svc-social', minutes: 30 }],
    ),
  },
  {
    number: 4,
    zh: '4号窗口',
    en: 'Counter 4',
    profile: p([
      ['svc-employment', 1],
      ['svc-enquiry', 2],
    ]),
  },
  { number: 5, zh: '5号窗口', en: 'Counter 5', profile: p([['svc-enquiry', 1]]) },
  { number: 6, zh: '6号窗口', en: 'Counter 6', profile: p([['svc-business', 1]]) },
  {
    number: 7,
    zh: '7号窗口',
    en: 'Counter 7',
    profile: p([
      ['svc-pension', 1],
      ['svc-social', 2],
    ]),
  },
  {
    number: 8,
    zh: '8号综合窗口',
    en: 'Counter 8 (all services)',
    profile: p([
      ['svc-social', 1],
      ['svc-medical', 1],
      ['svc-employment', 1],
      ['svc-enquiry', 1],
      ['svc-business', 1],
      ['svc-pension', 1],
    ]),
  },
];
