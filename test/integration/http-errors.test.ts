import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/src/protocol/index.js';
import { api, login, request } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter, issue } from './helpers.js';

/** Sends a raw body (possibly not JSON) and returns the status and parsed answer. */
async function raw(
  server: TestApp,
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; body: ErrorBody }> {
  const res = await request(server, method, `/api/v1${path}`, { body, headers });
  return { status: res.status, body: JSON.parse(res.text) as ErrorBody };
}

function expectField(r: { status: number; body: unknown }, field: string, status = 400) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  const e = (r.body as ErrorBody).error;
  expect(e.code).toBe('VALIDATION_FAILED');
  expect(e.field).toBe(field);
  expect(e.message).toContain(field);
}

describe('HTTP edges: validation, throttling, health and docs', () => {
  let server: TestApp;
  let kiosk: string;
  let clerk: string;
  let manager: string;
  const tickets = `/branches/${BRANCH}/tickets`;

  beforeAll(async () => {
    server = await build();
    kiosk = server.demo.devices['kiosk-1']!;
    // Sign in before the throttling test locks this address out.
    clerk = await login(server, 'clerk1');
    manager = await login(server, 'manager');
    expect((await counter(server, clerk, 'ctr-1', 'open')).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers 400 naming the field for wrong types, missing and extra fields when issuing', async () => {
    const post = (body: unknown) => api(server, 'POST', tickets, { token: kiosk, body });
    expectField(await post({ serviceId: 5 }), 'serviceId');
    expectField(await post({ serviceId: 'svc-social', priority: 'yes' }), 'priority');
    expectField(await post({ serviceId: 'svc-social', locale: 'fr' }), 'locale');
    expectField(await post({ serviceId: 'svc-social', personId: '<script>' }), 'personId');
    expectField(await post({}), 'serviceId');
    expectField(await post({ priority: true }), 'serviceId');
    expectField(await post({ serviceId: 'svc-social', colour: 'red' }), 'colour');
    expectField(await post({ serviceId: '' }), 'serviceId');
    expectField(await post({ serviceId: 'x'.repeat(65) }), 'serviceId');
    // A body that is not an object at all.
    for (const body of [null, [], 'svc-social', 42]) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
    }
    // Nothing was issued by any of these.
    const services = await api<{ id: string; waiting: number }[]>(
      server,
      'GET',
      `/branches/${BRANCH}/services`,
      {
        token: kiosk,
      },
    );
    expect(services.body.find((s) => s.id === 'svc-social')!.waiting).toBe(0);
  });

  it('answers 400 for malformed JSON, a bad content type and a bad Idempotency-Key, never 500', async () => {
    const auth = { authorization: `Bearer ${kiosk}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const malformed = await raw(server, 'POST', tickets, '{"serviceId": "svc-social",', json);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });

    const empty = await raw(server, 'POST', tickets, '', json);
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('body');

    const proto = await raw(server, 'POST', tickets, '{"serviceId":"svc-social","__proto__":{"x":1}}', json);
    expect(proto.status).toBe(400);

    const text = await raw(server, 'POST', tickets, 'serviceId=svc-social', {
      ...auth,
      'content-type': 'text/plain',
    });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);

    const huge = await raw(server, 'POST', tickets, JSON.stringify({ serviceId: 'x'.repeat(70_000) }), json);
    expect(huge.status).toBe(413);

    const longKey = await api(server, 'POST', tickets, {
      token: kiosk,
      body: { serviceId: 'svc-social' },
      headers: { 'idempotency-key': 'k'.repeat(101) },
    });
    expectField(longKey, 'idempotency-key');
  });

  it('answers 404 SERVICE_NOT_FOUND for an unknown service and 404 for an unknown branch', async () => {
    const r = await issue(server, 'svc-nonexistent');
    expect(r.status).toBe(404);
    expect((r.body as unknown as ErrorBody).error.code).toBe('SERVICE_NOT_FOUND');

    const branch = await api<ErrorBody>(server, 'GET', '/branches/no-such-hall/queue', { token: manager });
    expect(branch.status).toBeGreaterThanOrEqual(403);
    expect(branch.status).toBeLessThan(500);
    const route = await api<ErrorBody>(server, 'GET', '/no-such-route', { token: manager });
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 400 naming reason when pausing or closing without one, and names bad command fields', async () => {
    const pause = await counter(server, clerk, 'ctr-1', 'pause');
    expectField(pause, 'reason');
    expectField(await counter(server, clerk, 'ctr-1', 'pause', { reason: '' }), 'reason');
    expectField(await counter(server, clerk, 'ctr-1', 'pause', { reason: 7 }), 'reason');
    expectField(await counter(server, clerk, 'ctr-1', 'close', {}), 'reason');
    expectField(await counter(server, clerk, 'ctr-1', 'call', { ticketId: 12 }), 'ticketId');
    expectField(await counter(server, clerk, 'ctr-1', 'transfer', { serviceId: 'svc-medical' }), 'placement');
    expectField(await counter(server, clerk, 'ctr-1', 'finish', { outcome: 'great' }), 'outcome');
    expectField(await counter(server, clerk, 'ctr-1', 'park', { reason: 'r', extra: 1 }), 'extra');

    // The counter is still open and idle: none of these reached the queue engine.
    const ok = await counter(server, clerk, 'ctr-1', 'pause', { reason: 'break' });
    expect(ok.status).toBe(200);
    expect(ok.body.counter.state).toBe('paused');
    expect((await counter(server, clerk, 'ctr-1', 'resume')).status).toBe(200);
  });

  it('names the field on the phone and rating routes too', async () => {
    const t = await issue(server, 'svc-social');
    expect(t.status).toBe(201);
    const key = new URL(t.body.trackUrl).searchParams.get('k')!;
    expectField(await api(server, 'GET', `/tickets/${t.body.id}?key=short`), 'key');
    expectField(
      await api(server, 'POST', `/tickets/${t.body.id}/rating`, { body: { key, score: 6 } }),
      'score',
    );
    expectField(
      await api(server, 'POST', `/tickets/${t.body.id}/rating`, { body: { key, score: 2.5 } }),
      'score',
    );
    expectField(await api(server, 'POST', `/tickets/${t.body.id}/cancel`, { body: {} }), 'key');
    const wrong = await api<ErrorBody>(server, 'GET', `/tickets/${t.body.id}?key=${'z'.repeat(16)}`);
    expect(wrong.status).toBe(404);
    expectField(await api(server, 'POST', '/auth/login', { body: { username: 'clerk1' } }), 'password');
    expectField(
      await api(server, 'POST', '/auth/login', { body: { username: 1, password: 'x' } }),
      'username',
    );
  });

  it('serves health, Prometheus metrics and the OpenAPI document', async () => {
    const health = await request(server, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ database: 'ok' });

    const metrics = await request(server, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^guichet_waiting_tickets\b/m);

    const docs = await request(server, 'GET', '/api/docs/json');
    expect(docs.status).toBe(200);
    const doc = JSON.parse(docs.text) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/branches/{branchId}/tickets']).toHaveProperty('post');
    expect(doc.paths['/api/v1/counters/{counterId}/call-next']).toHaveProperty('post');
  });

  it('slows an account after repeated wrong passwords: 429 TOO_MANY_REQUESTS with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await api<ErrorBody>(server, 'POST', '/auth/login', {
        body: { username: 'clerk3', password: `wrong-${i}` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The next attempt waits (capped at 30 s, so the owner is never locked out for long).
    const res = await request(server, 'POST', '/api/v1/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk3', password: server.demo.passwords.clerk3 }),
    });
    const wait = Number(res.headers['retry-after']);
    if (res.status === 429) {
      expect((JSON.parse(res.text) as ErrorBody).error.code).toBe('TOO_MANY_REQUESTS');
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(30);
    } else expect(res.status).toBe(200); // a busy machine took longer than the wait
    // Tokens issued earlier keep working.
    expect((await api(server, 'GET', '/me', { token: clerk })).status).toBe(200);
  });
});

describe('sign-in throttling by address when X-Forwarded-For is forged', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await build();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('still throttles a client that talks to the server directly and forges a new X-Forwarded-For each time', async () => {
    // Nothing stands between this client and the server, so the header is the client's own claim:
    // the throttle must count these attempts against the connection's address, 127.0.0.1.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await api<ErrorBody>(server, 'POST', '/auth/login', {
        body: { username: `clerk${i + 1}`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(r.status);
    }
    // Different names: none is blocked by name, and one address may fail 30 times before it is
    // (consoles in a hall often share an address).
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    // The route's 20-a-minute limit counts the real address, whatever the header claims.
    const more: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await api<ErrorBody>(server, 'POST', '/auth/login', {
        body: { username: `nobody${i}`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      });
      more.push(r.status);
    }
    expect(more.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});
