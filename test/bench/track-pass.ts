/**
 * The pass that tells phones following tickets their new estimate (at most once a second):
 * every waiting ticket's estimate by one simulation each, against one simulation for all
 * (waitEstimates), on a hall of 4 services and 12 counters. `tsx test/bench/track-pass.ts [waiting]`.
 */

import { allWaiting } from '../../server/src/core/state.js';
import { Hall, makeService } from '../../server/src/core/test-support.js';
import { simulateWait, waitEstimates } from '../../server/src/core/wait-simulation.js';

const services = ['A', 'B', 'C', 'D'].map((p, i) =>
  makeService(`S${i}`, p, { defaultServiceMinutes: 5 + i }),
);
const counters = Array.from({ length: 12 }, (_, i) => ({
  id: `c${i}`,
  number: i + 1,
  levels: { [`S${i % 4}`]: 1, [`S${(i + 1) % 4}`]: 2 },
}));
const hall = new Hall({ services, counters });
const W = Number(process.argv[2] ?? 500);
for (let i = 0; i < W; i++) hall.issue(`S${i % 4}` as never);
const waiting = [...allWaiting(hall.state)];
let t0 = performance.now();
for (const t of waiting) simulateWait(hall.state, hall.state.services.get(t.serviceId)!, hall.now, t);
const each = performance.now() - t0;
t0 = performance.now();
const all = waitEstimates(hall.state, waiting[0]!.branchId, hall.now);
const once = performance.now() - t0;
console.log(
  `${W} waiting, 12 counters: one simulation per ticket ${each.toFixed(0)} ms; one for all ${once.toFixed(1)} ms (${all.size} estimates)`,
);
