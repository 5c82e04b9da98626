/**
 * The business day, the numbering and the opening hours follow the branch's local time, in
 * zones away from UTC and across daylight-saving changes (Europe/Paris: 2026-03-29 and
 * 2026-10-25; America/New_York: 2026-03-08 and 2026-11-01).
 */
import { describe, expect, it } from 'vitest';
import { counterInHours, counterIntervalsOn, openingStatus } from './hours.js';
import { issueTicket } from './issue.js';
import { BRANCH_ID, codeOf, everyDay, Hall } from './test-support.js';
import { rollover } from './ticket-commands.js';
import { businessDay, localParts, parseLocalTime } from './time.js';
import type { Branch } from './types.js';

const utc = (iso: string): number => Date.parse(`${iso}Z`);

describe('localParts and businessDay', () => {
  it.each([
    // zone, instant (UTC), local date, local time
    ['Europe/Paris', '2026-01-15T23:00', '2026-01-16', '00:00'],
    ['Europe/Paris', '2026-03-28T22:59', '2026-03-28', '23:59'], // CET, +1
    ['Europe/Paris', '2026-03-28T23:01', '2026-03-29', '00:01'],
    ['Europe/Paris', '2026-03-29T00:59', '2026-03-29', '01:59'],
    ['Europe/Paris', '2026-03-29T01:00', '2026-03-29', '03:00'], // clocks jump forward
    ['Europe/Paris', '2026-03-29T21:59', '2026-03-29', '23:59'], // CEST, +2
    ['Europe/Paris', '2026-03-29T22:01', '2026-03-30', '00:01'],
    ['Europe/Paris', '2026-10-24T21:59', '2026-10-24', '23:59'], // CEST
    ['Europe/Paris', '2026-10-24T22:01', '2026-10-25', '00:01'],
    ['Europe/Paris', '2026-10-25T00:59', '2026-10-25', '02:59'],
    ['Europe/Paris', '2026-10-25T01:00', '2026-10-25', '02:00'], // clocks fall back
    ['Europe/Paris', '2026-10-25T22:59', '2026-10-25', '23:59'], // CET
    ['Europe/Paris', '2026-10-25T23:01', '2026-10-26', '00:01'],
    ['America/New_York', '2026-03-08T04:59', '2026-03-07', '23:59'], // EST, −5
    ['America/New_York', '2026-03-08T05:01', '2026-03-08', '00:01'],
    ['America/New_York', '2026-03-09T03:59', '2026-03-08', '23:59'], // EDT, −4
    ['America/New_York', '2026-03-09T04:01', '2026-03-09', '00:01'],
    ['America/New_York', '2026-11-01T03:59', '2026-10-31', '23:59'],
    ['America/New_York', '2026-11-01T04:01', '2026-11-01', '00:01'],
    ['America/New_York', '2026-11-02T04:59', '2026-11-01', '23:59'],
    ['America/New_York', '2026-11-02T05:01', '2026-11-02', '00:01'],
    ['America/New_York', '2026-01-16T00:00', '2026-01-15', '19:00'], // UTC midnight, local evening
    ['America/Los_Angeles', '2026-07-16T00:00', '2026-07-15', '17:00'],
    ['Asia/Shanghai', '2026-01-15T16:00', '2026-01-16', '00:00'],
    ['Asia/Shanghai', '2026-01-15T15:59', '2026-01-15', '23:59'],
  ])('%s at %sZ is %s %s local', (zone, iso, date, hhmm) => {
    const parts = localParts(utc(iso), zone);
    expect(parts.date).toBe(date);
    expect(parts.minuteOfDay).toBe(parseLocalTime(hhmm));
    expect(businessDay(utc(iso), zone)).toBe(date);
  });

  it('reads the local weekday, not the UTC one', () => {
    // Monday 07:30 in Shanghai is still Sunday in UTC.
    expect(localParts(utc('2026-01-18T23:30'), 'Asia/Shanghai').weekday).toBe(1);
    expect(localParts(utc('2026-01-18T23:30'), 'UTC').weekday).toBe(7);
  });
});

/** A hall in `timezone` open around the clock, issuing until midnight. */
const allDayHall = (timezone: string, now: number) =>
  new Hall({ branch: { timezone, hours: everyDay('00:00', '24:00'), issueCutoffMinutes: 0 }, now });

