import type { HallConfig } from '../config-api';

/** A small hall's configuration document (the answer of `branch:config`) for the configuration screens' tests. */
export function hallConfig(over: Partial<HallConfig['branch']['settings']> = {}): HallConfig {
  const svc = (
    id: string,
    prefix: string,
    sortOrder: number,
    extra: Partial<HallConfig['services'][number]> = {},
  ) => ({
    id,
    prefix,
    name: { 'zh-CN': `${prefix} 业务`, en: `Service ${prefix}` },
    targetWaitMinutes: 20,
    defaultServiceMinutes: 5,
    dailyCap: null,
    perPersonDailyLimit: null,
    requiresPersonId: false,
    allowPriority: true,
    suspended: false,
    suspendedReason: null,
    sortOrder,
    ...extra,
  });
  const day = [{ open: '09:00', close: '17:00' }];
  return {
    version: 1,
    branch: {
      id: 'demo-hall',
      name: { 'zh-CN': '演示大厅', en: 'Demo hall' },
      timezone: 'Asia/Shanghai',
      settings: {
        locales: ['zh-CN', 'en'],
        defaultLocale: 'zh-CN',
        hours: { 1: day, 2: day, 3: day, 4: day, 5: day },
        exceptions: [
          { date: '2026-10-01', intervals: [], note: '国庆节 National Day' },
          { date: '2026-10-10', intervals: day, note: '国庆节 National Day' },
          { date: '2026-10-16', intervals: [], note: '内部培训' },
        ],
        holidays: 'cn',
        ownExceptions: [{ date: '2026-10-16', intervals: [], note: '内部培训' }],
        issueCutoffMinutes: 0,
        noShowAfterRecalls: 2,
        reinstatePlacesBack: 3,
        ewtSampleSize: 50,
        ...over,
      },
    },
    services: [svc('svc-a', 'A', 0), svc('svc-d', 'D', 1), svc('svc-e', 'E', 2, { requiresPersonId: true })],
    counters: [
      {
        id: 'ctr-1',
        number: 1,
        name: { 'zh-CN': '1号窗口', en: 'Counter 1' },
        profile: { services: [{ serviceId: 'svc-a', level: 1 }], rules: [] },
      },
      {
        id: 'ctr-2',
        number: 2,
        name: { 'zh-CN': '2号窗口', en: 'Counter 2' },
        profile: { services: [], rules: [] },
      },
    ],
    devices: [],
  };
}
