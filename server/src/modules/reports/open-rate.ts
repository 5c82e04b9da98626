import { type CounterOpenEvent, counterOpenRate, type OpenRate, sumOpenRates } from '../../core/open-rate.js';
import type { Branch } from '../../core/types.js';
import { type OpenEvent, parseCell } from './day-cells.js';
import type { ReportsEngine } from './engine.js';
import type { Column } from './export.js';
import { giveWay } from './give-way.js';
import { addDays, datesBetween, dayStart, weekdayOf } from './period.js';
import type { OpenRateQuery, OpenRateReport, OpenRateRow } from './protocol.js';
import { loadCells } from './rollups.js';

/**
 * Window open rate (窗口开放率, core/open-rate.ts) per counter and day over a period: the
 * branch's opening hours of each business day, or the counter's own published hours inside them
 * (its stored dated exceptions carry the statutory holidays and 调休 days) against counter.opened
 * → counter.closed. The opens and closes of each closed day come from the rollup cache
 * (day-cells.ts `open-rate`), today's from raw events; the hours are applied now, so a change of
 * hours counts for past days too. The day before the period is read too, so a counter left open
 * overnight counts as open from the first day's start. Today is cut at now: hours still to come
 * are neither scheduled nor closed.
 */
/** The longest period (days) whose per-day rows the JSON answer carries unasked (two months). */
export const OPEN_RATE_DAYS_MAX = 62;

export function openRateReport(engine: ReportsEngine, q: OpenRateQuery): OpenRateReport {
  const { ctx, labels } = engine.context(q);
  const tz = ctx.timezone;
  const settings = JSON.parse(engine.reads.branchSettings(ctx.branchId) ?? '{}') as Partial<Branch>;
  const branch = {
    hours: settings.hours ?? {},
    exceptions: settings.exceptions ?? [],
    ...(settings.counterHours && { counterHours: settings.counterHours }),
  };
  const counters = engine.reads.counters(ctx.branchId).map((c) => c.id);
  const before = addDays(q.from, -1);
  const { cells } = loadCells(engine.reads, engine.rollups, ctx, before, q.to, ['open-rate']);
  const eventsOf = new Map(
    cells.map((c) => {
      giveWay();
      return [c.day, parseCell<OpenEvent[]>(c.data)];
    }),
  );
  const open = new Set<string>();
  const days: OpenRateRow[] = [];
  for (const date of datesBetween(before, q.to)) {
    giveWay();
    const start = dayStart(date, tz);
    const end = Math.min(dayStart(addDays(date, 1), tz), ctx.now);
    const byCounter = new Map<string, CounterOpenEvent[]>();
    const openAtStart = new Set(open);
    for (const [counterId, opened, at, reason] of eventsOf.get(date) ?? []) {
      if (opened) open.add(counterId);
      else open.delete(counterId);
      const list = byCounter.get(counterId) ?? [];
      list.push({ type: opened ? 'counter.opened' : 'counter.closed', at, reason });
      byCounter.set(counterId, list);
    }
    if (date < q.from) continue;
    for (const counterId of counters) {
      giveWay();
      const rate = counterOpenRate(branch, {
        counterId,
        date,
        weekday: weekdayOf(date),
        dayStart: start,
        dayEnd: end,
        openAtStart: openAtStart.has(counterId),
        events: byCounter.get(counterId) ?? [],
      });
      days.push({ businessDay: date, counterId, counter: labels.of('counter', counterId), ...rate });
    }
  }
  const rowsOf = new Map<string, OpenRateRow[]>();
  for (const d of days) {
    const list = rowsOf.get(d.counterId);
    if (list) list.push(d);
    else rowsOf.set(d.counterId, [d]);
  }
  const perCounter = counters.map((counterId) => ({
    counterId,
    counter: labels.of('counter', counterId),
    ...sumOpenRates(rowsOf.get(counterId) ?? []),
  }));
  // A year is 365 rows per counter that the screen does not show: sent only when asked for.
  const withDays = q.days === true || datesBetween(q.from, q.to).length <= OPEN_RATE_DAYS_MAX;
  return {
    from: q.from,
    to: q.to,
    timezone: tz,
    daysIncluded: withDays,
    days: withDays ? days : [],
    counters: perCounter,
    totals: sumOpenRates(days),
  };
}

const minutes = (s: number) => Math.round(s / 6) / 10;
const reasons = (r: OpenRate, lang: 'zh-CN' | 'en') =>
  Object.entries(r.closedByReason)
    .map(([k, s]) => `${k || (lang === 'zh-CN' ? '未说明' : 'none given')}: ${minutes(s)}`)
    .join('; ');

export const OPEN_RATE_COLUMNS: Column<OpenRateRow>[] = [
  { zh: '业务日', en: 'Business day', value: (r) => r.businessDay },
  { zh: '窗口', en: 'Counter', value: (r, lang) => r.counter[lang] },
  { zh: '应开放（分钟）', en: 'Scheduled (min)', value: (r) => minutes(r.scheduledSeconds) },
  { zh: '实际开放（分钟）', en: 'Open (min)', value: (r) => minutes(r.openSeconds) },
  { zh: '窗口开放率 %', en: 'Open rate %', value: (r) => r.ratePercent },
  { zh: '关闭（分钟）', en: 'Closed (min)', value: (r) => minutes(r.closedSeconds) },
  { zh: '未开启（分钟）', en: 'Not opened (min)', value: (r) => minutes(r.notOpenedSeconds) },
  { zh: '关闭原因（分钟）', en: 'Close reasons (min)', value: (r, lang) => reasons(r, lang) },
  { zh: '营业中关闭次数', en: 'Closes in hours', value: (r) => r.closes },
  { zh: '未说明原因次数', en: 'Closes without reason', value: (r) => r.closesWithoutReason },
];
