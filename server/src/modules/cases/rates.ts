import type { CaseStore } from '@guichet/db';
import type { QueueState } from '../../core/index.js';
import { type RatingCounts, ratingRates } from '../../core/rating-rates.js';
import { businessDay } from '../../core/time.js';
import type { CaseView, LedgerRow, RatesRow, RatingsReport } from '../../protocol/schemas/case-views.js';
import type { Column } from '../reports/export.js';
import { giveWay } from '../reports/give-way.js';
import { dayStart } from '../reports/period.js';
import { groupBy, nextDay } from './service.js';
import { followUpOf, isOverdue } from './views.js';

export type RatesBy = 'counter' | 'clerk' | 'service' | 'channel' | 'day' | 'month';
type Label = { 'zh-CN': string; en: string };

const CHANNELS: Record<string, Label> = {
  pad: { 'zh-CN': '评价器', en: 'Rating pad' },
  phone: { 'zh-CN': '扫码评价', en: 'Phone page' },
  keypad: { 'zh-CN': '评价键盘', en: 'Keypad' },
  kiosk: { 'zh-CN': '自助机', en: 'Kiosk' },
  timeout: { 'zh-CN': '未评', en: 'Not rated' },
  phone_call: { 'zh-CN': '来电', en: 'Phone call' },
  letter: { 'zh-CN': '来信', en: 'Letter' },
  hotline: { 'zh-CN': '12345 热线', en: '12345 hotline' },
  in_person: { 'zh-CN': '现场', en: 'In person' },
};

/**
 * The published rates (core/rating-rates.ts) per window, clerk, service, channel, day or month.
 * Served = tickets finished in the period, by the finishing clerk at the counter; ratings by
 * the day they were recorded; bad-rating cases by the day they opened; overdue = cases past a
 * deadline today. A "not rated" record counts for the channel it timed out on (the pad).
 */
/** What a case past its deadline today counts under (the overdue column). */
export type OverdueCase = Pick<CaseView, 'openedAt' | 'counterId' | 'clerkId' | 'serviceId' | 'channel'>;

export interface RatingsQuery {
  branchId: string;
  timezone: string;
  from: string;
  to: string;
  by: RatesBy;
  goodLevels: number[];
  /** Cases past a deadline today (the live cases module knows them; the worker does not). */
  overdue: OverdueCase[];
}

interface KeyFields {
  at: number;
  counterId: string | null;
  clerkId: string | null;
  serviceId: string | null;
  channel?: string | undefined;
}

/** Served tickets and ratings counted per row key (additive: a period is the sum of its days). */
export interface RateTallies {
  served: Map<string, number>;
  rated: Map<string, RatingCounts>;
}

/**
 * The report over a read connection. It runs in the reports worker: a year of ratings is a
 * million rows, which on the event loop would stall every counter. `tallies` are the served
 * and rating counts per key when already counted (the reports engine adds up daily cells);
 * without them they are counted here from the rows. Bad-rating cases are always read: their
 * follow-up goes on after their day. Row labels are the keys until `labelRatings` names them
 * where the live state is.
 */
