import { describe, expect, it } from 'vitest';
import { figures, replayDay } from '../modules/reports/estimate-replay.js';
import { callNext, openCounter, startService } from './counter-commands.js';
import { estimateWait } from './estimate.js';
import { orderFor } from './routing.js';
import { BRANCH_ID, everyDay, Hall, MINUTE, makeService } from './test-support.js';
import {
  AFTER_CLOSING,
  type LaneOrders,
  simulateWait,
  simulateWith,
  WALK_MS,
  waitEstimates,
} from './wait-simulation.js';

const services = () => [
  makeService('C', 'C', { defaultServiceMinutes: 6 }),
  makeService('D', 'D', { defaultServiceMinutes: 5 }),
];
const walk = WALK_MS / MINUTE;

describe('simulateWait', () => {
  it('says no counter is open when every counter of the service is closed (the old estimate promised minutes)', () => {
    const hall = new Hall({
      services: services(),
      counters: [{ id: 'c5', number: 5, levels: { D: 1, C: 2 }, state: 'closed' }],
    });
    const s = hall.service('C');
    expect(simulateWait(hall.state, s, hall.now)).toEqual({
      minutes: null,
      low: null,
      high: null,
      status: 'no_counter_open',
    });
    expect(estimateWait(hall.state, s, 0).minutes).toBe(3); // half a service at a closed counter
    const t = hall.issue('C');
    expect(simulateWait(hall.state, s, hall.now, t).status).toBe('no_counter_open');
  });

  it('counts the level-1 tickets of the only counter that serves a service at level 2', () => {
    const hall = new Hall({
      services: services(),
      counters: [{ id: 'c5', number: 5, levels: { D: 1, C: 2 } }],
    });
    for (let i = 0; i < 5; i++) hall.issueThen('D', 0);
    const c = hall.issue('C');
    // "Next" in its own queue, sixth at the counter: five D services (walk + 5 min) first.
    expect(simulateWait(hall.state, hall.service('C'), hall.now, c).minutes).toBe(Math.round(5 * (5 + walk)));
    // The old estimate saw nobody ahead in C.
    expect(estimateWait(hall.state, hall.service('C'), 0).minutes).toBeLessThanOrEqual(3);
  });

  it('is 0 at an idle counter with nothing waiting, and counts a busy counter from its call', () => {
    const hall = new Hall({ services: services(), counters: [{ id: 'c1', number: 1, levels: { D: 1 } }] });
    expect(simulateWait(hall.state, hall.service('D'), hall.now)).toMatchObject({ minutes: 0, status: 'ok' });
    hall.issue('D');
    hall.commit(callNext(hall.state, 'c1', hall.ctx));
    hall.commit(startService(hall.state, 'c1', hall.ctx));
    hall.advance(2);
    // Called 2 minutes ago, 5.5 minutes of occupancy: free in 3.5.
    expect(simulateWait(hall.state, hall.service('D'), hall.now).minutes).toBe(Math.round(5 + walk - 2));
  });

  it('is honest when a counter opens: the estimate appears with it', () => {
    const hall = new Hall({
      services: services(),
      counters: [{ id: 'c1', number: 1, levels: { D: 1 }, state: 'closed' }],
    });
    hall.issue('D');
    expect(simulateWait(hall.state, hall.service('D'), hall.now).status).toBe('no_counter_open');
    hall.commit(openCounter(hall.state, 'c1', 'clerk-1', hall.ctx));
    expect(simulateWait(hall.state, hall.service('D'), hall.now)).toMatchObject({
      status: 'ok',
      minutes: Math.round(5 + walk),
    });
  });
});

