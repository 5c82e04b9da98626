import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from './open.js';
import { QueueStore } from './queue-store.js';

describe('deferred commits (fsync and checkpoints off the event loop)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-wal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('commits with NORMAL, keeps FULL for every other writer, and reports each commit durable', async () => {
    const file = join(dir, 'a.sqlite');
    const db = openDb(file);
    const store = new QueueStore(db);
    const client = db.$client;
    client.exec('create table t (x blob)');
    const insert = client.prepare('insert into t values (?)');
    let inside: unknown;
    store.transactionDeferred(() => {
      inside = client.pragma('synchronous', { simple: true });
      insert.run(Buffer.alloc(10));
    });
    expect(inside).toBe(1); // NORMAL: the COMMIT does not fsync on the event loop
    expect(client.pragma('synchronous', { simple: true })).toBe(2); // FULL again for the others
    await store.durable();
    store.releaseWal();
    client.close();
    const again = new Database(file);
    expect(again.prepare('select count(*) from t').pluck().get()).toBe(1);
    again.close();
  });

  it('a nested deferred transaction is a plain savepoint of the outer one', () => {
    const db = openDb(join(dir, 'b.sqlite'));
    const store = new QueueStore(db);
    const n = store.transaction(() =>
      store.transactionDeferred(() => db.$client.pragma('synchronous', { simple: true })),
    );
    expect(n).toBe(2);
    store.releaseWal();
    db.$client.close();
  });

  it('checkpoints in its own thread, with the automatic checkpoint off', async () => {
    const file = join(dir, 'c.sqlite');
    const db = openDb(file);
    const store = new QueueStore(db);
    const client = db.$client;
    client.exec('create table t (x blob)');
    const insert = client.prepare('insert into t values (?)');
    const commit = async (bytes: number) => {
      store.transactionDeferred(() => insert.run(Buffer.alloc(bytes, 1)));
      await store.durable();
    };
    // 6.5 MiB: only a checkpoint moves it from the WAL into the database file.
    for (let i = 0; i < 400; i++) await commit(16_384);
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const deadline = Date.now() + 30_000;
    while (statSync(file).size < 6 * 1024 * 1024 && Date.now() < deadline) await commit(10);
    expect(statSync(file).size).toBeGreaterThan(6 * 1024 * 1024);
    expect(client.pragma('wal_autocheckpoint', { simple: true })).toBe(0); // the thread never failed
    store.releaseWal();
    client.close();
    const again = new Database(file);
    expect(again.prepare('select count(*) from t where length(x) > 10').pluck().get()).toBe(400);
    again.close();
  });
});
