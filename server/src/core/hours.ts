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
