import type { ServiceView } from '@guichet/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDrivers } from '../../server/src/modules/devices/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, issue, until } from './helpers.js';

/**
 * A branch's address on the printed ticket (each ticket in its own language), a service's own
 * opening hours and issue cut-off enforced when issuing (refusal codes the kiosk shows), the
 * Chinese calendar's holidays and 调休 days over them, and the export/import round trip.
 */
const at = (local: string) => Date.parse(`${local}+08:00`);
let now = at('2026-10-01T10:00:00');
const drivers = fakeDrivers();
let app: TestApp;
let manager: string;

beforeAll(async () => {
  app = await build({ clock: () => now, devices: drivers });
  manager = await login(app, 'manager');
});
afterAll(() => app?.close());

const weekdays = (open: string, close: string) =>
  Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [{ open, close }]]));
const patch = <T>(path: string, body: unknown) => api<T>(app, 'PATCH', path, { token: manager, body });
/** The clock jumps days ahead: a fresh session for each step (sessions last hours). */
const signIn = async () => {
  manager = await login(app, 'manager');
};
const services = async () =>
  (
    await api<ServiceView[]>(app, 'GET', `/branches/${BRANCH}/services`, {
      token: app.demo.devices['kiosk-1'],
    })
  ).body;
const enquiry = async () => (await services()).find((s) => s.id === 'svc-enquiry')!;
const refusal = async (serviceId: string) => {
  const r = await issue(app, serviceId);
  return r.status === 201 ? 201 : (r.body as unknown as { error: { code: string } }).error.code;
};

