import { describe, expect, it } from 'vitest';
import { figures, replayDay } from '../modules/reports/estimate-replay.js';
import { callNext, openCounter, startService } from './counter-commands.js';
import { estimateWait } from './estimate.js';
import { Hall, MINUTE, makeService } from './test-support.js';
import { simulateWait, WALK_MS } from './wait-simulation.js';

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