describe('the end of the service day', () => {
  it('promises no minutes for a call after closing time, and estimates again once the hall serves after hours', () => {
    // 10:00 in Paris (T0); the hall closes at 10:30. One counter, D: walk + 5 min each.
    const hall = new Hall({
      branch: { hours: everyDay('08:00', '10:30') },
      services: services(),
      counters: [{ id: 'c1', number: 1, levels: { D: 1 } }],
    });
    const d = hall.service('D');
    const tickets = Array.from({ length: 7 }, () => hall.issue('D'));
    // The sixth is called 5 × 5.5 = 27.5 min from now (10:27:30), the seventh at 10:33.
    expect(simulateWait(hall.state, d, hall.now, tickets[5])).toMatchObject({ minutes: 28, status: 'ok' });
    expect(simulateWait(hall.state, d, hall.now, tickets[6])).toEqual(AFTER_CLOSING);
    expect(simulateWait(hall.state, d, hall.now)).toEqual(AFTER_CLOSING);
    const all = waitEstimates(hall.state, BRANCH_ID, hall.now);
    expect(all.get(tickets[5]!.id)).toMatchObject({ minutes: 28, status: 'ok' });
    expect(all.get(tickets[6]!.id)).toEqual(AFTER_CLOSING);
    // Past 10:30 the day runs to midnight (those who wait are served, or reset at the day's end).
    hall.advance(31);
    expect(simulateWait(hall.state, d, hall.now, tickets[6])).toMatchObject({ status: 'ok' });
  });

  it('reads long call orders in parts and gives what the whole orders give', () => {
    const hall = new Hall({
      branch: { hours: everyDay('00:00', '24:00') },
      services: services(),
      counters: [
        { id: 'c1', number: 1, levels: { D: 1, C: 2 } },
        { id: 'c2', number: 2, levels: { C: 1 } },
      ],
    });
    const tickets = Array.from({ length: 400 }, (_, i) => hall.issue(i % 3 ? 'D' : 'C'));
    const whole: LaneOrders = () => (c) => orderFor(hall.state, c, hall.now).map((p) => p.ticket);
    const all = waitEstimates(hall.state, BRANCH_ID, hall.now);
    const seen = new Set<string | null>();
    for (const t of tickets.filter((_, i) => i % 7 === 0 || i > 380)) {
      const s = hall.service(t.serviceId);
      const own = simulateWait(hall.state, s, hall.now, t);
      expect(own, t.code).toEqual(simulateWith(hall.state, s, hall.now, t, whole));
      expect(all.get(t.id), t.code).toEqual(own);
      seen.add(own.status);
    }
    // Both kinds of answer: the simulation runs up to the cut.
    expect([...seen].sort()).toEqual(['after_closing', 'ok']);
  });

  it('late in the day reads only the places the rest of the day can hold, with the same answers', () => {
    // 10:00, closing at 10:30: one counter calls at most 30 min ÷ 30 s + 1 = 61 times before it.
    const hall = new Hall({
      branch: { hours: everyDay('08:00', '10:30') },
      services: services(),
      counters: [{ id: 'c1', number: 1, levels: { D: 1, C: 2 } }],
    });
    const tickets = Array.from({ length: 2_000 }, (_, i) => hall.issue(i % 2 ? 'D' : 'C'));
    const asked: number[] = [];
    const whole: LaneOrders = () => (c) => orderFor(hall.state, c, hall.now).map((p) => p.ticket);
    const counted: LaneOrders = (target) => (c, places) => {
      asked.push(places);
      return whole(target)(c, places).slice(0, places);
    };
    for (const t of [tickets[0]!, tickets[1]!, tickets[9]!, tickets[1_999]!]) {
      const s = hall.service(t.serviceId);
      expect(simulateWith(hall.state, s, hall.now, t, counted), t.code).toEqual(
        simulateWith(hall.state, s, hall.now, t, whole),
      );
    }
    expect(Math.max(...asked)).toBeLessThanOrEqual(64);
  });
});

describe('the replayed day', () => {
  it('has a smaller error and more estimates within ±5 minutes with the simulation than before', () => {
    const rows = replayDay(7);
    const before = figures(rows, 'old');
    const after = figures(rows, 'new');
    expect(after.maeMinutes!).toBeLessThan(before.maeMinutes!);
    expect(after.within5Percent!).toBeGreaterThan(before.within5Percent!);
    // Tickets issued before any counter opened get no number, where the old estimate gave one.
    expect(rows.filter((r) => r.new === null && r.old !== null).length).toBeGreaterThan(0);
  });
});
