import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketView } from '../../server/src/protocol/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter, issue, readTickets } from './helpers.js';

const TICKETS = 40;

describe('two clerks calling next at the same moment', () => {
  let server: TestApp;
  let clerk1: string;
  let clerk2: string;
  const issued: { id: string; code: string }[] = [];

  beforeAll(async () => {
    server = await build({ db: 'file' });
    for (let i = 0; i < TICKETS; i++) {
      const r = await issue(server, 'svc-social', { key: `cc-${i}` });
      expect(r.status).toBe(201);
      issued.push({ id: r.body.id, code: r.body.code });
    }
    clerk1 = await login(server, 'clerk1');
    clerk2 = await login(server, 'clerk2');
    expect((await counter(server, clerk1, 'ctr-1', 'open')).status).toBe(200);
    expect((await counter(server, clerk2, 'ctr-2', 'open')).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('gives every ticket to exactly one counter, once, and the SQLite file agrees', async () => {
    const calls: { counterId: string; ticket: TicketView }[] = [];
    let rounds = 0;
    for (; rounds < TICKETS + 5; rounds++) {
      const [a, b] = await Promise.all([
        counter(server, clerk1, 'ctr-1', 'call-next'),
        counter(server, clerk2, 'ctr-2', 'call-next'),
      ]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      const got = [
        { counterId: 'ctr-1', ticket: a.body.ticket, token: clerk1 },
        { counterId: 'ctr-2', ticket: b.body.ticket, token: clerk2 },
      ].filter((c): c is { counterId: string; ticket: TicketView; token: string } => c.ticket !== null);
      if (got.length === 0) break;
      if (got.length === 2) expect(got[0]!.ticket.id).not.toBe(got[1]!.ticket.id);
      for (const g of got) {
        expect(g.ticket.status).toBe('called');
        expect(g.ticket.counterId).toBe(g.counterId);
        calls.push({ counterId: g.counterId, ticket: g.ticket });
      }
      const finished = await Promise.all(got.map((g) => counter(server, g.token, g.counterId, 'finish')));
      for (const f of finished) expect(f.status).toBe(200);
    }
    // Nothing left: both counters answered "nothing waits" in the last round.
    expect(rounds).toBeLessThan(TICKETS + 5);

    const calledIds = calls.map((c) => c.ticket.id);
    expect(new Set(calledIds).size).toBe(calledIds.length);
    expect([...calledIds].sort()).toEqual(issued.map((t) => t.id).sort());
    // Both counters worked: the race was real, not one clerk taking everything.
    expect(calls.filter((c) => c.counterId === 'ctr-1').length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.counterId === 'ctr-2').length).toBeGreaterThan(0);
    // Within one service, calls go in issue order (longest-queued first): a ticket called at a
    // later server time was issued later. The two answers of one round may come back in either
    // order, so the calls are put in the server's order (calledAt; equal times cannot disagree).
    const order = new Map(issued.map((t, i) => [t.id, i]));
    const byServerTime = [...calls].sort(
      (x, y) =>
        (x.ticket.calledAt ?? 0) - (y.ticket.calledAt ?? 0) ||
        order.get(x.ticket.id)! - order.get(y.ticket.id)!,
    );
    const positions = byServerTime.map((c) => order.get(c.ticket.id)!);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));

    const rows = readTickets(server).filter((r) => r.service_id === 'svc-social');
    expect(rows).toHaveLength(TICKETS);
    const byId = new Map(calls.map((c) => [c.ticket.id, c.counterId]));
    for (const row of rows) {
      expect(row.status, row.code).toBe('done');
      expect(row.call_count, row.code).toBe(1);
      expect(row.counter_id, row.code).toBe(byId.get(row.id));
      expect(row.finished_at, row.code).not.toBeNull();
    }

    const queue = await api<{ tickets: TicketView[] }>(server, 'GET', `/branches/${BRANCH}/queue`, {
      token: clerk1,
    });
    expect(queue.status).toBe(200);
    expect(queue.body.tickets.filter((t) => t.serviceId === 'svc-social' && t.status === 'waiting')).toEqual(
      [],
    );
    console.log(
      `concurrent call: ${calls.length} calls in ${rounds} rounds; ctr-1 ${calls.filter((c) => c.counterId === 'ctr-1').length}, ctr-2 ${calls.filter((c) => c.counterId === 'ctr-2').length}`,
    );
  });

  it('refuses a clerk acting on a counter they did not open (403)', async () => {
    const t = await issue(server, 'svc-social', { key: 'cc-foreign' });
    expect(t.status).toBe(201);
    const r = await counter(server, clerk1, 'ctr-2', 'call-next');
    expect(r.status).toBe(403);
    expect((r.body as unknown as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    // The refused command changed nothing: the ticket still waits.
    const row = readTickets(server).find((x) => x.id === t.body.id)!;
    expect(row.status).toBe('waiting');
    // And a clerk cannot open a counter another clerk holds.
    const taken = await counter(server, clerk1, 'ctr-2', 'open');
    expect(taken.status).toBeGreaterThanOrEqual(400);
    expect(taken.status).toBeLessThan(500);
  });

  it('refuses issuing with a display token (403) and without a token (401)', async () => {
    const display = await issue(server, 'svc-social', { token: server.demo.devices['display-1'] });
    expect(display.status).toBe(403);
    const none = await api<{ error: { code: string } }>(server, 'POST', `/branches/${BRANCH}/tickets`, {
      body: { serviceId: 'svc-social' },
    });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const bogus = await issue(server, 'svc-social', { token: 'not-a-real-token' });
    expect(bogus.status).toBe(401);
  });

  it('gives one ticket for one Idempotency-Key even when the same request arrives five times at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => issue(server, 'svc-medical', { key: 'cc-same-key' })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.code)).size).toBe(1);
    expect(readTickets(server).filter((r) => r.idempotency_key === 'cc-same-key')).toHaveLength(1);
  });

  it('lets only one of two clerks open the same counter at the same moment', async () => {
    const [clerk3, clerk4] = await Promise.all([login(server, 'clerk3'), login(server, 'clerk4')]);
    const [a, b] = await Promise.all([
      counter(server, clerk3, 'ctr-3', 'open'),
      counter(server, clerk4, 'ctr-3', 'open'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? clerk3 : clerk4;
    const loser = a.status === 200 ? clerk4 : clerk3;
    expect((await counter(server, loser, 'ctr-3', 'call-next')).status).toBe(403);
    expect((await counter(server, winner, 'ctr-3', 'call-next')).status).toBe(200);
  });
});