describe('numbering across local midnight', () => {
  it.each([
    ['Europe/Paris', 'before spring forward', '2026-03-28T22:59', '2026-03-28T23:01', '2026-03-29'],
    ['Europe/Paris', 'after spring forward', '2026-03-29T21:59', '2026-03-29T22:01', '2026-03-30'],
    ['Europe/Paris', 'before fall back', '2026-10-24T21:59', '2026-10-24T22:01', '2026-10-25'],
    ['Europe/Paris', 'after fall back', '2026-10-25T22:59', '2026-10-25T23:01', '2026-10-26'],
    ['America/New_York', 'before spring forward', '2026-03-08T04:59', '2026-03-08T05:01', '2026-03-08'],
    ['America/New_York', 'after spring forward', '2026-03-09T03:59', '2026-03-09T04:01', '2026-03-09'],
    ['America/New_York', 'before fall back', '2026-11-01T03:59', '2026-11-01T04:01', '2026-11-01'],
    ['America/New_York', 'after fall back', '2026-11-02T04:59', '2026-11-02T05:01', '2026-11-02'],
  ])(
    '%s, %s: 23:59 and 00:01 local are different days and numbering restarts at 001',
    (zone, _label, lastMinute, firstMinute, newDay) => {
      const hall = allDayHall(zone, utc(lastMinute) - 60 * 60_000);
      hall.issue('A');
      hall.setNow(utc(lastMinute));
      const late = hall.issue('A');
      expect(late.code).toBe('A002');
      hall.setNow(utc(firstMinute));
      const early = hall.issue('A');
      expect(early).toMatchObject({ code: 'A001', seq: 1, businessDay: newDay });
      expect(early.businessDay).not.toBe(late.businessDay);
      const rolled = hall.commit(rollover(hall.state, BRANCH_ID, hall.ctx));
      expect(rolled).toMatchObject([{ type: 'day.rolled', businessDay: newDay }]);
      expect(hall.issue('A').code).toBe('A002');
    },
  );
});

describe('UTC midnight that is not local midnight', () => {
  // TheQ reset its numbers when the UTC date changed: at 5 pm on the US west coast.
  it.each([
    ['America/Los_Angeles', '2026-07-15T23:30', '2026-07-16T00:30', '2026-07-15'], // 16:30 → 17:30 PDT
    ['America/New_York', '2026-01-15T23:30', '2026-01-16T00:30', '2026-01-15'], // 18:30 → 19:30 EST
    ['America/New_York', '2026-11-01T23:30', '2026-11-02T00:30', '2026-11-01'], // first evening after fall back
    ['Asia/Shanghai', '2026-01-15T23:30', '2026-01-16T00:30', '2026-01-16'], // 07:30 → 08:30 CST
  ])('%s: issuing on both sides of %sZ → %sZ keeps numbering on %s', (zone, before, after, day) => {
    const hall = new Hall({
      branch: { timezone: zone, hours: everyDay('07:00', '22:00'), issueCutoffMinutes: 0 },
      now: utc(before),
    });
    hall.state.currentDay.set(BRANCH_ID, day);
    const first = hall.issue('A');
    hall.setNow(utc(after));
    expect(hall.commit(rollover(hall.state, BRANCH_ID, hall.ctx))).toEqual([]);
    const second = hall.issue('A');
    expect([first.code, second.code]).toEqual(['A001', 'A002']);
    expect([first.businessDay, second.businessDay]).toEqual([day, day]);
  });
});

