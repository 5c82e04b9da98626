import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../../../test/support/build.js';

/** The core rules reach the routes: the session's counter is what a clerk acts from. */
describe('staff authority through the routes', () => {
  let app: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = await build();
    for (const u of ['clerk1', 'clerk2', 'clerk3']) {
      const r = await post('/auth/login', '', { username: u, password: app.demo.passwords[u] });
      tokens[u] = r.json().token;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  function post(url: string, token: string, payload: object = {}) {
    return app.fastify.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload,
    });
  }

  it('refuses calling or cancelling another counter’s parked ticket, and priority from a clerk at no counter', async () => {
    const kiosk = app.demo.devices['kiosk-1']!;
    const t = (await post('/branches/demo-hall/tickets', kiosk, { serviceId: 'svc-social' })).json();
    expect((await post('/counters/ctr-1/open', tokens.clerk1!)).statusCode).toBe(200);
    expect((await post('/counters/ctr-2/open', tokens.clerk2!)).statusCode).toBe(200);
    expect((await post('/counters/ctr-2/call', tokens.clerk2!, { ticketId: t.id })).statusCode).toBe(200);
    expect((await post('/counters/ctr-2/park', tokens.clerk2!)).statusCode).toBe(200);

    const stolen = await post('/counters/ctr-1/call', tokens.clerk1!, { ticketId: t.id });
    expect([stolen.statusCode, stolen.json().error.code]).toEqual([403, 'TICKET_NOT_FOR_COUNTER']);
    expect(
      (await post(`/tickets/${t.id}/cancel-by-staff`, tokens.clerk3!, { reason: '重复取号' })).statusCode,
    ).toBe(403);
    expect(
      (await post(`/tickets/${t.id}/cancel-by-staff`, tokens.clerk1!, { reason: '重复取号' })).statusCode,
    ).toBe(403);

    const priority = { serviceId: 'svc-social', priority: true };
    expect((await post('/branches/demo-hall/tickets', tokens.clerk3!, priority)).statusCode).toBe(403);
    expect((await post('/branches/demo-hall/tickets', tokens.clerk1!, priority)).statusCode).toBe(201);
    expect(
      (await post(`/tickets/${t.id}/cancel-by-staff`, tokens.clerk2!, { reason: '重复取号' })).statusCode,
    ).toBe(200);
  });
});