describe('branch address, service hours and cut-off', () => {
  it('stores the address, the calendar and the service hours as commands', async () => {
    const b = await patch(`/branches/${BRANCH}`, {
      hours: weekdays('09:00', '17:00'),
      holidays: 'cn',
      exceptions: [{ date: '2026-10-16', intervals: [], note: '内部培训' }],
      address: { 'zh-CN': '东城区民安街 12 号', en: '12 Min-an Street, Dongcheng' },
    });
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    const s = await patch(`/services/svc-enquiry`, {
      hours: weekdays('09:00', '12:00'),
      issueCutoffMinutes: 30,
    });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const audit = await api<{ action: string; target: string }[]>(app, 'GET', `/audit?branchId=${BRANCH}`, {
      token: manager,
    });
    expect(audit.body.map((a) => `${a.action} ${a.target}`)).toEqual(
      expect.arrayContaining(['service.configured svc-enquiry', `branch.configured ${BRANCH}`]),
    );
  });

  it('refuses on a statutory holiday', async () => {
    now = at('2026-10-01T10:00:00'); // 国庆节
    expect(await refusal('svc-social')).toBe('OUTSIDE_OPENING_HOURS');
    expect((await enquiry()).closedReason).toBe('OUTSIDE_OPENING_HOURS');
  });

  it('follows the branch on a 调休 make-up Saturday, cut-off still counted from closing', async () => {
    now = at('2026-10-10T11:45:00'); // Saturday worked for National Day: the branch's hours
    expect(await refusal('svc-enquiry')).toBe(201);
    now = at('2026-10-10T16:30:00');
    expect(await refusal('svc-enquiry')).toBe('AFTER_ISSUE_CUTOFF');
    expect(await refusal('svc-social')).toBe(201);
  });

  it("issues inside the service's hours, stops at its cut-off and closes after", async () => {
    now = at('2026-10-12T09:00:00'); // Monday: opening minute
    expect(await refusal('svc-enquiry')).toBe(201);
    now = at('2026-10-12T11:29:59');
    expect(await refusal('svc-enquiry')).toBe(201);
    now = at('2026-10-12T11:30:00');
    expect(await refusal('svc-enquiry')).toBe('AFTER_ISSUE_CUTOFF');
    expect((await enquiry()).closedReason).toBe('AFTER_ISSUE_CUTOFF');
    now = at('2026-10-12T12:00:00');
    expect(await refusal('svc-enquiry')).toBe('SERVICE_CLOSED');
    const view = await enquiry();
    expect([view.open, view.closedReason]).toEqual([false, 'SERVICE_CLOSED']);
    expect(await refusal('svc-social')).toBe(201); // other services keep the branch's hours
    now = at('2026-10-16T10:00:00'); // the branch's own closed Friday
    expect(await refusal('svc-social')).toBe('OUTSIDE_OPENING_HOURS');
  });

  it('prints the address in the ticket’s language', async () => {
    now = at('2026-10-19T10:00:00');
    const printer = drivers.printers.get('kiosk-1')!;
    const before = printer.jobs.length;
    const zh = await issue(app, 'svc-social');
    const en = await api<{ code: string }>(app, 'POST', `/branches/${BRANCH}/tickets`, {
      token: app.demo.devices['kiosk-1'],
      body: { serviceId: 'svc-social', locale: 'en' },
    });
    expect([zh.status, en.status], JSON.stringify([zh.body, en.body])).toEqual([201, 201]);
    await until(() => printer.jobs.length === before + 2, 5_000, 'two printed tickets');
    const printed = printer.jobs.slice(before).map((j) => [j.data.code, j.data.footer]);
    expect(printed).toEqual([
      [zh.body.code, '东城区民安街 12 号'],
      [en.body.code, '12 Min-an Street, Dongcheng'],
    ]);
  });

  it('prints why a ticket has no wait: no counter open, then past closing time', async () => {
    const printer = drivers.printers.get('kiosk-1')!;
    const printedFor = async (code: string) => {
      await until(() => printer.jobs.some((j) => j.data.code === code), 5_000, `ticket ${code} printed`);
      return printer.jobs.find((j) => j.data.code === code)!.data;
    };
    now = at('2026-10-19T16:40:00'); // the branch closes at 17:00; no counter is open
    const first = await issue(app, 'svc-social');
    expect(first.body.estimateStatus).toBe('no_counter_open');
    expect(await printedFor(first.body.code)).toMatchObject({
      estimatedWaitMinutes: null,
      estimateStatus: 'no_counter_open',
    });
    // One counter opens with three tickets waiting, 6 minutes each: the fourth is called after 17:00.
    now = at('2026-10-19T16:46:00');
    const clerk = await login(app, 'clerk1');
    expect((await api(app, 'POST', '/counters/ctr-1/open', { token: clerk })).status).toBe(200);
    const late = await issue(app, 'svc-social');
    expect([late.body.ahead, late.body.estimateStatus]).toEqual([3, 'after_closing']);
    expect(await printedFor(late.body.code)).toMatchObject({
      estimatedWaitMinutes: null,
      estimateStatus: 'after_closing',
    });
  });

  it('exports the address and service hours and applies the document back unchanged', async () => {
    await signIn();
    const doc = await api<{ branch: { settings: Record<string, unknown> } }>(
      app,
      'GET',
      `/branches/${BRANCH}/config`,
      { token: manager },
    );
    expect(doc.body.branch.settings).toMatchObject({
      address: { en: '12 Min-an Street, Dongcheng' },
      holidays: 'cn',
      ownExceptions: [{ date: '2026-10-16', intervals: [], note: '内部培训' }],
      serviceHours: { 'svc-enquiry': { issueCutoffMinutes: 30 } },
    });
    const put = await api<{ changes: number }>(app, 'PUT', `/branches/${BRANCH}/config`, {
      token: manager,
      body: doc.body,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.changes).toBe(0);
    const stray = structuredClone(doc.body);
    (stray.branch.settings.serviceHours as Record<string, unknown>)['svc-nope'] = { issueCutoffMinutes: 5 };
    const bad = await api<{ error: { problems: { path: string }[] } }>(
      app,
      'PUT',
      `/branches/${BRANCH}/config`,
      {
        token: manager,
        body: stray,
      },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.map((p) => p.path)).toContain('/branch/settings/serviceHours/svc-nope');
  });

  it('goes back to the branch hours with null, and names a repeated reason code', async () => {
    await signIn();
    const s = await patch(`/services/svc-enquiry`, { hours: null, issueCutoffMinutes: null });
    expect(s.status).toBe(200);
    now = at('2026-10-20T16:00:00');
    expect(await refusal('svc-enquiry')).toBe(201);
    await signIn();
    const twice = { code: 'lunch', label: { 'zh-CN': '用餐', en: 'Lunch' } };
    const r = await patch<{ error: { code: string; message: string } }>(`/branches/${BRANCH}`, {
      pauseReasons: [twice, twice],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('body.pauseReasons');
  });
});
