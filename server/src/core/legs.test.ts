import { describe, expect, it } from 'vitest';
import { at, called, ev, issued, reinstatedNoShow, transferredTicket } from './event-fixtures.js';
import { ticketLegs } from './legs.js';
import { percentile, segmentStats, serviceLevel } from './stats.js';

describe('ticketLegs: segments worked out by hand', () => {
  it('served with a park in the middle: the parked time is not handling time', () => {
    const legs = ticketLegs([
      issued('A001', 'svc-a', '09:00:00'),
      called('A001', '09:05:00', 'ctr-1', 'u1'),
      ev('A001', 'ticket.started', '09:05:40'),
      ev('A001', 'ticket.parked', '09:10:00'),
      called('A001', '09:12:00', 'ctr-1', 'u1', 'callback'),
      ev('A001', 'ticket.finished', '09:20:00', { outcome: 'served' }),
    ]);
    expect(legs).toHaveLength(1);
    expect(legs[0]).toMatchObject({
      end: 'served',
      counterId: 'ctr-1',
      clerkId: 'u1',
      waitSeconds: 300,
      walkSeconds: 40,
      parkedSeconds: 120,
      handleSeconds: 740, // 09:05:40 → 09:20:00 is 860 s, less 120 s parked
      staySeconds: 1200,
    });
  });

  it('a transfer ends one leg and starts the next, each measured on its own', () => {
    const legs = ticketLegs(transferredTicket());
    expect(legs.map((l) => [l.serviceId, l.counterId, l.clerkId, l.end])).toEqual([
      ['svc-b', 'ctr-2', 'u2', 'transferred'],
      ['svc-m', 'ctr-3', 'u3', 'served'],
    ]);
    expect(legs.map((l) => [l.waitSeconds, l.walkSeconds, l.handleSeconds, l.staySeconds])).toEqual([
      [120, 60, 300, null],
      [1260, 60, 540, 2340], // waits from the transfer at 09:09; stays from the issue at 09:01
    ]);
  });

  it('a no-show that is reinstated waits again from its reinstatement', () => {
    const legs = ticketLegs(reinstatedNoShow());
    expect(legs.map((l) => [l.end, l.waitSeconds, l.walkSeconds, l.handleSeconds])).toEqual([
      ['no_show', 600, null, null],
      ['served', 300, 0, 600], // finish without a start event: service starts at the call
    ]);
  });

  it('cancelled and reset tickets end uncalled; an open ticket stays open', () => {
    const cancelled = ticketLegs([
      issued('D004', 'svc-d', '11:00:00'),
      ev('D004', 'ticket.cancelled', '11:30:00', { by: 'holder' }),
    ]);
    expect(cancelled).toMatchObject([
      { end: 'cancelled_by_holder', waitSeconds: null, endedAt: at('11:30:00') },
    ]);
    const reset = ticketLegs([
      issued('E005', 'svc-d', '16:50:00'),
      ev('', 'day.rolled', '23:59:59', {
        ticketId: null,
        actor: { kind: 'system', id: 'system' },
        businessDay: '2026-03-03',
        closedTicketIds: ['E005'],
      }),
    ]);
    expect(reset).toMatchObject([{ end: 'reset' }]);
    expect(ticketLegs([issued('F006', 'svc-d', '12:00:00')])).toMatchObject([{ end: 'open', endedAt: null }]);
  });

  it('a log that does not start with the issue has no legs', () => {
    expect(ticketLegs([called('X', '09:00:00', 'ctr-1', 'u1')])).toEqual([]);
  });
});

describe('segment statistics', () => {
  it('mean, nearest-rank median and P90, max, with implausible values excluded and counted', () => {
    const s = segmentStats([60, 120, 180, 240, 300, 360, 420, 480, 540, 600, -5, null, 4 * 3600 + 1]);
    expect(s).toEqual({ n: 10, mean: 330, median: 300, p90: 540, max: 600, excluded: 3 });
  });

  it('empty input gives no figures, not zeros', () => {
    expect(segmentStats([])).toEqual({ n: 0, mean: null, median: null, p90: null, max: null, excluded: 0 });
    expect(percentile([], 90)).toBeNull();
  });

  it('service level counts uncalled legs only when they waited past the target', () => {
    const t = 600;
    const sl = serviceLevel([
      { waitSeconds: 300, uncalledWaitSeconds: null, targetSeconds: t }, // within
      { waitSeconds: 600, uncalledWaitSeconds: null, targetSeconds: t }, // within (≤ T)
      { waitSeconds: 900, uncalledWaitSeconds: null, targetSeconds: t }, // late
      { waitSeconds: null, uncalledWaitSeconds: 1200, targetSeconds: t }, // left after waiting too long
      { waitSeconds: null, uncalledWaitSeconds: 120, targetSeconds: t }, // left early: not counted
    ]);
    expect(sl).toEqual({ percent: 50, within: 2, counted: 4 });
  });
});
