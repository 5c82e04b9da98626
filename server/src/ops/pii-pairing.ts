import { createHmac } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError } from './inspect.js';

/**
 * The personal-number key lives outside the database (pii.key or GUICHET_PII_KEY), so a backup
 * is a pair: the database and its key. The database records a check of the key its hashes were
 * made with — an HMAC of a fixed text, which tells whether a key is the right one without
 * revealing it — so a restore can refuse a key that does not belong to the backup instead of
 * silently letting the per-person limits start over.
 */
export const PII_KEY_CHECK = 'pii_key_check';

export function piiKeyCheck(key: string): string {
  return createHmac('sha256', key).update('guichet personal-number key check v1').digest('hex');
}

/** Where the server keeps its key file. */
export const piiKeyFile = (dataDir: string) => join(dataDir, 'pii.key');

/** The key file that goes with a backup: guichet-20260131-210000.sqlite → guichet-20260131-210000.pii.key. */
export function backupKeyFile(backup: string): string {
  return join(dirname(backup), `${basename(backup).replace(/\.sqlite$/, '')}.pii.key`);
}

/** Where the server's key comes from: GUICHET_PII_KEY, else <data dir>/pii.key. */
export interface KeySource {
  dataDir: string;
  envKey: string | null;
}

export function currentKey(source: KeySource): { key: string; from: 'environment' | 'file' } | null {
  if (source.envKey) return { key: source.envKey, from: 'environment' };
  const file = piiKeyFile(source.dataDir);
  return existsSync(file) ? { key: readFileSync(file, 'utf8').trim(), from: 'file' } : null;
}

/** The key check a database holds (null: made before checks were recorded, or no key yet). */
export function storedKeyCheck(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(PII_KEY_CHECK) as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  } finally {
    db.close();
  }
}

/** Writes a key file as the server would (0600), whole or not at all. */
export function writeKeyFile(file: string, key: string): void {
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  rmSync(partial, { force: true });
  const fd = openSync(partial, 'wx', 0o600);
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

export type KeyPairing =
  /** The backup's key was put in the data directory (the one there kept as pii.key.before-restore-…). */
  | 'installed'
  /** The key the server already has (file or GUICHET_PII_KEY) is the backup's. */
  | 'matches'
  /** An older backup without a recorded check: the key was taken on trust, or there was none. */
  | 'unchecked'
  /** --without-key: the hashes of the backup no longer match anything (limits start over). */
  | 'dropped';

/**
 * Decides which personal-number key goes with a restored database, before anything changes: the
 * key file beside the backup, or the server's own key; refuses a key that is not the backup's.
 * Returns what to do once the database is in place.
 */
export function planKeyRestore(
  backup: string,
  restoredCopy: string,
  source: KeySource,
  withoutKey: boolean,
): { pairing: KeyPairing; install: string | null } {
  const check = storedKeyCheck(restoredCopy);
  const besideFile = backupKeyFile(backup);
  const beside = existsSync(besideFile) ? readFileSync(besideFile, 'utf8').trim() : null;
  const current = currentKey(source);
  if (beside !== null && check && piiKeyCheck(beside) !== check)
    throw new BackupError(`${besideFile} is not the personal-number key of ${backup}; nothing was changed`);
  if (source.envKey) {
    if (check && piiKeyCheck(source.envKey) !== check && !withoutKey)
      throw new BackupError(
        `GUICHET_PII_KEY is not the personal-number key of ${backup}: set it to the key of the backup` +
          `${beside !== null ? ` (in ${besideFile})` : ''}, or restore with --without-key; nothing was changed`,
      );
    return { pairing: check ? (withoutKey ? 'dropped' : 'matches') : 'unchecked', install: null };
  }
  if (beside !== null) {
    if (current?.key === beside) return { pairing: 'matches', install: null };
    return { pairing: check ? 'installed' : 'unchecked', install: beside };
  }
  if (!check) return { pairing: 'unchecked', install: null };
  if (current && piiKeyCheck(current.key) === check) return { pairing: 'matches', install: null };
  if (withoutKey) return { pairing: 'dropped', install: null };
  throw new BackupError(
    `the personal-number key of ${backup} is missing: put it beside the backup as ${besideFile} ` +
      '(it was written there with the backup), or restore with --without-key (per-person limits ' +
      'and personal-number matches start over); nothing was changed',
  );
}

/** Puts the backup's key in place, keeping the one it replaces under a dated name. */
export function installKey(dataDir: string, key: string, stamp: string): string | null {
  const file = piiKeyFile(dataDir);
  let previous: string | null = null;
  if (existsSync(file)) {
    previous = `${file}.before-restore-${stamp}`;
    linkSync(file, previous);
  }
  writeKeyFile(file, key);
  return previous;
}

/** Writes the key beside a backup (0600), so the pair travels together; null when it is in the environment. */
export function copyKeyBeside(
  backup: string,
  checkedCopy: string,
  source: KeySource,
): { piiKey: 'copied' | 'environment' | 'none'; piiKeyFile: string | null; piiKeyMatches: boolean | null } {
  const current = currentKey(source);
  const check = storedKeyCheck(checkedCopy);
  const matches = current && check ? piiKeyCheck(current.key) === check : null;
  if (!current) return { piiKey: 'none', piiKeyFile: null, piiKeyMatches: null };
  if (current.from === 'environment')
    return { piiKey: 'environment', piiKeyFile: null, piiKeyMatches: matches };
  const file = backupKeyFile(backup);
  writeKeyFile(file, current.key);
  return { piiKey: 'copied', piiKeyFile: file, piiKeyMatches: matches };
}
