import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigStore, openDb, QueueStore } from '@guichet/db';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOADED } from '../../../test/support/wait.js';
import { callNext, issueOrReplay, ok, openCounter, transferTicket } from '../core/index.js';
import { DEMO_HALL, hallRows } from '../demo/hall.js';
import { loadState } from '../modules/queue/live-state.js';
import { registerQueueProjections } from '../modules/queue/projectors.js';
import { CommandBus, type Decide } from './command-bus.js';
import { Registry } from './registry.js';

const clerk = { actor: { kind: 'user' as const, id: 'u1' } };
let dir: string;
let n = 0;
const ids = { newId: () => `id-${++n}`, newSecret: () => `secret-${n}` };
const NOW = Date.UTC(2026, 10, 26, 2, 0);

function setup(failCommits: { on: boolean } = { on: false }) {
  const file = join(dir, 'bus.sqlite');
  const db = openDb(file);
  const store = new QueueStore(db);
  const hall = hallRows(DEMO_HALL, NOW, 'b');
  new ConfigStore(db).insertHall({ ...hall, branch: { ...hall.branch, nameZh: '厅', nameEn: 'Hall' } });
  const state = loadState(store, NOW);
  const registry = new Registry(() => {});
  registerQueueProjections(registry, store);
  // A COMMIT that fails after the commands ran (a full disk): the rows roll back.
  const failing = {
    transaction: <T>(fn: () => T): T =>
      store.transaction(() => {
        const r = fn();
        if (failCommits.on) throw new Error('SQLITE_FULL: database or disk is full');
        return r;
      }),
  };
  const bus = new CommandBus(
    failing,
    registry,
    state,
    () => loadState(store, NOW),
    () => NOW,
    ids,
    pino({ level: 'silent' }),
  );
  return { db, store, bus, registry };
}

const issue =
  (serviceId: string, idempotencyKey: string | null = null): Decide<string> =>
  (state, ctx) => {
    const r = issueOrReplay(
      state,
      { branchId: 'b', serviceId, ticketClass: 'normal', idempotencyKey },
      ctx,
      () => null,
    );
    return r.ok ? ok({ events: r.data.events, reply: () => r.data.ticket.code }) : r;
  };
const wrap =
  (
    fn: (s: Parameters<Decide<null>>[0], c: Parameters<Decide<null>>[1]) => ReturnType<typeof callNext>,
  ): Decide<null> =>
  (state, ctx) => {
    const r = fn(state, ctx);
    return r.ok ? ok({ events: r.data.events, reply: () => null }) : r;
  };

