import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, MonitorSnapshot } from '../../server/src/protocol/monitor.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, connect, connected, counter, issue, until } from './helpers.js';

/**
 * The live monitor and its alerts through the real app: rules set by command (validated,
 * audited), alerts raised and cleared by the server, acknowledged by a manager, kept with their
 * history, pushed on `monitor:subscribe`; who may do each.
 */
describe('live monitor and alerts', () => {
  let hall: TestApp;
  let now = Date.parse('2026-03-02T10:00:00+08:00');
  let manager = '';
  let supervisor = '';
  let clerk = '';
  beforeAll(async () => {
    hall = await build({ clock: () => now, db: 'file' });
    await hall.listen();
    manager = await login(hall, 'manager');
    supervisor = await login(hall, 'supervisor');
    clerk = await login(hall, 'clerk3');
  });
  afterAll(async () => {
    await hall?.close();
  });
  const alerts = async (status = 'open', token = manager) =>
    api<AlertView[]>(hall, 'GET', `/branches/${BRANCH}/alerts?status=${status}`, { token });
  const rules = {
    waitOverTarget: { enabled: true, criticalPercent: 150 },
    queueLength: { enabled: true, warning: 1, critical: 3 },
    noCounterOpen: { enabled: true },
    counterPaused: { enabled: true, warningMinutes: 5, criticalMinutes: 10 },
  };

  it('validates the rules, lets managers change them and records who did', async () => {
    const put = (body: unknown, token = manager) =>
      api<{ rules: typeof rules; updatedBy: string | null }>(hall, 'PUT', `/branches/${BRANCH}/alert-rules`, {
        token,
        body,
      });
    expect((await put({ ...rules, queueLength: { enabled: true, warning: 5, critical: 2 } })).status).toBe(
      422,
    );
    expect((await put({ ...rules, queueLength: { enabled: 'yes' } })).status).toBe(400);
    expect((await put(rules, clerk)).status).toBe(403);
    expect((await put(rules, supervisor)).status).toBe(403);
    const r = await put(rules);
    expect(r.status).toBe(200);
    expect(r.body.rules).toEqual(rules);
    expect(r.body.updatedBy).toBe('user-manager');
    const read = await api(hall, 'GET', `/branches/${BRANCH}/alert-rules`, { token: supervisor });
    expect(read.body).toMatchObject({ rules });
    expect((await api(hall, 'GET', `/branches/${BRANCH}/alert-rules`, { token: clerk })).status).toBe(403);
  });

  it('raises alerts, pushes them to the monitor, keeps them acknowledged and cleared', async () => {
    const socket = connect(hall, manager);
    await connected(socket);
    const pushed: AlertView[] = [];
    const updates: MonitorSnapshot[] = [];
    socket.on('alert:raised', (a) => pushed.push(a));
    socket.on('alert:updated', (a) => pushed.push(a));
    socket.on('monitor:updated', (s) => updates.push(s));
    const first = await socket.timeout(5_000).emitWithAck('monitor:subscribe', { branchId: BRANCH });
    if (!first.ok) throw new Error(first.error.code);
    expect((first.data as MonitorSnapshot).services.length).toBeGreaterThan(0);
    const snapshot = first.data as MonitorSnapshot;
    expect(snapshot.counters.every((c) => c.state === 'closed')).toBe(true);

    // Two tickets for a service with every counter closed: no counter open, and a queue over 1.
    expect((await issue(hall, 'svc-social')).status).toBe(201);
    expect((await issue(hall, 'svc-social')).status).toBe(201);
    const kinds = (list: AlertView[]) => list.map((a) => `${a.kind}:${a.level}`).sort();
    await until(() => pushed.length >= 2, 5_000, 'two alerts pushed');
    expect(kinds(pushed)).toEqual(['no_counter_open:critical', 'queue_length:warning']);
    await until(() => updates.some((u) => u.alerts.length === 2), 5_000, 'a monitor update with both alerts');
    const social = updates.at(-1)!.services.find((s) => s.serviceId === 'svc-social')!;
    expect(social).toMatchObject({ waiting: 2, openCounters: 0, longestWaitSeconds: 0 });
    // Nobody called yet and nobody past the target: today's service level counts no one.
    expect(social.serviceLevelToday).toEqual({ percent: null, within: 0, counted: 0 });

    const open = await alerts();
    expect(kinds(open.body)).toEqual(['no_counter_open:critical', 'queue_length:warning']);
    const noCounter = open.body.find((a) => a.kind === 'no_counter_open')!;
    expect((await api(hall, 'POST', `/alerts/${noCounter.id}/ack`, { token: clerk })).status).toBe(403);
    expect((await api(hall, 'POST', '/alerts/nope/ack', { token: manager })).status).toBe(404);
    now += 60_000;
    const ack = await api<AlertView>(hall, 'POST', `/alerts/${noCounter.id}/ack`, { token: manager });
    expect(ack.body).toMatchObject({
      acknowledgedBy: 'user-manager',
      acknowledgedByName: '周主任',
      acknowledgedAt: now,
      clearedAt: null,
    });
    await until(() => pushed.some((a) => a.acknowledgedAt !== null), 5_000, 'the acknowledgement pushed');
    // Pushes name who acknowledged; the event log keeps the id only.
    expect(pushed.find((a) => a.acknowledgedAt !== null)?.acknowledgedByName).toBe('周主任');

    // A counter opens for the service: the condition is gone, the alert is cleared, kept.
    const clerk1 = await login(hall, 'clerk1');
    expect((await counter(hall, clerk1, 'ctr-1', 'open')).status).toBe(200);
    await until(() => pushed.some((a) => a.id === noCounter.id && a.clearedAt !== null), 5_000, 'cleared');
    const cleared = await alerts('cleared', supervisor);
    expect(cleared.body.find((a) => a.id === noCounter.id)).toMatchObject({
      acknowledgedBy: 'user-manager',
      raisedAt: expect.any(Number),
      clearedAt: expect.any(Number),
    });
    expect((await alerts('open')).body.map((a) => a.kind)).toEqual(['queue_length']);
    socket.close();
  });

  it('refuses the monitor to clerks, devices, strangers and other branches', async () => {
    const ask = async (token: string | undefined, branchId = BRANCH) => {
      const s = connect(hall, token);
      await connected(s);
      const r = await s.timeout(5_000).emitWithAck('monitor:subscribe', { branchId });
      s.close();
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await ask(clerk)).toBe('FORBIDDEN');
    expect(await ask(hall.demo.devices['display-1'])).toBe('FORBIDDEN');
    expect(await ask(manager, 'elsewhere')).toBe('FORBIDDEN');
    expect(await ask(supervisor)).toBe('ok');
    expect((await alerts('open', clerk)).status).toBe(403);
    expect((await api(hall, 'GET', `/branches/${BRANCH}/alerts`)).status).toBe(401);
  });
  it("counts today's service level per service: called within target, and waiting past it as a miss", async () => {
    const socket = connect(hall, manager);
    await connected(socket);
    const figures = async () => {
      const r = await socket.timeout(5_000).emitWithAck('monitor:subscribe', { branchId: BRANCH });
      if (!r.ok) throw new Error(r.error.code);
      return (r.data as MonitorSnapshot).services.find((s) => s.serviceId === 'svc-social')!;
    };
    // Two social tickets wait since 10:00 (a minute ago); ctr-1 is open. One is called now.
    // (A new session of clerk1 opens her open counter again: it signs this session in to it.)
    const clerk1 = await login(hall, 'clerk1');
    expect((await counter(hall, clerk1, 'ctr-1', 'open')).status).toBe(200);
    expect((await counter(hall, clerk1, 'ctr-1', 'call-next')).status).toBe(200);
    expect((await figures()).serviceLevelToday).toEqual({ percent: 100, within: 1, counted: 1 });
    // Past the target, the one still waiting counts as a miss before anyone calls it.
    now += ((await figures()).targetWaitMinutes + 1) * 60_000;
    expect((await figures()).serviceLevelToday).toEqual({ percent: 50, within: 1, counted: 2 });
    socket.close();
  });
});
