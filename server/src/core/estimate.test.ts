import { describe, expect, it } from 'vitest';
import { callNext, closeCounter, finishService, startService } from './counter-commands.js';
import { capacityFor, estimateWait, serviceMinutes } from './estimate.js';
import { BRANCH_ID, Hall, MINUTE, makeService } from './test-support.js';

/** A hall with one service A (5 min by default) and `open` of `total` counters open, each serving only A. */
function hallWith(open: number, total = 4): Hall {
  return new Hall({
    services: [makeService('A', 'A', { defaultServiceMinutes: 5 })],
    counters: Array.from({ length: total }, (_, i) => ({
      id: `c${i + 1}`,
      number: i + 1,
      levels: { A: 1 },
      state: i < open ? ('idle' as const) : ('closed' as const),
    })),
  });
}

describe('estimateWait', () => {
  it('grows with the number of people ahead', () => {
    const hall = hallWith(1);
    const minutes = [0, 1, 2, 5, 10].map(
      (ahead) => estimateWait(hall.state, hall.service('A'), ahead).minutes,
    );
    expect(minutes).toEqual([0, 5, 10, 25, 50]);
  });

  it('shrinks as more counters open for the service', () => {
    const minutes = [1, 2, 4].map((open) => {
      const hall = hallWith(open);
      return estimateWait(hall.state, hall.service('A'), 8).minutes;
    });
    expect(minutes).toEqual([40, 20, 10]);
  });

  it('adds half a service when no counter is free', () => {
    const hall = hallWith(1, 1);
    hall.issue('A');
    hall.commit(callNext(hall.state, 'c1', hall.ctx));
    expect(capacityFor(hall.state, hall.service('A'))).toEqual({ capacity: 1, anyIdle: false });
    expect(estimateWait(hall.state, hall.service('A'), 2).minutes).toBe(13); // 2 × 5 + 2.5, rounded
  });

  it('counts configured counters as if open when none is open, and gives no estimate with none at all', () => {
    const closed = hallWith(0, 2);
    expect(capacityFor(closed.state, closed.service('A')).capacity).toBe(2);
    const none = hallWith(0, 0);
    expect(estimateWait(none.state, none.service('A'), 3)).toEqual({ minutes: null, low: null, high: null });
  });

  it('shares a counter between its best-level services that have waiting tickets, and counts 0.2 at a lower level', () => {
    const hall = new Hall({
      counters: [
        { id: 'c1', number: 1, levels: { A: 1, B: 1 } },
        { id: 'c2', number: 2, levels: { B: 1, A: 2 } },
      ],
    });
    // Nothing waits in B: both counters have A as their best level with work.
    expect(capacityFor(hall.state, hall.service('A')).capacity).toBeCloseTo(2);
    hall.issue('B');
    expect(capacityFor(hall.state, hall.service('A')).capacity).toBeCloseTo(0.5 + 0.2);
  });

  it('gives a range from −20 % to +25 %, at least a minute wide', () => {
    const hall = hallWith(1);
    expect(estimateWait(hall.state, hall.service('A'), 4)).toEqual({ minutes: 20, low: 16, high: 25 });
    expect(estimateWait(hall.state, hall.service('A'), 0)).toEqual({ minutes: 0, low: 0, high: 1 });
  });
});

describe('serviceMinutes', () => {
  it('uses the configured default until real durations are recorded', () => {
    const hall = hallWith(1);
    expect(serviceMinutes(hall.state, hall.service('A'))).toBe(5);
  });

  it.each([
    [1, 5 * 0.9 + 20 * 0.1],
    [5, 5 * 0.5 + 20 * 0.5],
    [10, 20],
    [30, 20],
  ])('blends %i real 20-minute services with the default', (samples, expected) => {
    const hall = hallWith(1);
    hall.state.serviceDurations.set('A', Array(samples).fill(20 * MINUTE));
    expect(serviceMinutes(hall.state, hall.service('A'))).toBeCloseTo(expected);
  });

  it('is fed by real service durations from start to finish', () => {
    const hall = hallWith(1);
    for (let i = 0; i < 10; i++) {
      hall.issue('A');
      hall.commit(callNext(hall.state, 'c1', hall.ctx));
      hall.advance(1);
      hall.commit(startService(hall.state, 'c1', hall.ctx));
      hall.advance(12);
      hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    }
    expect(serviceMinutes(hall.state, hall.service('A'))).toBeCloseTo(12);
    expect(estimateWait(hall.state, hall.service('A'), 3).minutes).toBe(36);
  });

  it("keeps only the branch's ewtSampleSize most recent durations", () => {
    const hall = hallWith(1);
    const size = hall.state.branches.get(BRANCH_ID)?.ewtSampleSize ?? 0;
    expect(size).toBeGreaterThan(0);
    for (let i = 0; i < size + 5; i++) {
      hall.issue('A');
      hall.commit(callNext(hall.state, 'c1', hall.ctx));
      hall.advance(i < 5 ? 60 : 2);
      hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    }
    expect(hall.state.serviceDurations.get('A')).toEqual(Array(size).fill(2 * MINUTE));
  });
});

describe('estimate stored at issue', () => {
  it('stores the estimate given at issue on the ticket, longer for each later ticket', () => {
    const hall = hallWith(1);
    const tickets = [hall.issue('A'), hall.issue('A'), hall.issue('A')];
    // The simulated call order: each service 5 min plus a 30 s walk.
    expect(tickets.map((t) => t.estimatedWaitAtIssue)).toEqual([0, 6, 11]);
  });

  it('a ticket keeps its estimate when the hall changes afterwards', () => {
    const hall = hallWith(2);
    hall.issue('A');
    const t = hall.issue('A');
    expect(t.estimatedWaitAtIssue).toBe(0); // the second free counter calls it at once
    hall.commit(closeCounter(hall.state, 'c2', 'sick', hall.ctx));
    expect(hall.ticket(t.id).estimatedWaitAtIssue).toBe(0);
    expect(hall.issue('A').estimatedWaitAtIssue).toBe(11);
  });
});
