import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigStore, openDb, QueueStore } from '@guichet/db';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, issueOrReplay, ok } from '../core/index.js';
import { DEMO_HALL, hallRows } from '../demo/hall.js';
import { loadState } from '../modules/queue/live-state.js';
import { registerQueueProjections } from '../modules/queue/projectors.js';
import { CommandBus, type Decide } from './command-bus.js';
import { Registry } from './registry.js';

const kiosk = { actor: { kind: 'device' as const, id: 'k1' } };
const NOW = Date.UTC(2026, 10, 26, 2, 0);
let dir: string;
let n = 0;
const ids = { newId: () => `id-${++n}`, newSecret: () => `secret-${n}` };

/** A bus over a real store whose disk confirms each commit only when the test says so. */
function setup() {
  const db = openDb(join(dir, 'bus.sqlite'));
  const store = new QueueStore(db);
  const hall = hallRows(DEMO_HALL, NOW, 'b');
  new ConfigStore(db).insertHall({ ...hall, branch: { ...hall.branch, nameZh: '厅', nameEn: 'Hall' } });
  const registry = new Registry(() => {});
  registerQueueProjections(registry, store);
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const disk = {
    transaction: <T>(fn: () => T) => store.transaction(fn),
    transactionDeferred: <T>(fn: () => T) => store.transaction(fn),
    durable: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  };
  const load = () => loadState(store, NOW);
  const bus = new CommandBus(disk, registry, load(), load, () => NOW, ids, pino({ level: 'silent' }));
  const committed: string[][] = [];
  bus.onCommitted('test', (b) => committed.push(b.events.map((e) => e.type)));
  return { db, bus, pending, committed };
}

const issue: Decide<string> = (state, ctx) => {
  const r = issueOrReplay(
    state,
    { branchId: 'b', serviceId: 'svc-social', ticketClass: 'normal' },
    ctx,
    () => null,
  );
  return r.ok ? ok({ events: r.data.events, reply: () => r.data.ticket.code }) : r;
};
const refuse: Decide<null> = () => fail('FORBIDDEN', 'no');
const settled = () => new Promise((r) => setImmediate(r));

describe('CommandBus with the fsync off the event loop', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-durable-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers and broadcasts a batch only once the disk confirms it, and keeps the order of replies', async () => {
    const { db, bus, pending, committed } = setup();
    const answers: string[] = [];
    const first = bus.run(kiosk, issue).then((r) => answers.push(r.ok ? r.data : 'refused'));
    await settled();
    // The batch is committed (the loop is free) but not yet on disk: nothing has left.
    expect(db.$client.prepare('select count(*) from tickets').pluck().get()).toBe(1);
    const refusal = bus.run(kiosk, refuse).then(() => answers.push('refused'));
    for (let i = 0; i < 3; i++) await settled();
    expect(answers).toEqual([]);
    expect(committed).toEqual([]);
    // A refusal that may rest on the first batch waits for it too.
    expect(pending).toHaveLength(2);
    pending[0]!.resolve();
    await first;
    pending[1]!.resolve();
    await refusal;
    await settled();
    expect(answers).toEqual(['A001', 'refused']);
    expect(committed).toEqual([['ticket.issued']]);
    db.$client.close();
  });

  it('a failed fsync answers "unknown", shows nothing and takes no more commands', async () => {
    const { db, bus, pending, committed } = setup();
    const first = bus.run(kiosk, issue);
    const waitForPending = async () => {
      while (pending.length === 0) await settled();
    };
    await waitForPending();
    const second = bus.run(kiosk, issue);
    while (pending.length < 2) await settled();
    pending[0]!.reject(new Error('EIO: i/o error, fsync'));
    pending[1]!.resolve(); // a later fsync "succeeds": the kernel may have dropped the pages
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok || a.error.message).toMatch(/may or may not have been saved/);
    expect(b.ok).toBe(false);
    await settled();
    expect(committed).toEqual([]);
    expect(bus.writeFailure()?.reason).toMatch(/EIO/);
    const later = await bus.run(kiosk, issue);
    expect(later.ok || later.error.code).toBe('STORAGE_UNAVAILABLE');
    db.$client.close();
  });
});
