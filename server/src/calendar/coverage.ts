import { addDays, isCovered, type WorkingCalendar } from '../core/calendar.js';

/** How far ahead a missing year of holiday data is worth a warning: deadlines run 15 working days. */
export const COVERAGE_LOOKAHEAD_DAYS = 31;

/**
 * The warning health gives when a branch on the Chinese calendar will soon run on dates the
 * holiday data does not know (chinese-days is updated when the State Council publishes the next
 * year, usually in November). Without it, 春节 would count as working days for case deadlines
 * and opening hours, silently. `null` when every branch is covered for the look-ahead.
 */
export function calendarCoverageWarning(
  calendar: WorkingCalendar,
  today: string,
  branchesOnCn: readonly { id: string; ownDates: readonly string[] }[],
): string | null {
  const ahead = addDays(today, COVERAGE_LOOKAHEAD_DAYS);
  if (isCovered(calendar, ahead)) return null;
  const year = Number(ahead.slice(0, 4));
  // A branch that entered that year's dates itself has done what the missing data would do.
  const uncovered = branchesOnCn.filter((b) => !b.ownDates.some((d) => Number(d.slice(0, 4)) === year));
  if (!uncovered.length) return null;
  const last = Math.max(0, ...calendar.coveredYears);
  return (
    `HOLIDAY_DATA_ENDS: the Chinese holiday calendar (chinese-days) covers years up to ${last}; ` +
    `from ${year}-01-01 statutory holidays and 调休 days are unknown to branches ${uncovered.map((b) => b.id).join(', ')}. ` +
    'Update chinese-days or enter the dates on the Branch screen.'
  );
}
