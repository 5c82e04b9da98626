import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyDelta,
  type BranchSnapshot,
  type HallCalledEvent,
  judgeDelta,
  type PublicTicketView,
} from '../../server/src/protocol/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { type DisplayLink, followBranch, type Received } from './display-link.js';
import { connect, connected, counter, issue, subscribe, until } from './helpers.js';

/** The branch stream of a server built in-process; the resync after a restart is sync-restart.test.ts. */
describe('branch stream: snapshot, versioned deltas, privacy of the streams', () => {
  let server: TestApp;
  let link: DisplayLink;
  let snapshots: BranchSnapshot[];
  let received: Received[];
  let clerk: string;
  const issuedBefore: { id: string; code: string }[] = [];

  beforeAll(async () => {
    server = await build();
    await server.listen();
    link = await followBranch(server);
    ({ snapshots, received } = link);
    clerk = await login(server, 'clerk1');
  });

  afterAll(async () => {
    await link?.close();
    await server?.close();
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
      // A hall room's call is addressed by its room: under 400 bytes, without the branch id.
      if (r.event !== 'ticket:called') expect(r.delta.branchId, r.event).toBe('demo-hall');
      expect(r.delta.version, r.event).toBe(version + 1);
      version = r.delta.version;
    }

    // Hall screens get the call and the waits it moved; the ticket and counter follow from it.
    const hallCall = received.find((r) => r.event === 'ticket:called')!.delta as HallCalledEvent;
    const call = hallCall.call;
    expect(call).toMatchObject({
      ticketId: issuedBefore[0]!.id,
      code: issuedBefore[0]!.code,
      serviceId: 'svc-social',
      counterId: 'ctr-1',
      counterNumber: 1,
      callCount: 1,
    });
    expect(call.counterName).toMatchObject({ en: expect.any(String), 'zh-CN': expect.any(String) });
    expect(call.calledAt).toBe(called.body.ticket!.calledAt);
    expect(hallCall.services).toEqual([expect.objectContaining({ id: 'svc-social', waiting: 1 })]);
    expect(Buffer.byteLength(`42${JSON.stringify(['ticket:called', hallCall])}`)).toBeLessThanOrEqual(400);
    expect(typeof hallCall.version).toBe('number');
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

  it('refuses a socket with an unknown token, and a branch stream without one or for another branch', async () => {
    const bogus = connect(server, 'not-a-real-token');
    try {
      const err = await new Promise<Error>((res) => bogus.once('connect_error', res));
      expect(err.message).toBe('UNAUTHENTICATED');
    } finally {
      bogus.close();
    }
    const anonymous = connect(server);
    try {
      await connected(anonymous);
      const r = await anonymous.timeout(5_000).emitWithAck('branch:subscribe', { branchId: 'demo-hall' });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      anonymous.close();
    }
    const elsewhere = connect(server, server.demo.devices['display-1']);
    try {
      await connected(elsewhere);
      const r = await elsewhere.timeout(5_000).emitWithAck('branch:subscribe', { branchId: 'another-hall' });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      elsewhere.close();
    }
  });

  it('stops streaming the branch to a staff socket once its session has signed out', async () => {
    const token = await login(server, 'clerk2');
    const console2 = connect(server, token);
    try {
      await connected(console2);
      await subscribe(console2);
      const seen: string[] = [];
      console2.on('ticket:issued', (d) => seen.push(...(d.tickets ?? []).map((t) => t.id)));
      const logout = await api(server, 'POST', '/auth/logout', { token });
      expect(logout.status).toBe(200);
      expect((await api(server, 'GET', '/me', { token })).status).toBe(401);

      const t = await issue(server, 'svc-enquiry');
      expect(t.status).toBe(201);
      // The display (still signed in) hears of it; the signed-out console must not.
      await until(
        () => received.some((r) => r.delta.tickets?.some((x) => x.id === t.body.id)),
        5_000,
        "the display's delta",
      );
      // No fixed wait: a socket the server closed receives nothing more, and on one it kept open
      // the answer to this resubscribe arrives after anything sent to it before.
      if (console2.connected) {
        const again = await console2
          .timeout(5_000)
          .emitWithAck('branch:subscribe', { branchId: 'demo-hall' })
          .catch((err: Error) => err);
        if (again instanceof Error) expect(console2.connected, again.message).toBe(false);
        else expect(again.ok).toBe(false);
      }
      expect(seen).not.toContain(t.body.id);
    } finally {
      console2.close();
    }
  });

  it('keeps a client that applies the deltas identical to a fresh snapshot through every kind of change', async () => {
    const manager = await login(server, 'manager');
    const t: { id: string; code: string; key: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await issue(server, 'svc-social');
      expect(r.status).toBe(201);
      t.push({ id: r.body.id, code: r.body.code, key: new URL(r.body.trackUrl).searchParams.get('k')! });
    }
    const ok = async (p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r;
    };
    // ctr-1 may still hold the ticket the previous test called.
    const current = await counter(server, clerk, 'ctr-1', 'finish');
    expect([200, 409]).toContain(current.status);
    await ok(counter(server, clerk, 'ctr-1', 'call', { ticketId: t[0]!.id }));
    await ok(counter(server, clerk, 'ctr-1', 'no-show'));
    await ok(counter(server, clerk, 'ctr-1', 'call', { ticketId: t[1]!.id }));
    await ok(counter(server, clerk, 'ctr-1', 'park', { reason: 'fetching documents' }));
    await ok(counter(server, clerk, 'ctr-1', 'call', { ticketId: t[2]!.id }));
    await ok(counter(server, clerk, 'ctr-1', 'recall'));
    await ok(counter(server, clerk, 'ctr-1', 'transfer', { serviceId: 'svc-medical', placement: 'first' }));
    await ok(api(server, 'POST', `/tickets/${t[3]!.id}/cancel`, { body: { key: t[3]!.key } }));
    await ok(api(server, 'POST', `/tickets/${t[0]!.id}/reinstate`, { token: manager }));
    await ok(counter(server, clerk, 'ctr-1', 'call', { ticketId: t[1]!.id }));
    await ok(counter(server, clerk, 'ctr-1', 'start'));
    await ok(counter(server, clerk, 'ctr-1', 'finish'));
    await ok(counter(server, clerk, 'ctr-1', 'pause', { reason: 'break' }));
    await ok(counter(server, clerk, 'ctr-1', 'resume'));

    const other = connect(server, server.demo.devices['display-1']);
    try {
      await connected(other);
      const fresh = await subscribe(other);
      await until(() => (received.at(-1)?.delta.version ?? 0) >= fresh.version, 5_000, 'the last delta');
      let held: BranchSnapshot = snapshots[0]!;
      for (const r of received) {
        if (r.delta.epoch !== held.epoch) continue;
        expect(judgeDelta(held, r.delta), `${r.event} v${r.delta.version}`).toBe('apply');
        held = applyDelta(held, r.delta);
      }
      expect(held.version).toBe(fresh.version);
      const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(held.tickets)).toEqual(byId(fresh.tickets));
      expect(byId(held.counters)).toEqual(byId(fresh.counters));
      const counts = (s: BranchSnapshot) => byId(s.services).map((x) => [x.id, x.waiting, x.open]);
      expect(counts(held)).toEqual(counts(fresh));
      expect(held.recentCalls).toEqual(fresh.recentCalls);
      expect(held.branch).toEqual(fresh.branch);
      // The cancelled ticket left the list; the reinstated no-show waits again.
      expect(held.tickets.find((x) => x.id === t[3]!.id)).toBeUndefined();
      expect(held.tickets.find((x) => x.id === t[0]!.id)?.status).toBe('waiting');
    } finally {
      other.close();
    }
  });
});
