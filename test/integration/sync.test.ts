import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRANCH_DELTA_EVENTS,
  type BranchDelta,
  type BranchSnapshot,
  type PublicTicketView,
  type TicketCalledEvent,
} from '../../server/src/protocol/index.js';
import { login, type RunningServer, startServer } from '../support/server.js';
import { connect, connected, counter, type GuichetClient, issue, subscribe, until } from './helpers.js';

/**
 * A TCP gate in front of the server for the display's connection: while shut, it refuses every
 * connection, so the test decides when the display is "away" independently of the server.
 */
function gate(targetPort: number): Promise<{ port: number; open: boolean; close(): Promise<void> }> {
  const live = new Set<Socket>();
  const state = { open: true };
  const srv: Server = createServer((client) => {
    if (!state.open) return client.destroy();
    const up = tcpConnect(targetPort, '127.0.0.1');
    live.add(client);
    live.add(up);
    client.pipe(up).pipe(client);
    const drop = () => {
      client.destroy();
      up.destroy();
      live.delete(client);
      live.delete(up);
    };
    client.on('error', drop).on('close', drop);
    up.on('error', drop).on('close', drop);
  });
  return new Promise((res) => {
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      res({
        port,
        get open() {
          return state.open;
        },
        set open(v: boolean) {
          state.open = v;
          if (!v) for (const s of live) s.destroy();
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of live) s.destroy();
            srv.close(() => r());
          }),
      });
    });
  });
}

interface Received {
  event: string;
  delta: BranchDelta;
}

