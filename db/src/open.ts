import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

export class MigrationError extends Error {
  constructor(cause: unknown) {
    super(`database migration failed: ${rootMessage(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** The innermost reason (SQLite's own words, e.g. "table `tickets` already exists"), on one line. */
function rootMessage(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * The database holds personal data: a folder it creates is 0700, the file and its -wal and -shm
 * are 0600 (SQLite creates those two with the database file's mode; files left by an older
 * release with 0644 are tightened).
 */
function ownerOnly(file: string): void {
  mkdirSync(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(f) && statSync(f).mode & 0o077) chmodSync(f, 0o600);
  }
}

export interface OpenOptions {
  /** FULL: a committed transaction survives power loss (one fsync per commit, see README). */
  synchronous?: 'FULL' | 'NORMAL';
  /** What the -wal file is cut back to when it restarts (bytes; default WAL_SIZE_LIMIT_BYTES). */
  walSizeLimitBytes?: number;
}

/**
 * The -wal file keeps its largest size unless SQLite is told otherwise: a burst that outruns the
 * checkpoints (a flood of issues) would leave hundreds of MiB on disk for good, which recovery
 * after a crash then reads. Four times the checkpoints' 1,000-page aim: the file is cut back to
 * this when the log next restarts from its start.
 */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Opens (creating if needed) the SQLite file and applies the committed migrations.
 * A migration that fails throws MigrationError: the server must not run on a half-migrated file.
 */
export function openDb(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') ownerOnly(file);
  const client = new Database(file);
  // WAL: readers never block the writer, and a commit is one sequential append.
  client.pragma('journal_mode = WAL');
  // FULL in WAL mode fsyncs the log on every commit: an acknowledged ticket survives power loss.
  // NORMAL would survive kill -9 but could lose the last commits on power loss.
  client.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  client.pragma(`journal_size_limit = ${options.walSizeLimitBytes ?? WAL_SIZE_LIMIT_BYTES}`);
  client.pragma('foreign_keys = ON');
  // Another process (a CLI, a backup) holding a lock briefly must not fail a command.
  client.pragma('busy_timeout = 5000');
  const db = drizzle(client, { schema }) as Db;
  try {
    if (!existsSync(MIGRATIONS_FOLDER)) throw new Error(`migrations folder ${MIGRATIONS_FOLDER} is missing`);
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (err) {
    client.close();
    throw new MigrationError(err);
  }
  return db;
}

/** A drizzle handle over a connection opened elsewhere (the reports worker's read-only one). */
export function wrapConnection(client: Database.Database): Db {
  return drizzle(client, { schema }) as Db;
}
