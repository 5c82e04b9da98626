import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '@guichet/db';
import Database from 'better-sqlite3';

/** Why a file cannot be used as a Guichet database; the CLI prints the message and exits non-zero. */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export interface DatabaseFacts {
  bytes: number;
  /** Migrations applied, and the tag of the newest one (e.g. 0003_tickets_finished_index). */
  migrations: number;
  schema: string;
  tickets: number;
  users: number;
}

interface KnownMigration {
  tag: string;
  when: number;
  hash: string;
}

/** The migrations this build ships, hashed the way drizzle's migrator records them. */
export function knownMigrations(folder = MIGRATIONS_FOLDER): KnownMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({
    tag,
    when,
    hash: createHash('sha256')
      .update(readFileSync(join(folder, `${tag}.sql`)))
      .digest('hex'),
  }));
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const REQUIRED_TABLES = ['branches', 'services', 'counters', 'tickets', 'daily_sequences', 'events', 'users'];

/** The first 16 bytes of every SQLite 3 database file. */
export function assertSqliteHeader(file: string, shownAs = file): void {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_MAGIC)) throw new BackupError(`${shownAs}: not an SQLite database`);
}

/**
 * Proves that `file` is a whole, undamaged Guichet database this build can open: the SQLite
 * header, `PRAGMA integrity_check`, Guichet's tables, and a migration history that is a prefix
 * of this build's (an older release is fine, the server migrates it at start; a newer or a
 * foreign one is not). Throws BackupError saying which check failed.
 */
export function inspectDatabase(file: string, shownAs = file): DatabaseFacts {
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch (err) {
    throw new BackupError(`${shownAs}: cannot read it (${(err as Error).message})`, { cause: err });
  }
  assertSqliteHeader(file, shownAs);

  let db: Database.Database | null = null;
  try {
    const open = new Database(file, { readonly: true, fileMustExist: true });
    db = open;
    const problems = open.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (problems.length !== 1 || problems[0]?.integrity_check !== 'ok') {
      const first = problems
        .slice(0, 3)
        .map((p) => p.integrity_check)
        .join('; ');
      throw new BackupError(`${shownAs}: damaged, integrity check failed (${first})`);
    }
    const tables = new Set(
      (open.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (!tables.has('__drizzle_migrations') || missing.length) {
      throw new BackupError(
        `${shownAs}: not a Guichet database (missing ${missing.join(', ') || 'migration history'})`,
      );
    }
    const applied = open
      .prepare('SELECT hash, created_at AS "when" FROM __drizzle_migrations ORDER BY id')
      .all() as {
      hash: string;
      when: number;
    }[];
    const known = knownMigrations();
    applied.forEach((row, i) => {
      const expected = known[i];
      if (!expected) {
        throw new BackupError(
          `${shownAs}: made by a newer Guichet (${applied.length} migrations, this build knows ${known.length}); upgrade first`,
        );
      }
      if (expected.hash !== row.hash || expected.when !== Number(row.when)) {
        throw new BackupError(
          `${shownAs}: migration ${i + 1} is not ${expected.tag} of this build: another application?`,
        );
      }
    });
    const count = (table: string) =>
      (open.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      bytes,
      migrations: applied.length,
      schema: known[applied.length - 1]?.tag ?? 'none',
      tickets: count('tickets'),
      users: count('users'),
    };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${shownAs}: damaged or unreadable (${(err as Error).message})`, { cause: err });
  } finally {
    db?.close();
  }
}
