import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { backupName, fsyncFile } from './backup.js';
import { assertSqliteHeader, BackupError, type DatabaseFacts, inspectDatabase } from './inspect.js';
import { installKey, type KeyPairing, type KeySource, planKeyRestore } from './pii-pairing.js';

export interface RestoreReport extends DatabaseFacts {
  file: string;
  /** Where the database that was replaced was kept (null when there was none). */
  previous: string | null;
  /** How the personal-number key was paired with the restored database (see pii-pairing.ts). */
  piiKey: KeyPairing;
  /** Where the key it replaced was kept (null when none was replaced). */
  previousKey: string | null;
  ms: number;
}

/**
 * Replaces the database at `target` with the backup `source`, for a server that is stopped.
 * The backup is copied next to the target and verified there (a file that is not SQLite, not
 * Guichet's, from a newer release or damaged is refused and nothing changes); the current
 * database is kept under a dated name; then one rename puts the copy in place, so at every
 * moment `target` is either the old database or the whole new one. The personal-number key goes
 * with it: the key file beside the backup is installed, or the server's own key must be the
 * backup's (else it is refused, unless `withoutKey`).
 */
export function restoreDatabase(
  source: string,
  target: string,
  key: KeySource,
  withoutKey = false,
): RestoreReport {
  const started = performance.now();
  if (!existsSync(source)) throw new BackupError(`${source}: no such file`);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const partial = join(dirname(target), `.${basename(target)}.restore.partial`);
  rmSync(partial, { force: true });
  let facts: DatabaseFacts;
  let plan: ReturnType<typeof planKeyRestore>;
  try {
    assertSqliteHeader(source);
    copyFileSync(source, partial);
    chmodSync(partial, 0o600);
    // A backup made by `npm run backup` is already self-contained; another copy may be in WAL mode.
    selfContained(partial, source);
    facts = inspectDatabase(partial, source);
    plan = planKeyRestore(source, partial, key, withoutKey);
    fsyncFile(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }

  let previous: string | null = null;
  let previousKey: string | null = null;
  const stamp = backupName().replace(/^guichet-|\.sqlite$/g, '');
  try {
    if (existsSync(target)) {
      assertNotInUse(target);
      previous = `${target}.before-restore-${stamp}`;
      linkSync(target, previous);
      chmodSync(previous, 0o600);
    }
    // Leftovers of another database would be replayed into the restored one.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
    // The key before the database: a server started in between would otherwise make a new one.
    if (plan.install) previousKey = installKey(key.dataDir, plan.install, stamp);
    renameSync(partial, target);
    fsyncFile(dirname(target));
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return {
    ...facts,
    file: target,
    previous,
    piiKey: plan.pairing,
    previousKey,
    ms: performance.now() - started,
  };
}

function selfContained(file: string, shownAs: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    throw new BackupError(`${shownAs}: damaged or not a database (${(err as Error).message})`, {
      cause: err,
    });
  } finally {
    db?.close();
  }
}

/**
 * Leaving WAL mode needs the only connection to the file: while a server has it open SQLite
 * answers "database is locked" at once, and the restore stops before changing anything. When it
 * succeeds, the last commits in the write-ahead log are folded into the file kept as `previous`.
 */
function assertNotInUse(target: string): void {
  let db: Database.Database | null = null;
  try {
    db = new Database(target, { fileMustExist: true, timeout: 0 });
    // SQLite may also refuse quietly, answering with the mode it kept.
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete')
      throw new Error('database is locked');
  } catch (err) {
    const busy = /locked|busy/i.test((err as Error).message);
    throw new BackupError(
      busy
        ? `${target} is in use: stop the Guichet server before restoring`
        : `${target}: cannot open the current database (${(err as Error).message})`,
      { cause: err },
    );
  } finally {
    db?.close();
  }
}
