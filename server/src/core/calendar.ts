/**
 * The branch's working-day calendar: which local dates the hall works, with statutory holidays
 * and the make-up working days (调休) that move a weekend day into the working week.
 *
 * Case deadlines are counted in working days of this calendar (a 差评 callback is due one
 * working day later, a resolution fifteen), and opening hours close the hall on a holiday.
 * Pure: the holiday data is handed in (see server/src/calendar for where it comes from).
 */

export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeup';

export interface CalendarOverride {
  date: string; // YYYY-MM-DD
  /** `holiday`: closed although the base calendar works; `working`: works although it does not. */
  kind: 'holiday' | 'working';
  name?: string;
}

export interface WorkingCalendar {
  /** Closed dates with their name (e.g. "国庆节 National Day"). */
  holidays: ReadonlyMap<string, string>;
  /** Weekend dates that are working days (调休). */
  makeupDays: ReadonlyMap<string, string>;
  /** ISO weekdays (Monday = 1) that are not working days unless made up. */
  weekend: readonly number[];
  /** Years the holiday data covers; outside them only weekends and overrides are known. */
  coveredYears: readonly number[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcDay(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`invalid date "${date}" (expected YYYY-MM-DD)`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(day).toISOString().slice(0, 10) !== date) throw new Error(`invalid date "${date}"`);
  return day;
}

function fromUtcDay(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date (Monday = 1 … Sunday = 7), independent of any time zone. */
export function isoWeekday(date: string): number {
  const d = new Date(toUtcDay(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return fromUtcDay(toUtcDay(date) + days * 86_400_000);
}

export function dayKind(calendar: WorkingCalendar, date: string): DayKind {
  if (calendar.holidays.has(date)) return 'holiday';
  if (calendar.makeupDays.has(date)) return 'makeup';
  return calendar.weekend.includes(isoWeekday(date)) ? 'weekend' : 'working';
}

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const kind = dayKind(calendar, date);
  return kind === 'working' || kind === 'makeup';
}

/** Whether the holiday data knows the year of `date` (a deadline past it may move when it is published). */
export function isCovered(calendar: WorkingCalendar, date: string): boolean {
  return calendar.coveredYears.includes(Number(date.slice(0, 4)));
}

/**
 * The `n`-th working day after `date` (n ≥ 1): a case opened on a Friday before a week-long
 * holiday with a one-day callback rule is due on the first working day after it, which may be
 * a make-up Saturday. `n = 0` gives `date` itself when it is a working day, else the next one.
 */
export function addWorkingDays(calendar: WorkingCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0, got ${n}`);
  let current = date;
  if (n === 0) {
    while (!isWorkingDay(calendar, current)) current = addDays(current, 1);
    return current;
  }
  let left = n;
  // A year of holidays never holds more than ~120 closed days in a row of working days asked
  // for; the bound only guards against a calendar that marks every day closed.
  for (let guard = 0; guard < n * 7 + 400; guard++) {
    current = addDays(current, 1);
    if (isWorkingDay(calendar, current) && --left === 0) return current;
  }
  throw new Error(`no ${n} working days found after ${date}: the calendar closes every day`);
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) count++;
  return count;
}

/** The base calendar with a branch's own changes on top (a local holiday, an extra working day). */
export function withOverrides(
  base: WorkingCalendar,
  overrides: readonly CalendarOverride[],
): WorkingCalendar {
  const holidays = new Map(base.holidays);
  const makeupDays = new Map(base.makeupDays);
  for (const o of overrides) {
    toUtcDay(o.date);
    holidays.delete(o.date);
    makeupDays.delete(o.date);
    const weekend = base.weekend.includes(isoWeekday(o.date));
    if (o.kind === 'holiday') holidays.set(o.date, o.name ?? '');
    else if (weekend) makeupDays.set(o.date, o.name ?? '');
  }
  return { ...base, holidays, makeupDays };
}

/** A calendar with weekends only: for countries whose public holidays the manager lists as overrides. */
export function weekendCalendar(weekend: readonly number[] = [6, 7]): WorkingCalendar {
  return { holidays: new Map(), makeupDays: new Map(), weekend, coveredYears: [] };
}