export function ratingsReport(store: CaseStore, a: RatingsQuery, tallies?: RateTallies): RatingsReport {
  const start = dayStart(a.from, a.timezone);
  const end = dayStart(nextDay(a.to), a.timezone);
  const dayOf = (at: number) => businessDay(at, a.timezone);
  const keyOf = (r: KeyFields) => {
    switch (a.by) {
      case 'counter':
        return r.counterId ?? '-';
      case 'clerk':
        return r.clerkId ?? '-';
      case 'service':
        return r.serviceId ?? '-';
      case 'channel':
        return r.channel === 'timeout' ? 'pad' : (r.channel ?? '-');
      case 'day':
        return dayOf(r.at);
      case 'month':
        return dayOf(r.at).slice(0, 7);
    }
  };
  const { served: servedBy, rated: ratedBy } = tallies ?? countRows(store, a.branchId, start, end, keyOf);
  giveWay();
  const rows = store.listCases({ branchId: a.branchId, fromAt: start, toAt: end, kind: 'bad_rating' });
  giveWay();
  const steps = groupBy(store.stepsOf(rows.map((r) => r.id)), (s) => s.caseId);
  const badCases = rows.map((r) => {
    giveWay();
    return {
      key: keyOf({ ...r, at: r.openedAt, channel: r.channel }),
      c: followUpOf(r, steps.get(r.id) ?? [], a.timezone),
    };
  });
  const overdue = a.overdue.map((v) =>
    keyOf({
      at: v.openedAt,
      counterId: v.counterId,
      clerkId: v.clerkId,
      serviceId: v.serviceId,
      channel: v.channel,
    }),
  );
  const keys = [
    ...new Set([...servedBy.keys(), ...ratedBy.keys(), ...badCases.map((b) => b.key), ...overdue]),
  ].sort();
  const casesBy = new Map<string, typeof badCases>();
  for (const b of badCases) {
    const list = casesBy.get(b.key);
    if (list) list.push(b);
    else casesBy.set(b.key, [b]);
  }
  const allServed = [...servedBy.values()].reduce((n, v) => n + v, 0);
  /** A row's figures: one key's, or every key's for the total (key null). */
  const rowOf = (key: string | null, label: Label): RatesRow => {
    const r = ratingRates({
      // Served tickets have no channel: channel rows hold none, the total holds them all.
      served: key === null ? allServed : a.by === 'channel' ? 0 : (servedBy.get(key) ?? 0),
      ratings: addCounts(key === null ? [...ratedBy.values()] : [ratedBy.get(key)].filter((x) => !!x)),
      badRatingCases: (key === null ? badCases : (casesBy.get(key) ?? [])).map((b) => b.c),
      overdueCases: key === null ? overdue.length : overdue.filter((k) => k === key).length,
      goodLevels: a.goodLevels,
    });
    return {
      key: key ?? 'total',
      label,
      served: r.served,
      rated: r.rated,
      notRatedCount: r.notRated.numerator,
      byLevel: r.byLevel,
      bad: r.bad,
      good: r.good,
      notRated: r.notRated,
      answered: r.answered,
      followedUp: r.followedUp,
      followUpSatisfied: r.followUpSatisfied,
      overdueCases: r.overdueCases,
    };
  };
  const label = (key: string): Label => ({ 'zh-CN': key, en: key });
  return {
    branchId: a.branchId,
    from: a.from,
    to: a.to,
    by: a.by,
    goodLevels: a.goodLevels,
    rows: keys.map((k) => rowOf(k, label(k))),
    totals: rowOf(null, { 'zh-CN': '合计', en: 'Total' }),
  };
}

/** Served tickets and ratings of [start, end) counted per key from their rows. */
function countRows(
  store: CaseStore,
  branchId: string,
  start: number,
  end: number,
  keyOf: (r: KeyFields) => string,
): RateTallies {
  const served = new Map<string, number>();
  for (const s of store.servedIn(branchId, start, end)) {
    const k = keyOf({ ...s, channel: undefined });
    served.set(k, (served.get(k) ?? 0) + 1);
  }
  const rated = new Map<string, RatingCounts>();
  for (const r of store.ratingsIn(branchId, start, end)) {
    const k = keyOf({ ...r, channel: r.source });
    const c = rated.get(k) ?? { byLevel: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, notRated: 0 };
    if (r.score === null) c.notRated++;
    else c.byLevel[r.score as 1 | 2 | 3 | 4 | 5]++;
    rated.set(k, c);
  }
  return { served, rated };
}

function addCounts(list: readonly RatingCounts[]): RatingCounts {
  const out: RatingCounts = { byLevel: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, notRated: 0 };
  for (const c of list) {
    for (const l of [1, 2, 3, 4, 5] as const) out.byLevel[l] += c.byLevel[l];
    out.notRated += c.notRated;
  }
  return out;
}

/** The rows named for people: counters and services as the hall names them, clerks, channels. */
export function labelRatings(
  report: RatingsReport,
  names: { state: QueueState; userName: (id: string) => string | null },
): RatingsReport {
  const label = (key: string): Label => {
    const by = report.by as RatesBy;
    if (by === 'counter') return names.state.counters.get(key)?.name ?? { 'zh-CN': key, en: key };
    if (by === 'service') return names.state.services.get(key)?.name ?? { 'zh-CN': key, en: key };
    if (by === 'clerk') {
      const n = names.userName(key) ?? key;
      return { 'zh-CN': n, en: n };
    }
    if (by === 'channel') return CHANNELS[key] ?? { 'zh-CN': key, en: key };
    return { 'zh-CN': key, en: key };
  };
  return { ...report, rows: report.rows.map((r) => ({ ...r, label: label(r.key) })) };
}

