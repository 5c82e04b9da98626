/**
 * Report periods as the server takes them: local dates (YYYY-MM-DD) of the branch, both ends
 * included. Date arithmetic is on calendar dates (UTC midnight), so no time zone or DST shift can
 * move a day; "today" is read in the branch's own zone, not the browser's.
 */
export type PeriodKind = 'day' | 'week' | 'month' | 'custom';
export interface DatePeriod {
  from: string;
  to: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date in a time zone (the branch's). */
export function todayIn(timezone: string, at: number = Date.now()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

function toUtc(date: string): Date {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
const fromUtc = (d: Date) => d.toISOString().slice(0, 10);

export const isDate = (s: string) => DATE.test(s) && fromUtc(toUtc(s)) === s;

export function addDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** ISO weekday, Monday = 1 … Sunday = 7 (weeks start on Monday, as in China). */
export function isoWeekday(date: string): number {
  return ((toUtc(date).getUTCDay() + 6) % 7) + 1;
}

/** The day, week (Monday–Sunday) or month that holds `anchor`. */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, anchor: string): DatePeriod {
  if (kind === 'day') return { from: anchor, to: anchor };
  if (kind === 'week') {
    const from = addDays(anchor, 1 - isoWeekday(anchor));
    return { from, to: addDays(from, 6) };
  }
  const d = toUtc(anchor);
  const from = fromUtc(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  const to = fromUtc(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
  return { from, to };
}

/** The period before (-1) or after (+1) one of the same kind. */
export function shiftPeriod(kind: PeriodKind, p: DatePeriod, step: -1 | 1): DatePeriod {
  if (kind === 'day' || kind === 'week') {
    const n = (kind === 'day' ? 1 : 7) * step;
    return { from: addDays(p.from, n), to: addDays(p.to, n) };
  }
  if (kind === 'month') {
    const d = toUtc(p.from);
    return periodOf('month', fromUtc(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1))));
  }
  const length = Math.round((toUtc(p.to).getTime() - toUtc(p.from).getTime()) / 86_400_000) + 1;
  return { from: addDays(p.from, step * length), to: addDays(p.to, step * length) };
}

/** Seconds as h:mm:ss (exact: no rounding of whole seconds). */
export function hms(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Seconds as m:ss, for a tooltip next to the exact figure. */
export function mss(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A figure as the API gave it; a missing one is a dash. */
export const fig = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : String(v);

/** not rated ÷ served, one decimal, as kpis.md defines 未评率. */
export function notRatedRate(notRated: number, served: number): number | null {
  return served ? Math.round((notRated / served) * 1000) / 10 : null;
}
