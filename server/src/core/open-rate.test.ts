import { describe, expect, it } from 'vitest';
import { isoWeekday } from './calendar.js';
import { type CounterDay, type CounterOpenEvent, counterOpenRate, sumOpenRates } from './open-rate.js';
import type { Branch, OpeningInterval } from './types.js';

// Weekdays 09:00–12:00 and 13:30–17:00 (a lunch break): 180 + 210 = 390 scheduled minutes.
// 2026-10-01 is National Day (closed); Saturday 2026-10-10 is its 调休 make-up working day.
const hours: OpeningInterval[] = [
  { open: '09:00', close: '12:00' },
  { open: '13:30', close: '17:00' },
];
const branch: Pick<Branch, 'hours' | 'exceptions'> = {
  hours: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours },
  exceptions: [
    { date: '2026-10-01', intervals: [], note: '国庆节' },
    { date: '2026-10-10', intervals: hours, note: '调休' },
  ],
};
const MIN = 60;

/** A business day in a zone without offset; `events` as [type, "HH:MM", reason]. */
function day(date: string, events: [CounterOpenEvent['type'], string, string?][]): CounterDay {
  const dayStart = Date.parse(`${date}T00:00:00Z`);
  const at = (hhmm: string) => Date.parse(`${date}T${hhmm}:00Z`);
  return {
    date,
    weekday: isoWeekday(date),
    dayStart,
    dayEnd: dayStart + 86_400_000,
    events: events.map(([type, t, reason]) => ({ type, at: at(t), reason: reason ?? null })),
  };
}

describe('counterOpenRate on hand-worked days', () => {
  // Opened 08:50 (before hours), closed 10:00 "training", reopened 10:30 and kept open over
  // lunch until 17:10. In hours: 09:00–10:00 (60) + 10:30–12:00 (90) + 13:30–17:00 (210) = 360
  // of 390 → 92.3 %; 30 min closed for "training"; the 17:10 close is after hours, not counted.
  const monday = counterOpenRate(
    branch,
    day('2026-09-28', [
      ['counter.opened', '08:50'],
      ['counter.closed', '10:00', 'training'],
      ['counter.opened', '10:30'],
      ['counter.closed', '17:10', 'end of day'],
    ]),
  );

  it('a session over lunch counts only the opening hours', () => {
    expect(monday).toEqual({
      scheduledSeconds: 390 * MIN,
      openSeconds: 360 * MIN,
      closedSeconds: 30 * MIN,
      notOpenedSeconds: 0,
      closedByReason: { training: 30 * MIN },
      closes: 1,
      closesWithoutReason: 0,
      ratePercent: 92.3,
    });
  });

  it('a statutory holiday schedules nothing, so an opening there is no rate', () => {
    const holiday = counterOpenRate(
      branch,
      day('2026-10-01', [
        ['counter.opened', '10:00'],
        ['counter.closed', '11:00', ''],
      ]),
    );
    expect(holiday).toMatchObject({ scheduledSeconds: 0, openSeconds: 0, closes: 0, ratePercent: null });
  });

  // 调休 Saturday: opened late at 09:15, closed at 16:00 without a reason. Open 165 + 150 = 315
  // of 390 → 80.8 %; 15 min not opened yet, 60 min closed with no reason given.
  const makeup = counterOpenRate(
    branch,
    day('2026-10-10', [
      ['counter.opened', '09:15'],
      ['counter.closed', '16:00', '  '],
    ]),
  );

  it('a 调休 Saturday is scheduled like a working day; a close without reason is flagged', () => {
    expect(makeup).toEqual({
      scheduledSeconds: 390 * MIN,
      openSeconds: 315 * MIN,
      closedSeconds: 75 * MIN,
      notOpenedSeconds: 15 * MIN,
      closedByReason: { '': 60 * MIN },
      closes: 1,
      closesWithoutReason: 1,
      ratePercent: 80.8,
    });
    expect(counterOpenRate(branch, day('2026-10-03', [])).scheduledSeconds).toBe(0);
  });

  const never = counterOpenRate(branch, day('2026-09-29', []));

  it('a counter never opened is closed the whole scheduled day', () => {
    expect(never).toMatchObject({
      scheduledSeconds: 390 * MIN,
      openSeconds: 0,
      closedSeconds: 390 * MIN,
      notOpenedSeconds: 390 * MIN,
      ratePercent: 0,
    });
  });

  it('a counter open since the day before is open from the start', () => {
    const carried = counterOpenRate(branch, {
      ...day('2026-09-30', [['counter.closed', '12:00', 'system']]),
      openAtStart: true,
    });
    expect(carried).toMatchObject({ openSeconds: 180 * MIN, closedByReason: { system: 210 * MIN } });
  });

  it('a period sums the seconds and takes the rate over the sums', () => {
    // 360 + 315 + 0 open of 3 × 390 scheduled = 675 / 1170 → 57.7 %.
    expect(sumOpenRates([monday, makeup, never])).toEqual({
      scheduledSeconds: 1170 * MIN,
      openSeconds: 675 * MIN,
      closedSeconds: 495 * MIN,
      notOpenedSeconds: 405 * MIN,
      closedByReason: { training: 30 * MIN, '': 60 * MIN },
      closes: 2,
      closesWithoutReason: 1,
      ratePercent: 57.7,
    });
  });
});

describe("a counter's own published hours", () => {
  // Counter ctr-9 is published mornings only, 08:00–12:30 on weekdays: inside the branch's
  // hours that is 09:00–12:00 (180 min); counters without their own hours keep the branch's.
  const morning = [{ open: '08:00', close: '12:30' }];
  const withOwn = { ...branch, counterHours: { 'ctr-9': { 1: morning, 2: morning, 3: morning } } };
  const mine = (date: string, events: Parameters<typeof day>[1]) => ({
    ...day(date, events),
    counterId: 'ctr-9',
  });

  it('schedules only its own hours, so an afternoon closed is not held against it', () => {
    const monday = counterOpenRate(
      withOwn,
      mine('2026-09-28', [
        ['counter.opened', '09:10'],
        ['counter.closed', '12:00', 'end of shift'],
      ]),
    );
    expect(monday).toMatchObject({
      scheduledSeconds: 180 * MIN,
      openSeconds: 170 * MIN,
      notOpenedSeconds: 10 * MIN,
      closes: 0,
      ratePercent: 94.4,
    });
    // Another counter of the same branch is still scheduled for the branch's 390 minutes.
    expect(counterOpenRate(withOwn, { ...day('2026-09-28', []), counterId: 'ctr-1' }).scheduledSeconds).toBe(
      390 * MIN,
    );
    // Thursday is not among its days: nothing scheduled.
    expect(counterOpenRate(withOwn, mine('2026-10-08', [])).scheduledSeconds).toBe(0);
  });

  it('follows the calendar: closed on a statutory holiday, the branch hours on a 调休 day', () => {
    expect(counterOpenRate(withOwn, mine('2026-10-01', [])).scheduledSeconds).toBe(0);
    expect(counterOpenRate(withOwn, mine('2026-10-10', [])).scheduledSeconds).toBe(390 * MIN);
  });
});
