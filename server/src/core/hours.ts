import { localParts, parseLocalTime } from './time.js';
import type { Branch, OpeningInterval } from './types.js';

export type OpeningStatus =
  | { open: true; closesAtMinute: number; issuing: true }
  | { open: true; closesAtMinute: number; issuing: false; reason: 'AFTER_ISSUE_CUTOFF' }
  | { open: false; reason: 'OUTSIDE_OPENING_HOURS'; holiday: boolean };

/** Intervals that apply on a local date: a dated exception replaces the weekly hours. */
export function intervalsOn(branch: Branch, date: string, weekday: number): OpeningInterval[] {
  const exception = branch.exceptions.find((e) => e.date === date);
  if (exception) return exception.intervals;
  return branch.hours[weekday as keyof Branch['hours']] ?? [];
}

export function openingStatus(branch: Branch, now: number): OpeningStatus {
  const local = localParts(now, branch.timezone);
  const intervals = intervalsOn(branch, local.date, local.weekday);
  const holiday = branch.exceptions.some((e) => e.date === local.date && e.intervals.length === 0);
  for (const interval of intervals) {
    const open = parseLocalTime(interval.open);
    const close = parseLocalTime(interval.close);
    if (local.minuteOfDay >= open && local.minuteOfDay < close) {
      if (local.minuteOfDay >= close - branch.issueCutoffMinutes) {
        return { open: true, closesAtMinute: close, issuing: false, reason: 'AFTER_ISSUE_CUTOFF' };
      }
      return { open: true, closesAtMinute: close, issuing: true };
    }
  }
  return { open: false, reason: 'OUTSIDE_OPENING_HOURS', holiday };
}

export type ServiceOpening =
  | { open: true; issuing: true }
  | {
      open: boolean;
      issuing: false;
      reason: 'OUTSIDE_OPENING_HOURS' | 'SERVICE_CLOSED' | 'AFTER_ISSUE_CUTOFF';
    };

/**
 * Whether a service issues now: the hall must be open, then the service's own weekly hours (if
 * it has any) must hold the minute, and its cut-off (its own, else the branch's) counts back from
 * whichever closes first. On a dated exception (holiday, 调休 make-up day, the branch's own)
 * the service follows the branch's hours for that date: a make-up day is a working day for all.
 */
export function serviceOpening(branch: Branch, serviceId: string, now: number): ServiceOpening {
  const hall = openingStatus(branch, now);
  if (!hall.open) return { open: false, issuing: false, reason: 'OUTSIDE_OPENING_HOURS' };
  const own = branch.serviceHours?.[serviceId];
  const cutoff = own?.issueCutoffMinutes ?? branch.issueCutoffMinutes;
  const local = localParts(now, branch.timezone);
  let closesAt = hall.closesAtMinute;
  const dated = branch.exceptions.some((e) => e.date === local.date);
  if (own?.hours && !dated) {
    const intervals = own.hours[local.weekday as keyof typeof own.hours] ?? [];
    const inside = intervals.find(
      (i) => local.minuteOfDay >= parseLocalTime(i.open) && local.minuteOfDay < parseLocalTime(i.close),
    );
    if (!inside) return { open: false, issuing: false, reason: 'SERVICE_CLOSED' };
    closesAt = Math.min(closesAt, parseLocalTime(inside.close));
  }
  if (local.minuteOfDay >= closesAt - cutoff)
    return { open: true, issuing: false, reason: 'AFTER_ISSUE_CUTOFF' };
  return { open: true, issuing: true };
}

/**
 * The minute of the day a service last closes today (its own weekly hours inside the hall's, or
 * the hall's on a dated exception), or null when it is not open again later today.
 */
export function lastCloseToday(branch: Branch, serviceId: string, now: number): number | null {
  const local = localParts(now, branch.timezone);
  let close = -1;
  for (const i of intervalsOn(branch, local.date, local.weekday))
    close = Math.max(close, parseLocalTime(i.close));
  const own = branch.serviceHours?.[serviceId]?.hours;
  if (own && !branch.exceptions.some((e) => e.date === local.date)) {
    let ownClose = -1;
    for (const i of own[local.weekday as keyof typeof own] ?? [])
      ownClose = Math.max(ownClose, parseLocalTime(i.close));
    close = Math.min(close, ownClose);
  }
  return close > local.minuteOfDay ? close : null;
}

const timeOf = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * A counter's published intervals on a local date. Like a service's hours: its own weekly hours
 * (if it has any) inside the branch's; on a dated exception (holiday, 调休 make-up day, the
 * branch's own) the counter follows the branch's hours for that date.
 */
export function counterIntervalsOn(
  branch: Pick<Branch, 'hours' | 'exceptions' | 'counterHours'>,
  counterId: string,
  date: string,
  weekday: number,
): OpeningInterval[] {
  const hall = intervalsOn(branch as Branch, date, weekday);
  const own = branch.counterHours?.[counterId];
  if (!own || branch.exceptions.some((e) => e.date === date)) return hall;
  const out: OpeningInterval[] = [];
  for (const o of own[weekday as keyof typeof own] ?? [])
    for (const h of hall) {
      const open = Math.max(parseLocalTime(o.open), parseLocalTime(h.open));
      const close = Math.min(parseLocalTime(o.close), parseLocalTime(h.close));
      if (open < close) out.push({ open: timeOf(open), close: timeOf(close) });
    }
  return out.sort((a, b) => parseLocalTime(a.open) - parseLocalTime(b.open));
}

/** Whether `now` falls inside the counter's published hours (its own, else the branch's). */
export function counterInHours(branch: Branch, counterId: string, now: number): boolean {
  const local = localParts(now, branch.timezone);
  return counterIntervalsOn(branch, counterId, local.date, local.weekday).some(
    (i) => local.minuteOfDay >= parseLocalTime(i.open) && local.minuteOfDay < parseLocalTime(i.close),
  );
}