describe('branch stream: snapshot, versioned deltas, resync after a restart', () => {
  let server: RunningServer;
  let proxy: Awaited<ReturnType<typeof gate>>;
  let display: GuichetClient;
  let clerk: string;
  const snapshots: BranchSnapshot[] = [];
  const received: Received[] = [];
  const issuedBefore: { id: string; code: string }[] = [];

  beforeAll(async () => {
    server = await startServer();
    proxy = await gate(server.port);
    display = connect(
      { ...server, url: `http://127.0.0.1:${proxy.port}` },
      server.demo.devices['display-1'],
      true,
    );
    // What a display does: on every (re)connect, subscribe again and start from the snapshot.
    display.on('connect', () => {
      subscribe(display).then(
        (s) => snapshots.push(s),
        (err: unknown) => console.error('resubscribe failed', err),
      );
    });
    for (const event of BRANCH_DELTA_EVENTS) {
      display.on(event, (delta: BranchDelta) => received.push({ event, delta }));
    }
    await connected(display);
    await until(() => snapshots.length === 1, 5_000, 'the first snapshot');
    clerk = await login(server, 'clerk1');
  });

  afterAll(async () => {
    display?.close();
    await proxy?.close();
    await server?.dispose();
  });

  it('follows the snapshot with issued and called deltas of consecutive versions in one epoch', async () => {
    const first = snapshots[0]!;
    expect(first.branch.id).toBe('demo-hall');
    expect(first.epoch).toMatch(/\S/);
    expect(first.services.map((s) => s.id)).toContain('svc-social');

    for (const serviceId of ['svc-social', 'svc-social', 'svc-medical']) {
      const r = await issue(server, serviceId);
      expect(r.status).toBe(201);
      issuedBefore.push({ id: r.body.id, code: r.body.code });
    }
    expect((await counter(server, clerk, 'ctr-1', 'open')).status).toBe(200);
    const called = await counter(server, clerk, 'ctr-1', 'call-next');
    expect(called.status).toBe(200);
    expect(called.body.ticket?.id).toBe(issuedBefore[0]!.id);

    await until(() => received.some((r) => r.event === 'ticket:called'), 5_000, 'ticket:called');
    const issuedDeltas = received.filter((r) => r.event === 'ticket:issued');
    expect(issuedDeltas.flatMap((r) => r.delta.tickets ?? []).map((t) => t.id)).toEqual(
      issuedBefore.map((t) => t.id),
    );

    let version = first.version;
    for (const r of received) {
      expect(r.delta.epoch, r.event).toBe(first.epoch);
      expect(r.delta.branchId, r.event).toBe('demo-hall');
      expect(r.delta.version, r.event).toBe(version + 1);
      version = r.delta.version;
    }

    const call = received.find((r) => r.event === 'ticket:called')!.delta as TicketCalledEvent;
    expect(call).toMatchObject({
      branchId: 'demo-hall',
      ticketId: issuedBefore[0]!.id,
      code: issuedBefore[0]!.code,
      serviceId: 'svc-social',
      counterId: 'ctr-1',
      counterNumber: 1,
      callCount: 1,
    });
    expect(call.counterName).toMatchObject({ en: expect.any(String), 'zh-CN': expect.any(String) });
    expect(call.calledAt).toBe(called.body.ticket!.calledAt);
    expect(typeof call.version).toBe('number');
  });

  it("pushes track:updated to the ticket's phone when it is called, and refuses a wrong key", async () => {
    const t = await issue(server, 'svc-social');
    expect(t.status).toBe(201);
    const url = new URL(t.body.trackUrl);
    expect(url.searchParams.get('t')).toBe(t.body.id);
    const key = url.searchParams.get('k')!;
    expect(key.length).toBeGreaterThanOrEqual(8);

    const phone = connect(server);
    try {
      await connected(phone);
      const updates: PublicTicketView[] = [];
      phone.on('track:updated', (v) => updates.push(v));

      const wrong = await phone.timeout(5_000).emitWithAck('ticket:track', {
        ticketId: t.body.id,
        key: `${key}x`,
      });
      expect(wrong.ok).toBe(false);
      const other = await phone.timeout(5_000).emitWithAck('ticket:track', {
        ticketId: issuedBefore[1]!.id,
        key,
      });
      expect(other.ok).toBe(false);

      const ack = await phone.timeout(5_000).emitWithAck('ticket:track', { ticketId: t.body.id, key });
      expect(ack.ok).toBe(true);
      if (!ack.ok) return;
      expect(ack.data).toMatchObject({ id: t.body.id, code: t.body.code, status: 'waiting' });

      // ctr-1 still holds the first ticket: finish it, then call until this one comes up.
      expect((await counter(server, clerk, 'ctr-1', 'finish')).status).toBe(200);
      for (let i = 0; i < 3; i++) {
        const next = await counter(server, clerk, 'ctr-1', 'call-next');
        expect(next.status).toBe(200);
        if (next.body.ticket?.id === t.body.id) break;
        expect((await counter(server, clerk, 'ctr-1', 'finish')).status).toBe(200);
      }
      await until(() => updates.some((u) => u.status === 'called'), 5_000, 'track:updated (called)');
      const calledView = updates.find((u) => u.status === 'called')!;
      expect(calledView).toMatchObject({ id: t.body.id, code: t.body.code, counter: { number: 1 } });
      expect(calledView.calledAt).not.toBeNull();
      // The wrong-key attempt did not subscribe the phone to anything else.
      expect(updates.every((u) => u.id === t.body.id)).toBe(true);
    } finally {
      phone.close();
    }
  });

  it('resubscribes after a restart and gets a new epoch with every ticket, including those issued while away', async () => {
    const before = snapshots.at(-1)!;
    const waitingBefore = issuedBefore[2]!; // svc-medical, still waiting
    const calledBefore = issuedBefore[0]!; // finished in the previous test
    const stillActive = [waitingBefore.id];

    proxy.open = false; // the display loses the network while the server restarts
    await server.stop();
    await until(() => !display.connected, 5_000, 'the display to notice');
    await server.restart();

    // Issued while the display was away.
    const away = await issue(server, 'svc-enquiry');
    expect(away.status).toBe(201);
    const countBefore = snapshots.length;
    proxy.open = true;

    await until(() => snapshots.length > countBefore, 15_000, 'a fresh snapshot after reconnecting');
    const fresh = snapshots.at(-1)!;
    expect(display.connected).toBe(true);
    expect(fresh.epoch).not.toBe(before.epoch);
    const ids = fresh.tickets.map((t) => t.id);
    for (const id of [...stillActive, away.body.id]) expect(ids).toContain(id);
    expect(ids).not.toContain(calledBefore.id); // done tickets leave the live list
    expect(fresh.tickets.find((t) => t.id === away.body.id)?.code).toBe(away.body.code);

    // The stream carries on from the fresh snapshot in the new epoch.
    const mark = received.length;
    const after = await issue(server, 'svc-social');
    expect(after.status).toBe(201);
    await until(
      () => received.slice(mark).some((r) => r.delta.tickets?.some((t) => t.id === after.body.id)),
      5_000,
      'the delta of a ticket issued after the resync',
    );
    const next = received.slice(mark);
    expect(next[0]!.delta.epoch).toBe(fresh.epoch);
    expect(next[0]!.delta.version).toBe(fresh.version + 1);
  }, 45_000);
});
