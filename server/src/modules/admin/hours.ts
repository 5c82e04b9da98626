import { chineseStatutoryCalendar } from '../../calendar/chinese.js';
import type { Branch, DateException, WeeklyHours } from '../../core/index.js';

const allDay = [{ open: '00:00', close: '24:00' }];
/** A branch created without hours is open around the clock until its hours are set. */
export const ALL_DAY_HOURS: WeeklyHours = {
  1: allDay,
  2: allDay,
  3: allDay,
  4: allDay,
  5: allDay,
  6: allDay,
  7: allDay,
};

export type HolidayCalendar = 'cn' | 'none';

/**
 * The dated exceptions a branch runs on: the Chinese statutory holidays (closed) and make-up
 * working days (调休: Monday's hours) of this year and the next, then the branch's own
 * exceptions on top (a branch that opens on a holiday says so for that date).
 */
export function effectiveExceptions(
  calendar: HolidayCalendar,
  hours: WeeklyHours,
  own: DateException[],
  year: number,
): DateException[] {
  const byDate = new Map<string, DateException>();
  if (calendar === 'cn') {
    const cn = chineseStatutoryCalendar();
    const inRange = (d: string) => Number(d.slice(0, 4)) === year || Number(d.slice(0, 4)) === year + 1;
    for (const [date, note] of cn.holidays)
      if (inRange(date)) byDate.set(date, { date, intervals: [], note });
    for (const [date, note] of cn.makeupDays)
      if (inRange(date)) byDate.set(date, { date, intervals: hours[1] ?? [], note });
  }
  for (const e of own) byDate.set(e.date, e);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)).slice(0, 400);
}

/**
 * The branch with one service's or counter's own hours set (a value), dropped (null) or kept
 * (undefined); null when nothing changes, so no branch event is emitted.
 */
export function withOwnHours<K extends 'serviceHours' | 'counterHours'>(
  branch: Branch,
  key: K,
  id: string,
  hours: NonNullable<Branch[K]>[string] | null | undefined,
): Branch | null {
  const all: Record<string, unknown> = { ...branch[key] };
  if (hours) all[id] = hours;
  if (hours === null) delete all[id];
  if (JSON.stringify(all) === JSON.stringify(branch[key] ?? {})) return null;
  const next: Branch = { ...branch };
  if (Object.keys(all).length) next[key] = all as Branch[K];
  else delete next[key];
  return next;
}