describe('opening hours follow local time', () => {
  // Hours 08:00–18:00 every day, no cutoff.
  it.each([
    ['Europe/Paris', '2026-03-28T06:59', false], // Saturday 07:59 CET
    ['Europe/Paris', '2026-03-28T07:00', true], // Saturday 08:00 CET
    ['Europe/Paris', '2026-03-29T05:59', false], // Sunday 07:59 CEST (06:59 in winter time)
    ['Europe/Paris', '2026-03-29T06:00', true], // Sunday 08:00 CEST
    ['Europe/Paris', '2026-03-29T15:59', true], // 17:59 CEST
    ['Europe/Paris', '2026-03-29T16:00', false], // 18:00 CEST
    ['Europe/Paris', '2026-10-25T06:59', false], // Sunday 07:59 CET (08:59 in summer time)
    ['Europe/Paris', '2026-10-25T07:00', true], // 08:00 CET
    ['Europe/Paris', '2026-10-25T16:59', true], // 17:59 CET
    ['Europe/Paris', '2026-10-25T17:00', false], // 18:00 CET
    ['America/New_York', '2026-03-08T11:59', false], // 07:59 EDT
    ['America/New_York', '2026-03-08T12:00', true], // 08:00 EDT
    ['America/New_York', '2026-11-01T12:59', false], // 07:59 EST
    ['America/New_York', '2026-11-01T13:00', true], // 08:00 EST
    ['America/New_York', '2026-11-01T22:59', true], // 17:59 EST
    ['America/New_York', '2026-11-01T23:00', false], // 18:00 EST
  ])('%s at %sZ is open: %s', (zone, iso, open) => {
    const hall = new Hall({
      branch: { timezone: zone, hours: everyDay('08:00', '18:00'), issueCutoffMinutes: 0 },
      now: utc(iso),
    });
    expect(openingStatus(hall.branch, hall.now).open).toBe(open);
    const r = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
      hall.ctx,
    );
    expect(codeOf(r)).toBe(open ? 'ok' : 'OUTSIDE_OPENING_HOURS');
  });

  it('uses the local weekday: Monday morning in Shanghai is open although it is Sunday in UTC', () => {
    const weekdays = { 1: [{ open: '07:00', close: '17:00' }], 6: [] };
    const hall = new Hall({
      branch: { timezone: 'Asia/Shanghai', hours: weekdays },
      now: utc('2026-01-18T23:30'),
    });
    expect(hall.issue('A').businessDay).toBe('2026-01-19');
    hall.setNow(utc('2026-01-23T23:30')); // Saturday 07:30 local, Friday in UTC
    expect(openingStatus(hall.branch, hall.now)).toEqual({
      open: false,
      reason: 'OUTSIDE_OPENING_HOURS',
      holiday: false,
    });
  });

  it('a dated exception applies on the local date, not the UTC one', () => {
    const hall = new Hall({
      branch: {
        timezone: 'America/New_York',
        hours: everyDay('08:00', '22:00'),
        exceptions: [{ date: '2026-07-04', intervals: [], note: 'Independence Day' }],
        issueCutoffMinutes: 0,
      },
      now: utc('2026-07-04T01:00'), // 21:00 on 3 July, local
    });
    expect(openingStatus(hall.branch, hall.now).open).toBe(true);
    hall.setNow(utc('2026-07-04T13:00')); // 09:00 on 4 July
    expect(openingStatus(hall.branch, hall.now)).toMatchObject({ open: false, holiday: true });
  });

  it('a hall open until 24:00 issues in its last minute', () => {
    const hall = allDayHall('Europe/Paris', utc('2026-01-15T22:59'));
    expect(openingStatus(hall.branch, hall.now)).toEqual({ open: true, closesAtMinute: 1440, issuing: true });
  });

  it.each(['8:00', '24:01', '12:60', '25:00', ''])('parseLocalTime rejects %j', (bad) => {
    expect(() => parseLocalTime(bad)).toThrow(/invalid local time/);
  });
});

describe("a counter's published hours", () => {
  const at = (local: string) => Date.parse(`${local}+08:00`);
  const nineToFive = [{ open: '09:00', close: '17:00' }];
  const branch: Branch = {
    id: 'b',
    name: { 'zh-CN': 'b', en: 'b' },
    locales: ['zh-CN'],
    defaultLocale: 'zh-CN',
    issueCutoffMinutes: 0,
    noShowAfterRecalls: 2,
    reinstatePlacesBack: 3,
    ewtSampleSize: 50,
    timezone: 'Asia/Shanghai',
    hours: { 1: nineToFive, 2: nineToFive },
    exceptions: [{ date: '2026-10-06', intervals: [], note: 'holiday' }],
    counterHours: {
      'ctr-2': {
        1: [
          { open: '07:00', close: '10:00' },
          { open: '16:00', close: '20:00' },
        ],
      },
    },
  };

  it('are its own hours cut to the branch hours; other counters keep the branch hours', () => {
    expect(counterIntervalsOn(branch, 'ctr-2', '2026-10-05', 1)).toEqual([
      { open: '09:00', close: '10:00' },
      { open: '16:00', close: '17:00' },
    ]);
    expect(counterIntervalsOn(branch, 'ctr-1', '2026-10-05', 1)).toEqual(nineToFive);
    expect(counterIntervalsOn(branch, 'ctr-2', '2026-10-06', 2)).toEqual([]);
    expect(counterInHours(branch, 'ctr-2', at('2026-10-05T09:30:00'))).toBe(true);
    expect(counterInHours(branch, 'ctr-2', at('2026-10-05T12:00:00'))).toBe(false);
    expect(counterInHours(branch, 'ctr-1', at('2026-10-05T12:00:00'))).toBe(true);
  });
});
