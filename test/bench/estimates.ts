/**
 * The estimate before and after the simulation, on the same replayed day: every ticket of a
 * generated day (server/src/modules/reports/estimate-replay.ts) gets both estimates at issue,
 * on the same state, and is compared with the wait it had. Prints; asserts nothing.
 *
 *   npx tsx test/bench/estimates.ts [seed=7]
 */
import { figures, replayDay } from '../../server/src/modules/reports/estimate-replay.js';

const seed = Number(process.argv[2] ?? 7);
const rows = replayDay(seed);
const allClosed = rows.filter((r) => r.actual !== null && r.new === null);
const table = {
  'ahead × time ÷ capacity (before)': figures(rows, 'old'),
  'simulated call order (after)': figures(rows, 'new'),
};
process.stdout.write(`replayed day, seed ${seed}: ${rows.length} tickets issued\n`);
for (const [name, f] of Object.entries(table)) {
  process.stdout.write(
    `${name.padEnd(34)} called ${f.n}, estimated ${f.estimated}, MAE ${f.maeMinutes} min, ` +
      `within ±5 min ${f.within5Percent} %, bias ${f.biasMinutes} min\n`,
  );
}
const both = rows.filter((r) => r.new !== null);
const same = figures(both, 'old');
process.stdout.write(
  `before, on the ${same.estimated} tickets the simulation estimated: MAE ${same.maeMinutes} min, ` +
    `within ±5 min ${same.within5Percent} %, bias ${same.biasMinutes} min\n`,
);
const oldOnClosed = allClosed.map((r) => r.old);
process.stdout.write(
  `issued while no counter served them: ${allClosed.length} (before promised ${JSON.stringify(
    [...new Set(oldOnClosed)].slice(0, 8),
  )} min; after: "no counter open")\n`,
);
