import { DAY_MINUTE, formatterPerZone, localParts } from '../../core/time.js';

/** Calendar helpers for report periods: local dates of the branch, DST-safe. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The earliest of some YYYY-MM-DD dates (they sort as strings). */
export const earliest = (...dates: string[]): string => dates.sort()[0] ?? '';

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** ISO weekday (Monday 1 … Sunday 7) of a calendar date; the same in every zone. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/**
 * The instant local midnight begins `date` in `timezone`. Starts from UTC midnight and moves by
 * the zone's offset read back through Intl; the second pass settles a DST change between.
 */
export function dayStart(date: string, timezone: string): number {
  const target = Date.parse(`${date}T00:00:00Z`);
  let t = target;
  for (let i = 0; i < 3; i++) {
    const p = localParts(t, timezone);
    const local = Date.parse(`${p.date}T00:00:00Z`) + p.minuteOfDay * 60_000;
    const diff = local - target;
    if (diff === 0) break;
    t -= diff;
  }
  return t;
}

// Swedish writes dates year first: "2026-03-29 09:05:40".
const dateTimeFormat = formatterPerZone('sv-SE', { ...DAY_MINUTE, second: '2-digit' });

/** "2026-03-29 09:05:40" in the branch's zone, for tables and exports. */
export function localDateTime(at: number | null, timezone: string): string | null {
  return at === null ? null : dateTimeFormat(timezone).format(new Date(at));
}
