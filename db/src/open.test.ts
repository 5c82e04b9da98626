import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackStore } from './feedback-store.js';
import { MigrationError, openDb, WAL_SIZE_LIMIT_BYTES } from './open.js';

describe('openDb', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file with WAL and synchronous=FULL and applies every migration', () => {
    const db = openDb(join(dir, 'a.sqlite'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const applied = db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get();
    expect(applied).toBeGreaterThanOrEqual(3);
    db.$client.close();
  });

  it('opens an existing database again without reapplying migrations', () => {
    openDb(join(dir, 'b.sqlite')).$client.close();
    const again = openDb(join(dir, 'b.sqlite'));
    expect(again.$client.prepare('select count(*) from tickets').pluck().get()).toBe(0);
    again.$client.close();
  });

  it('cuts the -wal file back to its limit when the log restarts after a burst that outran the checkpoints', () => {
    const file = join(dir, 'w.sqlite');
    const db = openDb(file, { walSizeLimitBytes: 256 * 1024 });
    expect(db.$client.pragma('journal_size_limit', { simple: true })).toBe(256 * 1024);
    const c = db.$client;
    // A burst with no checkpoint between commits (as when the checkpoints fall behind).
    c.pragma('wal_autocheckpoint = 0');
    c.exec('create table burst (x blob)');
    const insert = c.prepare('insert into burst values (randomblob(4000))');
    for (let i = 0; i < 20; i++)
      c.transaction(() => {
        for (let j = 0; j < 50; j++) insert.run();
      })();
    const wal = () => statSync(`${file}-wal`).size;
    expect(wal()).toBeGreaterThan(2 * 1024 * 1024);
    // Every frame copied, then the next commit restarts the log from its start.
    c.pragma('wal_checkpoint(PASSIVE)');
    insert.run();
    expect(wal()).toBeLessThanOrEqual(256 * 1024);
    c.close();
  });

  it('limits the -wal file by default', () => {
    const db = openDb(join(dir, 'v.sqlite'));
    expect(db.$client.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT_BYTES);
    db.$client.close();
  });

  it('purges personal data through the partial index, not a scan of every ticket', () => {
    const db = openDb(join(dir, 'd.sqlite'));
    // Record the statement the store really runs, then ask SQLite how it would run it.
    const seen: string[] = [];
    const prepare = db.$client.prepare.bind(db.$client);
    db.$client.prepare = ((source: string) => {
      seen.push(source);
      return prepare(source);
    }) as typeof db.$client.prepare;
    new FeedbackStore(db).purgePersonalData(0);
    db.$client.prepare = prepare;
    const purge = seen.find((q) => q.includes('person_hash'));
    expect(purge).toBeDefined();
    const params = (purge!.match(/\?/g) ?? []).map(() => 0);
    const plan = db.$client.prepare(`explain query plan ${purge}`).all(...params) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('tickets_personal');
    db.$client.close();
  });

  it('refuses a file whose schema the migrations cannot apply to, with MigrationError naming the cause', () => {
    const file = join(dir, 'c.sqlite');
    const foreign = new Database(file);
    foreign.exec('create table tickets (something_else text)');
    foreign.close();
    expect(() => openDb(file)).toThrow(MigrationError);
    expect(() => openDb(file)).toThrow(/database migration failed: .*tickets/);
  });
});
