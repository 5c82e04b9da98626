import { describe, expect, it } from 'vitest';
import { chineseStatutoryCalendar } from '../calendar/chinese.js';
import {
  addDays,
  addWorkingDays,
  dayKind,
  isCovered,
  isoWeekday,
  weekendCalendar,
  withOverrides,
  workingDaysBetween,
} from './calendar.js';

const cn = chineseStatutoryCalendar();

describe('calendar dates', () => {
  it('knows ISO weekdays without a time zone', () => {
    expect(isoWeekday('2025-09-26')).toBe(5); // Friday
    expect(isoWeekday('2025-09-28')).toBe(7); // Sunday
    expect(isoWeekday('2026-11-30')).toBe(1); // Monday
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses a malformed or impossible date', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(/invalid date/);
    expect(() => isoWeekday('25-9-1')).toThrow(/invalid date/);
  });
});

describe('Chinese statutory calendar (2025 National Day: closed 10-01…10-08, make-up Sun 09-28 and Sat 10-11)', () => {
  it('classifies the days around the holiday', () => {
    expect(dayKind(cn, '2025-09-26')).toBe('working');
    expect(dayKind(cn, '2025-09-27')).toBe('weekend');
    expect(dayKind(cn, '2025-09-28')).toBe('makeup');
    expect(dayKind(cn, '2025-10-01')).toBe('holiday');
    expect(dayKind(cn, '2025-10-08')).toBe('holiday');
    expect(dayKind(cn, '2025-10-11')).toBe('makeup');
    expect(dayKind(cn, '2025-10-12')).toBe('weekend');
  });

  it('a callback due in 1 working day from Friday 09-26 falls on the make-up Sunday 09-28', () => {
    expect(addWorkingDays(cn, '2025-09-26', 1)).toBe('2025-09-28');
  });

  it('counts 15 working days across the holiday by hand', () => {
    // From Fri 09-26: 09-28 (1, make-up), 09-29 (2), 09-30 (3), [10-01…10-08 closed], 10-09 (4),
    // 10-10 (5), 10-11 (6, make-up Saturday), [10-12 Sun], 10-13…10-17 (7–11), [18, 19],
    // 10-20…10-23 (12–15).
    expect(addWorkingDays(cn, '2025-09-26', 15)).toBe('2025-10-23');
    expect(workingDaysBetween(cn, '2025-09-26', '2025-10-23')).toBe(15);
  });

  it('n = 0 is the day itself when it works, else the next working day', () => {
    expect(addWorkingDays(cn, '2025-09-26', 0)).toBe('2025-09-26');
    expect(addWorkingDays(cn, '2025-10-03', 0)).toBe('2025-10-09');
  });

  it('says which years its data covers', () => {
    expect(isCovered(cn, '2025-10-01')).toBe(true);
    expect(isCovered(cn, '2099-10-01')).toBe(false);
  });
});

describe('branch overrides and other countries', () => {
  it('a local holiday closes a working day; an extra working Saturday opens', () => {
    const local = withOverrides(cn, [
      { date: '2025-09-29', kind: 'holiday', name: 'local' },
      { date: '2025-10-18', kind: 'working' },
    ]);
    expect(dayKind(local, '2025-09-29')).toBe('holiday');
    expect(dayKind(local, '2025-10-18')).toBe('makeup');
    expect(addWorkingDays(local, '2025-09-26', 2)).toBe('2025-09-30');
  });

  it('a working override on a statutory holiday reopens it', () => {
    expect(dayKind(withOverrides(cn, [{ date: '2025-10-08', kind: 'working' }]), '2025-10-08')).toBe(
      'working',
    );
  });

  it('a weekend-only calendar with listed holidays (France, 14 July 2025 is a Monday)', () => {
    const fr = withOverrides(weekendCalendar(), [
      { date: '2025-07-14', kind: 'holiday', name: 'Fête nationale' },
    ]);
    expect(addWorkingDays(fr, '2025-07-11', 1)).toBe('2025-07-15');
  });

  it('refuses a negative count and a calendar with no working day', () => {
    expect(() => addWorkingDays(cn, '2025-09-26', -1)).toThrow(/whole number/);
    expect(() => addWorkingDays(weekendCalendar([1, 2, 3, 4, 5, 6, 7]), '2025-01-01', 1)).toThrow(
      /closes every day/,
    );
  });
});
