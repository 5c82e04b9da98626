import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BranchSnapshot,
  ErrorBody,
  IssuedTicket,
  PublicTicketView,
} from '../../server/src/protocol/index.js';
import { api, login, request } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { type RunningServer, startServer } from '../support/server.js';
import { BRANCH, counter, issue, readTickets, until } from './helpers.js';

/** The server's output written after `mark` (the start-up banner prints kiosk-1's pairing URL). */
function outputSince(server: RunningServer, mark: number): string {
  return server.output().slice(mark);
}

describe('access rules, idempotency keys, health and masked numbers', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await build({ db: 'file' });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('refuses call-next (403) to a clerk whose counter a manager closed and another clerk opened', async () => {
    const [clerk1, clerk2, manager] = await Promise.all([
      login(server, 'clerk1'),
      login(server, 'clerk2'),
      login(server, 'manager'),
    ]);
    const t = await issue(server, 'svc-social', { key: 'acc-handover' });
    expect(t.status).toBe(201);

    expect((await counter(server, clerk1, 'ctr-1', 'open')).status).toBe(200);
    const closed = await counter(server, manager, 'ctr-1', 'close', { reason: 'handover to clerk2' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.counter.state).toBe('closed');
    const opened = await counter(server, clerk2, 'ctr-1', 'open');
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);

    // clerk1's session still names ctr-1, but the counter is clerk2's now.
    const stale = await counter(server, clerk1, 'ctr-1', 'call-next');
    expect(stale.status, JSON.stringify(stale.body)).toBe(403);
    expect((stale.body as unknown as ErrorBody).error.code).toBe('FORBIDDEN');
    // The refused call changed nothing: the ticket still waits.
    expect(readTickets(server).find((r) => r.id === t.body.id)?.status).toBe('waiting');

    const fresh = await counter(server, clerk2, 'ctr-1', 'call-next');
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body.ticket?.id).toBe(t.body.id);
    expect(fresh.body.ticket?.counterId).toBe('ctr-1');
    expect(fresh.body.ticket?.status).toBe('called');
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for a key reused on another service, and replays it on the same one', async () => {
    const key = 'acc-idem-key-1';
    const first = await issue(server, 'svc-social', { key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);

    const other = await issue(server, 'svc-medical', { key });
    expect(other.status, JSON.stringify(other.body)).toBe(409);
    expect((other.body as unknown as ErrorBody).error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const retry = await issue(server, 'svc-social', { key });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.code).toBe(first.body.code);

    // The refused request issued nothing: one ticket carries the key, for the first service.
    const rows = readTickets(server).filter((r) => r.idempotency_key === key);
    expect(rows.map((r) => r.service_id)).toEqual(['svc-social']);
  });

  it('shows device details in /health and serves /metrics to a local probe without a token', async () => {
    const health = await api<{ status: string; printers?: unknown[] }>(server, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(Array.isArray(health.body.printers)).toBe(true);
    expect(health.body.printers!.length).toBeGreaterThan(0);

    const metrics = await request(server, 'GET', '/metrics');
    expect(metrics.status, metrics.text).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
  });

  it('shows staff the masked personal number and the hall display none', async () => {
    const issued = await api<IssuedTicket>(server, 'POST', `/branches/${BRANCH}/tickets`, {
      token: server.demo.devices['kiosk-2'],
      body: { serviceId: 'svc-business', personId: '13812345678' },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);

    const clerk6 = await login(server, 'clerk6');
    const staff = await api<BranchSnapshot>(server, 'GET', `/branches/${BRANCH}/queue`, { token: clerk6 });
    expect(staff.status).toBe(200);
    const seenByStaff = staff.body.tickets.find((x) => x.id === issued.body.id);
    expect(seenByStaff?.personMasked).toBe('*******5678');

    const display = await api<BranchSnapshot>(server, 'GET', `/branches/${BRANCH}/queue`, {
      token: server.demo.devices['display-1'],
    });
    expect(display.status).toBe(200);
    const seenByDisplay = display.body.tickets.find((x) => x.id === issued.body.id);
    expect(seenByDisplay).toBeDefined();
    expect(seenByDisplay?.personMasked).toBeNull();
    expect(JSON.stringify(display.body)).not.toContain('****');
  });
});

/** What the real process writes to its log, with its own logger settings: needs a child process. */
describe('log secrets', () => {
  let server: RunningServer;

  beforeAll(async () => {
    // debug: every request is logged on its own line (info logs one summary per route a minute,
    // by route pattern), so the test sees the request lines a secret could leak into.
    server = await startServer({ env: { GUICHET_LOG_LEVEL: 'debug' } });
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('logs request paths without the tracking key or a pairing URL device token', async () => {
    const t = await issue(server, 'svc-employment', { key: 'acc-log-secrets' });
    expect(t.status).toBe(201);
    const trackKey = new URL(t.body.trackUrl).searchParams.get('k');
    expect(trackKey).toBeTruthy();
    const kioskToken = server.demo.devices['kiosk-1']!;
    expect(kioskToken.length).toBeGreaterThan(8);

    const mark = server.output().length;
    const path = `/api/v1/tickets/${t.body.id}`;
    const view = await api<PublicTicketView>(server, 'GET', `/tickets/${t.body.id}?key=${trackKey}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    const page = await fetch(`${server.url}/kiosk/?device=${kioskToken}`);
    await page.arrayBuffer();
    expect(page.status).toBeLessThan(500);

    // Both requests reached the log (so the absence below means something).
    await until(
      () => outputSince(server, mark).includes(path) && outputSince(server, mark).includes('"/kiosk/'),
      5_000,
      'both request lines in the server log',
    );
    const logged = outputSince(server, mark);
    expect(logged).not.toContain(trackKey!);
    expect(logged).not.toContain(kioskToken);
  });
});
