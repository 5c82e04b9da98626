import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError, type DatabaseFacts, inspectDatabase } from './inspect.js';
import { copyKeyBeside, type KeySource } from './pii-pairing.js';

const ALL_PAGES = 0x7fffffff;

export interface BackupReport extends DatabaseFacts, ReturnType<typeof copyKeyBeside> {
  file: string;
  /** Wall time of the copy itself (one read transaction) and of the whole run with verification. */
  copyMs: number;
  totalMs: number;
}

/** guichet-20260131-235959.sqlite, in local time so a person finds "yesterday evening's" copy. */
export function backupName(at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`;
  return `guichet-${day}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}.sqlite`;
}

/**
 * Copies the live database with SQLite's online backup API while the server keeps running.
 * All pages are copied in one step, inside one read transaction: in WAL mode that never blocks
 * the server's writes, and the copy is one consistent moment (a copy in many small steps would
 * restart whenever the server commits, and might never finish under load). The copy is switched
 * to a self-contained rollback journal, verified, made 0600, fsynced, and only then renamed to
 * its final name, so a file with a backup's name is always a whole, checked backup. The
 * personal-number key file is copied beside it (guichet-….pii.key, 0600): the two are a pair.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  key: KeySource,
): Promise<BackupReport> {
  const started = performance.now();
  if (!existsSync(source)) throw new BackupError(`${source}: no database there (check GUICHET_DATA_DIR)`);
  if (existsSync(destination)) throw new BackupError(`${destination} already exists; choose another name`);
  mkdirSync(dirname(destination), { recursive: true, mode: 0o700 });
  const partial = join(dirname(destination), `.${basename(destination)}.partial`);
  rmSync(partial, { force: true });
  // Created empty with 0600 first: SQLite would otherwise create it with the umask's 0644.
  closeSync(openSync(partial, 'w', 0o600));

  const src = new Database(source, { readonly: true, fileMustExist: true });
  let copyMs: number;
  try {
    const copyStart = performance.now();
    // better-sqlite3's first step copies 0 pages to learn the size; the answer asks for all the rest.
    await src.backup(partial, { progress: () => ALL_PAGES });
    copyMs = performance.now() - copyStart;
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`backup of ${source} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    src.close();
  }

  try {
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const facts = inspectDatabase(partial);
    chmodSync(partial, 0o600);
    fsyncFile(partial);
    // The key first: a file with a backup's name always has its key beside it.
    const pairing = copyKeyBeside(destination, partial, key);
    renameSync(partial, destination);
    fsyncFile(dirname(destination));
    return {
      ...facts,
      ...pairing,
      bytes: statSync(destination).size,
      file: destination,
      copyMs,
      totalMs: performance.now() - started,
    };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** Flushes a file (or a directory, so that a rename in it is durable) to the disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
