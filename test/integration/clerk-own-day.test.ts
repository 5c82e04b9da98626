import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter, issue } from './helpers.js';

/** A clerk reads her own day's summary and staff time, narrowed to herself; nothing else. */
describe("a clerk's own day in the reports", () => {
  let hall: TestApp;
  let now = Date.parse('2026-03-02T10:00:00+08:00');
  const today = '2026-03-02';
  let clerk1 = '';
  let clerk2 = '';
  let manager = '';
  beforeAll(async () => {
    hall = await build({ clock: () => now });
    clerk1 = await login(hall, 'clerk1');
    clerk2 = await login(hall, 'clerk2');
    manager = await login(hall, 'manager');
    for (const [token, ctr] of [
      [clerk1, 'ctr-1'],
      [clerk2, 'ctr-2'],
    ] as const) {
      expect((await counter(hall, token, ctr, 'open')).status).toBe(200);
      expect((await issue(hall, 'svc-social')).status).toBe(201);
      now += 60_000;
      expect((await counter(hall, token, ctr, 'call-next')).status).toBe(200);
      now += 5 * 60_000;
      expect((await counter(hall, token, ctr, 'finish', { outcome: 'served' })).status).toBe(200);
    }
    now += 60_000;
  });
  afterAll(async () => {
    await hall?.close();
  });
  const get = (path: string, token: string) =>
    api<{ rows: { key?: string; clerkId?: string }[]; totals?: { served: number } }>(
      hall,
      'GET',
      `/branches/${BRANCH}/reports/${path}`,
      { token },
    );

  it('answers her own row of the day for summary by clerk and staff time', async () => {
    const summary = await get(`summary?from=${today}&to=${today}&by=clerk`, clerk1);
    expect(summary.status).toBe(200);
    expect(summary.body.rows.map((r) => r.key)).toEqual(['user-clerk1']);
    expect(summary.body.totals?.served).toBe(1);
    const staff = await get(`staff?from=${today}&to=${today}`, clerk1);
    expect(staff.status).toBe(200);
    expect(staff.body.rows.map((r) => r.clerkId)).toEqual(['user-clerk1']);
    // A manager sees both.
    const all = await get(`staff?from=${today}&to=${today}`, manager);
    expect(all.body.rows.map((r) => r.clerkId).sort()).toEqual(['user-clerk1', 'user-clerk2']);
  });

  it('refuses other days, other groupings, exports, other reports and other branches with 403', async () => {
    for (const path of [
      'summary?from=2026-03-01&to=2026-03-01&by=clerk',
      `summary?from=2026-03-01&to=${today}&by=clerk`,
      `summary?from=${today}&to=${today}&by=service`,
      `summary?from=${today}&to=${today}&by=clerk&format=csv`,
      'staff?from=2026-03-01&to=2026-03-01',
      `tickets?from=${today}&to=${today}`,
      `estimates?from=${today}&to=${today}&by=service`,
      `call-order?from=${today}&to=${today}`,
    ]) {
      expect([path, (await get(path, clerk2)).status]).toEqual([path, 403]);
    }
    const other = await api(hall, 'GET', `/branches/elsewhere/reports/staff?from=${today}&to=${today}`, {
      token: clerk1,
    });
    expect(other.status).toBe(403);
  });

  it('pages the ticket detail with ?limit= (digits in a query string) and refuses a limit out of range', async () => {
    const one = await get(`tickets?from=${today}&to=${today}&limit=1`, manager);
    expect(one.status).toBe(200);
    expect(one.body.rows).toHaveLength(1);
    const all = await get(`tickets?from=${today}&to=${today}&limit=100`, manager);
    expect([all.status, all.body.rows.length]).toEqual([200, 2]);
    for (const limit of ['0', '5001', 'ten', '-1'])
      expect([
        limit,
        (await get(`tickets?from=${today}&to=${today}&limit=${limit}`, manager)).status,
      ]).toEqual([limit, 400]);
  });
});
