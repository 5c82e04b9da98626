import { describe, expect, it } from 'vitest';
import { called, ev, issued, reinstatedNoShow, transferredTicket } from './event-fixtures.js';
import type { DomainEvent } from './events.js';
import { ticketLegs } from './legs.js';
import { summarize, type TicketFacts } from './report-summary.js';

const facts = (events: DomainEvent[], rating?: number | null): TicketFacts => ({
  ticketId: (events[0] as { ticketId: string }).ticketId,
  issuedAt: events[0]?.at ?? 0,
  legs: ticketLegs(events),
  ...(rating === undefined ? {} : { rating }),
});

// A known morning, Asia/Shanghai, every target 10 minutes:
const day = [
  // A001: waits 300 s at ctr-1 (u1), handled 740 s with a 2-minute park, rated 5.
  facts(
    [
      issued('A001', 'svc-a', '09:00:00'),
      called('A001', '09:05:00', 'ctr-1', 'u1'),
      ev('A001', 'ticket.started', '09:05:40'),
      ev('A001', 'ticket.parked', '09:10:00'),
      ev('A001', 'ticket.called', '09:12:00', { rule: 'callback', detail: '', callCount: 1 }, 'ctr-1'),
      ev('A001', 'ticket.finished', '09:20:00', { outcome: 'served' }),
    ],
    5,
  ),
  // B002: 120 s then handled 300 s at ctr-2 (u2), transferred to svc-m; waits 1,260 s, served 540 s by u3; rated 2.
  facts(transferredTicket(), 2),
  // C003: called after 600 s by u1, no-show, reinstated at 10:30, called by u2 at 10:35, served 600 s; not rated.
  facts(reinstatedNoShow(), null),
  // D004: left uncalled after 30 minutes.
  facts([issued('D004', 'svc-d', '11:00:00'), ev('D004', 'ticket.cancelled', '11:30:00', { by: 'holder' })]),
];
const target = () => 600;

describe('summarize a known morning (figures worked out by hand)', () => {
  it('by day: ticket outcomes, waits over every leg, service level and ratings', () => {
    const { rows, totals } = summarize(day, 'day', 'Asia/Shanghai', target);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({ ...totals, key: '2026-03-02' });
    expect(totals).toEqual({
      key: 'total',
      issued: 4,
      served: 3, // C003's no-show was reinstated: its outcome is served
      noShow: 0,
      abandoned: 1,
      transferred: 1,
      // waits 120, 300, 300, 600, 1260
      waitMeanSeconds: 516,
      waitMedianSeconds: 300,
      waitP90Seconds: 1260,
      waitMaxSeconds: 1260,
      // handles 740, 300 (the transferred leg), 540, 600
      handleMeanSeconds: 545,
      // 4 of 5 calls within 600 s, plus D004 left after 1,800 s: 4 / 6
      slaPercent: 66.7,
      ratings: { count: 2, byLevel: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 }, bad: 1, notRated: 1 },
      excluded: { wait: 0, handle: 0 },
    });
  });

  it('by hour and weekday-hour key on the local issue time', () => {
    expect(summarize(day, 'hour', 'Asia/Shanghai', target).rows.map((r) => [r.key, r.issued])).toEqual([
      ['09', 2],
      ['10', 1],
      ['11', 1],
    ]);
    expect(summarize(day, 'weekday-hour', 'Asia/Shanghai', target).rows[0]?.key).toBe('1-09');
    // The same instants seen from Paris fall on other hours (UTC+1 in March).
    expect(summarize(day, 'hour', 'Europe/Paris', target).rows[0]?.key).toBe('02');
  });

  it('by service: a transferred ticket counts in both services, a reinstated no-show is not an outcome', () => {
    const rows = summarize(day, 'service', 'Asia/Shanghai', target).rows;
    const pick = (k: string) => rows.find((r) => r.key === k);
    expect(pick('svc-b')).toMatchObject({ issued: 1, served: 0, transferred: 1, waitMeanSeconds: 120 });
    expect(pick('svc-m')).toMatchObject({ issued: 1, served: 1, waitMeanSeconds: 1260, slaPercent: 0 });
    expect(pick('svc-c')).toMatchObject({ issued: 1, served: 1, noShow: 0, waitMeanSeconds: 450 });
    expect(pick('svc-d')).toMatchObject({ issued: 1, abandoned: 1, waitMeanSeconds: null, slaPercent: 0 });
  });

  it('by clerk: the no-show a clerk marked counts for them; the rating goes to who served', () => {
    const rows = summarize(day, 'clerk', 'Asia/Shanghai', target).rows;
    expect(rows.map((r) => r.key)).toEqual(['u1', 'u2', 'u3']);
    expect(rows[0]).toMatchObject({
      issued: 2,
      served: 1,
      noShow: 1,
      ratings: { count: 1, bad: 0, notRated: 0 },
    });
    expect(rows[1]).toMatchObject({
      issued: 2,
      served: 1,
      transferred: 1,
      ratings: { count: 0, notRated: 1 },
    });
    expect(rows[2]).toMatchObject({ issued: 1, served: 1, ratings: { count: 1, bad: 1 } });
  });

  it('excludes and counts implausible segments (a clerk who never pressed call for 5 hours)', () => {
    const late = facts([
      issued('E005', 'svc-a', '08:00:00'),
      called('E005', '13:00:01', 'ctr-1', 'u1'),
      ev('E005', 'ticket.finished', '13:05:01', { outcome: 'served' }),
    ]);
    const { totals } = summarize([late], 'day', 'Asia/Shanghai', target);
    expect(totals).toMatchObject({ served: 1, waitMeanSeconds: null, excluded: { wait: 1, handle: 0 } });
  });
});