describe('CommandBus', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-bus-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('commits a burst submitted in one tick as one group, each command seeing the one before', async () => {
    const { db, bus } = setup();
    const codes = await Promise.all(Array.from({ length: 20 }, () => bus.run(clerk, issue('svc-social'))));
    expect(codes.map((c) => (c.ok ? c.data : c.error.code))).toEqual(
      Array.from({ length: 20 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
    );
    const rows = db.$client.prepare('select code from tickets order by seq').pluck().all();
    expect(rows).toHaveLength(20);
    db.$client.close();
  });

  it('keeps a transferred ticket numbered by its issuing service, in the database and after a reload', async () => {
    const { db, store, bus } = setup();
    await bus.run(clerk, issue('svc-social')); // A001
    await bus.run(clerk, issue('svc-medical')); // B001
    await bus.run(
      clerk,
      wrap((s, c) => openCounter(s, 'ctr-1', 'u1', c)),
    );
    await bus.run(
      clerk,
      wrap((s, c) => callNext(s, 'ctr-1', c)),
    );
    const moved = await bus.run(
      clerk,
      wrap((s, c) => transferTicket(s, 'ctr-1', { toServiceId: 'svc-medical', placement: 'last' }, c)),
    );
    expect(moved.ok).toBe(true);
    const next = await bus.run(clerk, issue('svc-medical'));
    expect(next.ok && next.data).toBe('B002');
    const reloaded = loadState(store, NOW);
    expect(reloaded.sequences.get('svc-medical|2026-11-26')).toBe(2);
    expect(reloaded.sequences.get('svc-social|2026-11-26')).toBe(1);
    db.$client.close();
  });

  it('refuses nothing it has not decided: a refusal commits no event', async () => {
    const { db, store, bus } = setup();
    const r = await bus.run(
      clerk,
      wrap((s, c) => callNext(s, 'ctr-1', c)),
    );
    expect(r.ok).toBe(false);
    expect(store.eventCount()).toBe(0);
    db.$client.close();
  });

  it('fails only the command whose projector throws: its batch is retried alone and nothing of it is kept', async () => {
    const { db, store, bus, registry } = setup();
    let failOnce = true;
    registry.project('ticket.issued', (e) => {
      if (e.ticket.serviceId === 'svc-medical' && failOnce) {
        failOnce = false;
        throw new Error('disk full');
      }
    });
    const committed: string[] = [];
    bus.onCommitted('test', (batch) => committed.push(...batch.events.map((e) => e.type)));
    const [a, b, c] = await Promise.all([
      bus.run(clerk, issue('svc-social')),
      bus.run(clerk, issue('svc-medical')),
      bus.run(clerk, issue('svc-social')),
    ]);
    // The batch rolled back; retried one by one, the medical ticket now commits too.
    expect([a, b, c].map((r) => (r.ok ? r.data : r.error.code))).toEqual(['A001', 'B001', 'A002']);
    expect(store.eventCount()).toBe(3);
    await vi.waitFor(() => expect(committed).toHaveLength(3), LOADED);
    db.$client.close();
  });

  it("keeps a staff action's address on its event (its audit entry), in the same commit, and none on a kiosk's", async () => {
    const { db, store } = setup();
    const audit: { action: string; before: unknown; after: unknown; ip: string | null }[] = [];
    const registry = new Registry((entry) => audit.push(entry));
    registerQueueProjections(registry, store);
    const bus = new CommandBus(
      store,
      registry,
      loadState(store, NOW),
      () => loadState(store, NOW),
      () => NOW,
      ids,
      pino({ level: 'silent' }),
    );
    await bus.run({ actor: { kind: 'device', id: 'kiosk' } }, issue('svc-social'));
    await bus.run(
      { ...clerk, ip: '10.0.0.7' },
      wrap((s, c) => openCounter(s, 'ctr-1', 'u1', c)),
    );
    // The kiosk's issue is not a staff action; the clerk's opening is: its event row is its
    // audit entry (no copy in audit_log).
    expect(audit).toEqual([]);
    expect(db.$client.prepare('select type, actor_id, ip from events order by id').all()).toEqual([
      { type: 'ticket.issued', actor_id: 'kiosk', ip: null },
      { type: 'counter.opened', actor_id: 'u1', ip: '10.0.0.7' },
    ]);
    db.$client.close();
  });

  it('forgets what a failed COMMIT decided: the Idempotency-Key is free for the retry, the failure is reported until a write succeeds', async () => {
    const failCommits = { on: true };
    const { db, bus } = setup(failCommits);
    const failed = await Promise.all([
      bus.run(clerk, issue('svc-social', 'key-1')),
      bus.run(clerk, issue('svc-social', 'key-2')),
    ]);
    expect(failed.map((r) => (r.ok ? r.data : r.error.code))).toEqual([
      'STORAGE_UNAVAILABLE',
      'STORAGE_UNAVAILABLE',
    ]);
    expect(bus.state.issueKeys.size).toBe(0);
    expect(bus.writeFailure()?.reason).toMatch(/disk is full/);
    failCommits.on = false;
    const retried = await bus.run(clerk, issue('svc-social', 'key-1'));
    expect(retried.ok && retried.data).toBe('A001');
    expect(bus.writeFailure()).toBeNull();
    db.$client.close();
  });
});
