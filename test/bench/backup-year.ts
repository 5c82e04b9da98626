/**
 * Backup and restore of a year-sized database: a generated year of tickets (the reports'
 * synthetic hall, 2,740 a day by default ≈ 1,000,000) with its personal-number key, then
 * `npm run backup`'s copy and verification and `npm run restore` onto a fresh data directory,
 * a few runs each. Prints; asserts nothing. Not part of `npm run bench`.
 *
 *   npx tsx test/bench/backup-year.ts [ticketsPerDay=2740] [runs=3]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuthStore, openDb } from '@guichet/db';
import { writeSyntheticHall } from '../../server/src/modules/reports/synthetic.js';
import { backupDatabase } from '../../server/src/ops/backup.js';
import { PII_KEY_CHECK, piiKeyCheck, piiKeyFile } from '../../server/src/ops/pii-pairing.js';
import { restoreDatabase } from '../../server/src/ops/restore.js';

const PER_DAY = Number(process.argv[2] ?? 2740);
const RUNS = Number(process.argv[3] ?? 3);
const root = mkdtempSync(join(tmpdir(), 'guichet-bench-backup-'));
const dataDir = join(root, 'data');
mkdirSync(dataDir, { mode: 0o700 });
const file = join(dataDir, 'guichet.sqlite');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

try {
  const t0 = performance.now();
  const db = openDb(file, { synchronous: 'NORMAL' });
  const made = writeSyntheticHall(db, { from: '2025-01-01', days: 365, ticketsPerDay: PER_DAY, seed: 2025 });
  // The key as the server keeps it: a file beside the database, its check in the database.
  const key = randomBytes(32).toString('hex');
  writeFileSync(piiKeyFile(dataDir), `${key}\n`, { mode: 0o600 });
  new AuthStore(db).setSetting(PII_KEY_CHECK, piiKeyCheck(key));
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  console.log(
    `generated ${made.tickets.toLocaleString()} tickets, ${made.events.toLocaleString()} events in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s; database ${mb(statSync(file).size)}; load ${loadavg()[0]!.toFixed(1)}`,
  );

  for (let run = 1; run <= RUNS; run++) {
    const backup = join(root, 'backups', `guichet-run${run}.sqlite`);
    const b = await backupDatabase(file, backup, { dataDir, envKey: null });
    const fresh = join(root, `restored-${run}`);
    const r = restoreDatabase(backup, join(fresh, 'guichet.sqlite'), { dataDir: fresh, envKey: null });
    console.log(
      `run ${run}: backup ${mb(b.bytes)}, ${b.tickets.toLocaleString()} tickets: copy ${b.copyMs.toFixed(0)} ms, ` +
        `with verification ${b.totalMs.toFixed(0)} ms, key ${b.piiKey} (matches ${b.piiKeyMatches}); ` +
        `restore onto a fresh data directory ${r.ms.toFixed(0)} ms, key ${r.piiKey}; load ${loadavg()[0]!.toFixed(1)}`,
    );
    rmSync(backup);
    rmSync(fresh, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