const pct = (f: { percent: number | null }) => f.percent;
export const RATES_COLUMNS: Column<RatesRow>[] = [
  { zh: '键', en: 'Key', value: (r) => r.key },
  { zh: '名称', en: 'Label', value: (r, lang) => r.label[lang] },
  { zh: '办件量', en: 'Served', value: (r) => r.served },
  { zh: '评价数', en: 'Rated', value: (r) => r.rated },
  { zh: '非常满意', en: 'Very satisfied', value: (r) => r.byLevel[5] },
  { zh: '满意', en: 'Satisfied', value: (r) => r.byLevel[4] },
  { zh: '基本满意', en: 'Fairly satisfied', value: (r) => r.byLevel[3] },
  { zh: '不满意', en: 'Dissatisfied', value: (r) => r.byLevel[2] },
  { zh: '非常不满意', en: 'Very dissatisfied', value: (r) => r.byLevel[1] },
  { zh: '差评数', en: 'Bad ratings', value: (r) => r.bad },
  { zh: '未评数', en: 'Not rated', value: (r) => r.notRatedCount },
  { zh: '好评率%', en: 'Good rate %', value: (r) => pct(r.good) },
  { zh: '未评率%', en: 'Not-rated rate %', value: (r) => pct(r.notRated) },
  { zh: '回复率%', en: 'Answer rate %', value: (r) => pct(r.answered) },
  { zh: '回访整改率%', en: 'Follow-up rate %', value: (r) => pct(r.followedUp) },
  { zh: '回访整改满意率%', en: 'Follow-up satisfaction %', value: (r) => pct(r.followUpSatisfied) },
  { zh: '超期件数', en: 'Overdue cases', value: (r) => r.overdueCases },
];

/** One ledger row per case: the same values in JSON, CSV and XLSX; contacts masked. */
export function ledgerRow(
  v: CaseView,
  names: Record<'service' | 'counter' | 'clerk', (id: string) => string | null>,
): LedgerRow {
  const last = (kind: string) => v.steps.findLast((s) => s.kind === kind);
  const callback = last('callback');
  const resolution = last('resolution');
  return {
    caseId: v.id,
    openedDay: v.openedDay,
    kind: v.kind,
    channel: v.channel,
    category: v.category,
    ticketCode: v.ticket?.code ?? null,
    service: v.serviceId ? names.service(v.serviceId) : null,
    counter: v.counterId ? names.counter(v.counterId) : null,
    clerk: v.clerkId ? names.clerk(v.clerkId) : null,
    level: v.rating?.level ?? null,
    reasons: v.rating?.reasons.join(', ') ?? '',
    citizenText: v.citizenText ?? v.rating?.text ?? null,
    contact: v.contact ? [v.contact.name, v.contact.phone].filter(Boolean).join(' ') || null : null,
    status: v.status,
    callbackDue: v.deadlines.callbackDay,
    callbackAt: callback?.at ?? null,
    callbackMethod: callback?.method ?? null,
    citizenSaid: callback?.text ?? null,
    resolution: resolution?.resolution ?? null,
    resolutionText: resolution?.text ?? null,
    resolutionDue: v.deadlines.resolutionDay,
    feedbackAt: last('feedback')?.at ?? null,
    satisfaction: last('satisfaction')?.satisfaction ?? null,
    closedAt: v.closedAt,
    overdue: isOverdue(v),
  };
}

export const LEDGER_COLUMNS: Column<LedgerRow>[] = [
  { zh: '案件编号', en: 'Case', value: (r) => r.caseId },
  { zh: '受理日期', en: 'Opened', value: (r) => r.openedDay },
  {
    zh: '类别',
    en: 'Kind',
    value: (r, l) =>
      r.kind === 'bad_rating' ? (l === 'en' ? 'Bad rating' : '差评') : l === 'en' ? 'Complaint' : '投诉',
  },
  { zh: '渠道', en: 'Channel', value: (r, l) => CHANNELS[r.channel]?.[l] ?? r.channel },
  { zh: '问题分类', en: 'Category', value: (r) => r.category },
  { zh: '票号', en: 'Ticket', value: (r) => r.ticketCode },
  { zh: '事项', en: 'Service', value: (r) => r.service },
  { zh: '窗口', en: 'Counter', value: (r) => r.counter },
  { zh: '工作人员', en: 'Clerk', value: (r) => r.clerk },
  { zh: '评价等级', en: 'Level', value: (r) => r.level },
  { zh: '差评原因', en: 'Reasons', value: (r) => r.reasons },
  { zh: '群众意见', en: "Citizen's words", value: (r) => r.citizenText },
  { zh: '联系方式(脱敏)', en: 'Contact (masked)', value: (r) => r.contact },
  { zh: '状态', en: 'Status', value: (r) => r.status },
  { zh: '回访期限', en: 'Callback due', value: (r) => r.callbackDue },
  { zh: '回访方式', en: 'Callback method', value: (r) => r.callbackMethod },
  { zh: '回访情况', en: 'Citizen said', value: (r) => r.citizenSaid },
  { zh: '整改方式', en: 'Resolution', value: (r) => r.resolution },
  { zh: '整改情况', en: 'Resolution text', value: (r) => r.resolutionText },
  { zh: '整改期限', en: 'Resolution due', value: (r) => r.resolutionDue },
  { zh: '满意度', en: 'Satisfaction', value: (r) => r.satisfaction },
  {
    zh: '超期',
    en: 'Overdue',
    value: (r, l) => (r.overdue ? (l === 'en' ? 'yes' : '是') : l === 'en' ? 'no' : '否'),
  },
];
