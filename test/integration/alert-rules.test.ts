import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AlertView } from '../../server/src/protocol/monitor.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { LOADED } from '../support/wait.js';
import { BRANCH, issue } from './helpers.js';

/**
 * Alert rules with overrides per service, per counter and per pause reason through the real
 * app: stored and answered as sent (with who changed them, by name), refused with 422 naming an
 * unknown subject, a rule set of today's shape still read and applied the same, and a
 * service's own queue threshold raising its alert where the branch default would not.
 */
let app: TestApp;
let manager = '';
beforeAll(async () => {
  app = await build({ db: 'file' });
  await app.listen();
  manager = await login(app, 'manager');
});
afterAll(() => app?.close());

const base = {
  waitOverTarget: { enabled: true, criticalPercent: 150 },
  queueLength: { enabled: true, warning: 15, critical: 30 },
  noCounterOpen: { enabled: false },
  counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
};
type Refusal = { error: { code: string; message: string } };
type RulesView = { rules: unknown; updatedBy: string | null; updatedByName?: string | null };
const put = (body: unknown) =>
  api<RulesView>(app, 'PUT', `/branches/${BRANCH}/alert-rules`, { token: manager, body });
const refusal = async (body: unknown) => {
  const r = await put(body);
  return `${r.status} ${(r.body as unknown as Refusal).error?.message}`;
};

describe('alert rule overrides', () => {
  it('refuses overrides naming what the branch does not have, and thresholds out of order', async () => {
    expect(await refusal({ ...base, services: { 'svc-nope': {} } })).toBe(
      '422 services.svc-nope is not a service of this branch',
    );
    expect(await refusal({ ...base, counters: { 'ctr-99': {} } })).toBe(
      '422 counters.ctr-99 is not a counter of this branch',
    );
    // The demo hall has no pause reason codes yet: no reason may be named.
    const lunch = { lunch: { enabled: true, warningMinutes: 60, criticalMinutes: 75 } };
    expect(await refusal({ ...base, pauseReasons: lunch })).toBe(
      "422 pauseReasons.lunch is not one of this branch's pause reason codes",
    );
    const low = { queueLength: { enabled: true, warning: 5, critical: 2 } };
    expect(await refusal({ ...base, services: { 'svc-social': low } })).toBe(
      '422 services.svc-social.queueLength.critical is below its warning',
    );
    const shape = await put({ ...base, services: { 'svc-social': { queueLength: { warning: 1 } } } });
    expect(shape.status).toBe(400);
  });

  it('stores overrides per service, counter and reason, and answers them with who set them', async () => {
    const reasons = await api(app, 'PATCH', `/branches/${BRANCH}`, {
      token: manager,
      body: { pauseReasons: [{ code: 'lunch', label: { 'zh-CN': '用餐', en: 'Meal break' } }] },
    });
    expect(reasons.status).toBe(200);
    const rules = {
      ...base,
      services: { 'svc-social': { queueLength: { enabled: true, warning: 1, critical: 3 } } },
      counters: { 'ctr-1': { counterIdle: { enabled: false, warningMinutes: 5, criticalMinutes: 15 } } },
      pauseReasons: { lunch: { enabled: true, warningMinutes: 60, criticalMinutes: 75 } },
    };
    const r = await put(rules);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ rules, updatedBy: 'user-manager', updatedByName: '周主任' });
    const read = await api<RulesView>(app, 'GET', `/branches/${BRANCH}/alert-rules`, { token: manager });
    expect(read.body.rules).toEqual(rules);
  });

  it("raises a service's queue alert at its own threshold, not the branch's", async () => {
    const alerts = async () =>
      (await api<AlertView[]>(app, 'GET', `/branches/${BRANCH}/alerts`, { token: manager })).body;
    // Two waiting: past the social override (1), far below the branch default (15).
    expect((await issue(app, 'svc-social')).status).toBe(201);
    expect((await issue(app, 'svc-social')).status).toBe(201);
    expect((await issue(app, 'svc-medical')).status).toBe(201);
    expect((await issue(app, 'svc-medical')).status).toBe(201);
    // Evaluated within 250 ms of the last issue; medical (no override) never passes 15.
    const queue = async () =>
      (await alerts())
        .filter((a) => a.kind === 'queue_length')
        .map((a) => `${a.serviceId} ${a.level} ${a.value}/${a.threshold}`);
    await vi.waitFor(async () => expect(await queue()).toEqual(['svc-social warning 2/1']), LOADED);
  });

  it('reads a rule set stored in the shape before overrides as it was written', async () => {
    // As an older version left it in the table: the four rules, no overrides, no warningPercent.
    const db = new Database(app.dbFile);
    db.prepare('UPDATE alert_rules SET rules = ? WHERE branch_id = ?').run(JSON.stringify(base), BRANCH);
    db.close();
    const read = await api<RulesView>(app, 'GET', `/branches/${BRANCH}/alert-rules`, { token: manager });
    expect(read.body.rules).toEqual(base);
    expect((await put(base)).status).toBe(200);
  });
});
