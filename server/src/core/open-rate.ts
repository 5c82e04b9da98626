import { counterIntervalsOn } from './hours.js';
import { type Interval, intersect, length, subtract, union } from './staff-time.js';
import { parseLocalTime } from './time.js';
import type { Branch } from './types.js';

/**
 * Window open rate (窗口开放率), as the hall's rule reads it: a window is not closed, nor its
 * hours shortened, without a reason. Scheduled = the branch's opening hours on that business
 * day (a dated exception wins: a statutory holiday is closed, a 调休 make-up day is open), or
 * the counter's own published hours inside them when it has some (core/hours.ts). Open = counter.opened → counter.closed, counted only
 * inside the scheduled hours. Pure; times in milliseconds, figures in whole seconds.
 */
export interface CounterOpenEvent {
  type: 'counter.opened' | 'counter.closed';
  at: number;
  reason: string | null;
}

export interface CounterDay {
  /** Local date (YYYY-MM-DD) and ISO weekday of the business day. */
  date: string;
  weekday: number;
  /** The counter, for its own published hours (`counterHours`); without it, the branch's. */
  counterId?: string;
  /** The instant local midnight begins the day and the next one begins (DST-safe from the caller). */
  dayStart: number;
  dayEnd: number;
  /** The counter was already open when the day began (opened on an earlier day, not closed). */
  openAtStart?: boolean;
  /** This counter's opens and closes of the day, any order. */
  events: readonly CounterOpenEvent[];
}

export interface OpenRate {
  scheduledSeconds: number;
  openSeconds: number;
  /** scheduled − open: closed while the branch's hours said open. */
  closedSeconds: number;
  /** Closed in hours before the first open (a window not opened yet, or not at all). */
  notOpenedSeconds: number;
  /** Closed in hours after a close, by the reason that close gave ('' = none given). */
  closedByReason: Record<string, number>;
  /** Closes inside the scheduled hours, and how many of them gave no reason. */
  closes: number;
  closesWithoutReason: number;
  /** open ÷ scheduled, one decimal percent; null when nothing was scheduled. */
  ratePercent: number | null;
}

type Hours = Pick<Branch, 'hours' | 'exceptions' | 'counterHours'>;

/** The counter's scheduled hours of one business day as instants. */
export function scheduledSpans(branch: Hours, day: CounterDay): Interval[] {
  const at = (hhmm: string) => Math.min(day.dayEnd, day.dayStart + parseLocalTime(hhmm) * 60_000);
  const intervals = counterIntervalsOn(branch, day.counterId ?? '', day.date, day.weekday);
  return union(intervals.map((i) => [at(i.open), at(i.close)]));
}

export function counterOpenRate(branch: Hours, day: CounterDay): OpenRate {
  const scheduled = scheduledSpans(branch, day);
  const events = [...day.events].sort((a, b) => a.at - b.at);
  const sessions: Interval[] = [];
  // Closed gaps: from a close (its reason) or from the day's start (not opened) to the next open.
  const gaps: { span: Interval; reason: string | null; afterClose: boolean }[] = [];
  let openedAt: number | null = day.openAtStart ? day.dayStart : null;
  let closedAt = day.dayStart;
  let closeReason: string | null = null;
  let afterClose = false;
  let closes = 0;
  let closesWithoutReason = 0;
  for (const e of events) {
    if (e.type === 'counter.opened') {
      if (openedAt !== null) continue; // already open: a repeated open changes nothing
      gaps.push({ span: [closedAt, e.at], reason: closeReason, afterClose });
      openedAt = e.at;
    } else {
      if (openedAt === null) continue;
      sessions.push([openedAt, e.at]);
      openedAt = null;
      closedAt = e.at;
      closeReason = e.reason?.trim() || null;
      afterClose = true;
      if (intersect([[e.at, e.at + 1]], scheduled).length > 0) {
        closes++;
        if (!closeReason) closesWithoutReason++;
      }
    }
  }
  if (openedAt !== null) sessions.push([openedAt, day.dayEnd]);
  else gaps.push({ span: [closedAt, day.dayEnd], reason: closeReason, afterClose });

  const scheduledSeconds = length(scheduled);
  const openSeconds = length(intersect(union(sessions), scheduled));
  let notOpenedSeconds = 0;
  const closedByReason: Record<string, number> = {};
  for (const g of gaps) {
    const seconds = length(intersect([g.span], scheduled));
    if (seconds === 0) continue;
    if (!g.afterClose) notOpenedSeconds += seconds;
    else closedByReason[g.reason ?? ''] = (closedByReason[g.reason ?? ''] ?? 0) + seconds;
  }
  return {
    scheduledSeconds,
    openSeconds,
    closedSeconds: length(subtract(scheduled, union(sessions))),
    notOpenedSeconds,
    closedByReason,
    closes,
    closesWithoutReason,
    ratePercent: rate(openSeconds, scheduledSeconds),
  };
}

const rate = (open: number, scheduled: number): number | null =>
  scheduled > 0 ? Math.round((open / scheduled) * 1000) / 10 : null;

/** A period's figure: the days' seconds and counts summed, the rate taken over the sums. */
export function sumOpenRates(days: readonly OpenRate[]): OpenRate {
  const out: OpenRate = {
    scheduledSeconds: 0,
    openSeconds: 0,
    closedSeconds: 0,
    notOpenedSeconds: 0,
    closedByReason: {},
    closes: 0,
    closesWithoutReason: 0,
    ratePercent: null,
  };
  for (const d of days) {
    out.scheduledSeconds += d.scheduledSeconds;
    out.openSeconds += d.openSeconds;
    out.closedSeconds += d.closedSeconds;
    out.notOpenedSeconds += d.notOpenedSeconds;
    out.closes += d.closes;
    out.closesWithoutReason += d.closesWithoutReason;
    for (const [reason, s] of Object.entries(d.closedByReason))
      out.closedByReason[reason] = (out.closedByReason[reason] ?? 0) + s;
  }
  out.ratePercent = rate(out.openSeconds, out.scheduledSeconds);
  return out;
}
