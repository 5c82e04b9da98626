/**
 * The first report of a month, cold, before and after pre-rolling: a generated year in a temp
 * file database; "before" asks a fresh worker (empty rollup cache) for the month; "after"
 * starts a worker that rolls closed days up while idle, waits until it has rolled the year,
 * then asks for the same month. Prints; asserts nothing.
 *
 *   npx tsx test/bench/preroll.ts [ticketsPerDay=2740] [existing generated db file]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '@guichet/db';
import Database from 'better-sqlite3';
import { workerHost } from '../../server/src/modules/reports/host.js';
import type { ReportRequest } from '../../server/src/modules/reports/protocol.js';
import { writeSyntheticHall } from '../../server/src/modules/reports/synthetic.js';

const PER_DAY = Number(process.argv[2] ?? 2740);
const NOW = Date.parse('2026-01-01T09:00:00+08:00'); // the whole year is closed
const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-preroll-'));
const file = process.argv[3] ?? join(dir, 'year.sqlite');
if (!process.argv[3]) {
  const t0 = performance.now();
  const db = openDb(file, { synchronous: 'NORMAL' });
  const made = writeSyntheticHall(db, { from: '2025-01-01', days: 365, ticketsPerDay: PER_DAY, seed: 2025 });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  process.stdout.write(
    `generated ${made.tickets.toLocaleString()} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
const month: ReportRequest = {
  kind: 'summary',
  query: { branchId: 'b1', from: '2025-06-01', to: '2025-06-30', by: 'day' },
};
const timed = async (host: ReturnType<typeof workerHost>) => {
  const s = performance.now();
  await host.run(month as never, 30 * 60_000);
  return performance.now() - s;
};

const before = workerHost(file, { rollupFile: join(dir, 'before.reports.sqlite'), fixedNow: NOW });
const cold = await timed(before);
const again = await timed(before);
await before.close();

const rollupFile = join(dir, 'after.reports.sqlite');
const t0 = performance.now();
const after = workerHost(file, { rollupFile, fixedNow: NOW, prerollIdleMs: 100 });
// Wait for the worker to roll the whole closed year up (it owns the file; read it read-only).
for (;;) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    const ro = new Database(rollupFile, { readonly: true, fileMustExist: true });
    const n = ro.prepare("select count(*) from days where branch_id = 'b1'").pluck().get() as number;
    ro.close();
    if (n >= 365) break;
  } catch {
    // not created yet
  }
}
const prerolled = performance.now() - t0;
const first = await timed(after);
await after.close();

process.stdout.write(
  `month summary by day, first request: before ${cold.toFixed(0)} ms (cache empty; ${again.toFixed(0)} ms the second time)\n` +
    `after pre-rolling at idle (the year rolled up in ${(prerolled / 1000).toFixed(1)} s, in the background): ${first.toFixed(0)} ms\n`,
);
rmSync(dir, { recursive: true, force: true });
