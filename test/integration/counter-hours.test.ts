import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../server/src/protocol/monitor.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter } from './helpers.js';

/**
 * A counter's own published hours (inside the branch's, the calendar over them): set and reset
 * by command with their audit rows, read by the window open rate, the clerk's daily record and the monitor's
 * "counter unstaffed inside its published hours" rule.
 */
const at = (local: string) => Date.parse(`${local}+08:00`);
let now = at('2026-10-12T08:00:00'); // a Monday
let app: TestApp;
let manager: string;

beforeAll(async () => {
  app = await build({ clock: () => now });
  manager = await login(app, 'manager');
});
afterAll(() => app?.close());

const weekdays = (open: string, close: string) =>
  Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [{ open, close }]]));
const patch = <T>(path: string, body: unknown) => api<T>(app, 'PATCH', path, { token: manager, body });
type Refusal = { error: { code: string; message: string } };
/** Polls an answer until it holds (the monitor evaluates after a commit settles). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a counter's own published hours", () => {
  it('are set by command with their audit rows; bad hours are refused with the field', async () => {
    const b = await patch(`/branches/${BRANCH}`, { hours: weekdays('09:00', '17:00'), holidays: 'cn' });
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    const c = await patch<{ id: string }>('/counters/ctr-2', { hours: weekdays('09:00', '12:00') });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const bad = await patch<Refusal>('/counters/ctr-2', {
      hours: { '1': [{ open: '9:00', close: '12:00' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('hours');
    const audit = await api<{ action: string; target: string; after: { counterHours?: unknown } }[]>(
      app,
      'GET',
      `/audit?branchId=${BRANCH}`,
      { token: manager },
    );
    const actions = audit.body.map((a) => `${a.action} ${a.target}`);
    expect(actions).toEqual(
      expect.arrayContaining(['counter.configured ctr-2', `branch.configured ${BRANCH}`]),
    );
    const branchRow = audit.body.find((a) => a.action === 'branch.configured');
    expect(branchRow?.after.counterHours).toEqual({ 'ctr-2': weekdays('09:00', '12:00') });
    const doc = await api<{ branch: { settings: { counterHours?: unknown } } }>(
      app,
      'GET',
      `/branches/${BRANCH}/config`,
      { token: manager },
    );
    expect(doc.body.branch.settings.counterHours).toEqual({ 'ctr-2': weekdays('09:00', '12:00') });
  });

  it('count as the scheduled time of the window open rate', async () => {
    const clerk = await login(app, 'clerk2');
    now = at('2026-10-12T09:00:00');
    expect((await counter(app, clerk, 'ctr-2', 'open')).status).toBe(200);
    now = at('2026-10-12T12:00:00');
    expect((await counter(app, clerk, 'ctr-2', 'close', { reason: 'end of shift' })).status).toBe(200);
    now = at('2026-10-13T08:00:00');
    manager = await login(app, 'manager');
    type Row = {
      counterId: string;
      scheduledSeconds: number;
      openSeconds: number;
      ratePercent: number | null;
    };
    const r = await api<{ days: Row[] }>(
      app,
      'GET',
      `/branches/${BRANCH}/reports/open-rate?from=2026-10-12&to=2026-10-12`,
      { token: manager },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const row = (id: string) => r.body.days.find((d) => d.counterId === id)!;
    // Its own 09:00–12:00, all open: 100 %; a counter on the branch's 09:00–17:00, never opened: 0 %.
    expect(row('ctr-2')).toMatchObject({
      scheduledSeconds: 3 * 3600,
      openSeconds: 3 * 3600,
      ratePercent: 100,
    });
    expect(row('ctr-3')).toMatchObject({ scheduledSeconds: 8 * 3600, ratePercent: 0 });
    // The clerk's day is judged against the hours of the counter she signed in to: not left early.
    type Record = { userId: string; published: unknown; lateMinutes: number; earlyLeaveMinutes: number };
    const day = await api<{ records: Record[] }>(
      app,
      'GET',
      `/branches/${BRANCH}/appraisal?date=2026-10-12`,
      {
        token: manager,
      },
    );
    expect(day.status, JSON.stringify(day.body)).toBe(200);
    expect(day.body.records.find((x) => x.userId === 'user-clerk2')).toMatchObject({
      published: { open: '09:00', close: '12:00' },
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
    });
  });

  it('raise "counter unstaffed" only inside the counter’s own hours, once the rule is on', async () => {
    const rules = {
      waitOverTarget: { enabled: false, criticalPercent: 150 },
      queueLength: { enabled: false, warning: 15, critical: 30 },
      noCounterOpen: { enabled: false },
      counterPaused: { enabled: false, warningMinutes: 15, criticalMinutes: 30 },
      counterUnstaffed: { enabled: true, graceMinutes: 10 },
    };
    // 13:00: ctr-2 is outside its own hours (mornings), every other counter is inside the branch's.
    now = at('2026-10-13T13:00:00');
    manager = await login(app, 'manager');
    const put = await api(app, 'PUT', `/branches/${BRANCH}/alert-rules`, { token: manager, body: rules });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const open = async () =>
      (await api<AlertView[]>(app, 'GET', `/branches/${BRANCH}/alerts?status=open`, { token: manager })).body;
    await eventually(async () => (await open()).length > 0, 'unstaffed alerts raised');
    const unstaffed = (await open()).filter((a) => a.kind === 'counter_unstaffed');
    expect(unstaffed.map((a) => a.counterId)).not.toContain('ctr-2');
    expect(unstaffed.map((a) => a.counterId)).toContain('ctr-3');
    expect(unstaffed.find((a) => a.counterId === 'ctr-3')).toMatchObject({ level: 'warning', threshold: 10 });
    // Its hours back to the branch's (null): ctr-2 is unstaffed too after the next evaluation.
    const reset = await patch('/counters/ctr-2', { hours: null });
    expect(reset.status).toBe(200);
    await eventually(
      async () => (await open()).some((a) => a.kind === 'counter_unstaffed' && a.counterId === 'ctr-2'),
      'ctr-2 unstaffed in the branch hours',
    );
  });
});
