import { describe, expect, it } from 'vitest';
import type { WorkingCalendar } from '../core/calendar.js';
import { calendarCoverageWarning } from './coverage.js';

const calendar: WorkingCalendar = {
  holidays: new Map([['2026-10-01', '国庆节 National Day']]),
  makeupDays: new Map(),
  weekend: [6, 7],
  coveredYears: [2025, 2026],
};
const hall = { id: 'b1', ownDates: [] as string[] };

describe('holiday data coverage warning', () => {
  it('is silent while a month ahead is still covered', () => {
    expect(calendarCoverageWarning(calendar, '2026-11-30', [hall])).toBeNull();
  });

  it('warns a month before the data ends, naming the branch and the year', () => {
    const w = calendarCoverageWarning(calendar, '2026-12-01', [hall]);
    expect(w).toMatch(/^HOLIDAY_DATA_ENDS/);
    expect(w).toContain('up to 2026');
    expect(w).toContain('2027-01-01');
    expect(w).toContain('b1');
  });

  it('is silent for a branch that entered the next year’s dates itself, or when no branch uses it', () => {
    expect(
      calendarCoverageWarning(calendar, '2026-12-15', [{ id: 'b1', ownDates: ['2027-02-17'] }]),
    ).toBeNull();
    expect(calendarCoverageWarning(calendar, '2026-12-15', [])).toBeNull();
  });
});
