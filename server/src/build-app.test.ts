import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '@guichet/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOADED } from '../../test/support/wait.js';
import { type BuiltApp, buildApp } from './build-app.js';
import { loadConfig } from './config/env.js';
import { fakeDrivers } from './modules/devices/index.js';

/** The whole app in process, with fake devices: one write path, effects after the commit, audit rows. */
describe('buildApp', () => {
  let dir: string;
  let app: BuiltApp;
  let drivers: ReturnType<typeof fakeDrivers>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-app-'));
    drivers = fakeDrivers();
    const config = loadConfig({
      GUICHET_DATA_DIR: dir,
      GUICHET_DEMO: '1',
      GUICHET_LOG_LEVEL: 'silent',
      GUICHET_ADMIN_PASSWORD: 'app-test-admin',
      GUICHET_DEMO_LED: '/dev/ttyFAKE0',
    });
    app = await buildApp(config, { devices: drivers });
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: 'POST' | 'PUT', url: string, token: string, payload: unknown = {}) =>
    app.fastify.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload: payload as object,
    });
  const signIn = async (username: string) =>
    (
      await app.fastify.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: app.demo!.passwords[username] },
      })
    ).json().token as string;
  const rowsOf = (sql: string) => {
    const db = openDb(join(dir, 'guichet.sqlite'));
    const rows = db.$client.prepare(sql).all();
    db.$client.close();
    return rows;
  };
  /** The audit log as the manager reads it, oldest first (its rows and the queue's staff actions). */
  const auditRows = async () => {
    const r = await app.fastify.inject({
      method: 'GET',
      url: '/api/v1/audit?branchId=demo-hall',
      headers: { authorization: `Bearer ${await signIn('manager')}` },
    });
    expect(r.statusCode).toBe(200);
    return (
      r.json() as {
        action: string;
        target: string;
        actorId: string;
        detail: Record<string, unknown> | null;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
        ip: string;
      }[]
    )
      .reverse()
      .filter((e) => e.action !== 'session.started' || e.actorId !== 'user-manager');
  };

  it('prints a kiosk ticket after its commit and answers with how the print went', async () => {
    const kiosk = app.demo!.devices['kiosk-1']!;
    const issued = await call('POST', '/branches/demo-hall/tickets', kiosk, { serviceId: 'svc-social' });
    expect(issued.statusCode).toBe(201);
    expect(issued.json().print).toEqual({ status: 'printed', reason: null });
    expect(drivers.printers.get('kiosk-1')!.jobs).toMatchObject([
      { jobId: issued.json().id, data: { code: 'A001' } },
    ]);

    drivers.printers.get('kiosk-1')!.set({ online: false, problem: 'paper_out' });
    const held = await call('POST', '/branches/demo-hall/tickets', kiosk, { serviceId: 'svc-social' });
    expect(held.json().print).toEqual({ status: 'held', reason: 'paper_out' });
    const other = await call('POST', '/branches/demo-hall/tickets', app.demo!.devices['kiosk-2']!, {
      serviceId: 'svc-social',
    });
    expect(other.json().print).toEqual({ status: 'no_printer', reason: null });
  });

  it('shows a call on the counter LED display and audits the clerk with the call and the address', async () => {
    const kiosk = app.demo!.devices['kiosk-2']!;
    await call('POST', '/branches/demo-hall/tickets', kiosk, { serviceId: 'svc-social' });
    const clerk = await signIn('clerk1');
    expect((await call('POST', '/counters/ctr-1/open', clerk)).statusCode).toBe(200);
    expect((await call('POST', '/counters/ctr-1/call-next', clerk)).statusCode).toBe(200);
    await vi.waitFor(() => expect(drivers.displays.get('led-1')!.current).toBe('called A001 → 1'), LOADED);
    const audit = await auditRows();
    const called = audit.find((r) => r.action === 'ticket.called')!;
    expect(called).toMatchObject({ target: 'ctr-1', actorId: 'user-clerk1', ip: '127.0.0.1' });
    // The entry is the call's event: its ticket, counter, rule and reason (no copies before/after).
    expect(called.detail).toMatchObject({ counterId: 'ctr-1', rule: expect.any(String) });
    expect(called.detail?.ticketId).toEqual(expect.any(String));
    expect(audit.map((r) => r.action)).toEqual(['session.started', 'counter.opened', 'ticket.called']);
    // A finish reads with its outcome, though its row leaves the usual one out, and without the
    // start it implies (that is an event of its own in the log's reads, no staff action).
    expect((await call('POST', '/counters/ctr-1/finish', clerk)).statusCode).toBe(200);
    const finished = (await auditRows()).find((r) => r.action === 'ticket.finished')!;
    expect(finished.detail).toEqual({
      ticketId: called.detail?.ticketId,
      counterId: 'ctr-1',
      outcome: 'served',
    });
    // One row per staff action: the event itself, no audit_log copy.
    expect(rowsOf("select count(*) as n from audit_log where action like 'ticket.%'")).toEqual([{ n: 0 }]);
  });

  it('stops issuing under an emergency that says so, audits it, and lets a retry of an earlier ticket through', async () => {
    const kiosk = app.demo!.devices['kiosk-2']!;
    const key = { 'idempotency-key': 'retry-0001' };
    const first = await app.fastify.inject({
      method: 'POST',
      url: '/api/v1/branches/demo-hall/tickets',
      headers: { authorization: `Bearer ${kiosk}`, ...key },
      payload: { serviceId: 'svc-social' },
    });
    const manager = await signIn('manager');
    const message = { 'zh-CN': '紧急疏散', en: 'Evacuate' };
    expect(
      (await call('PUT', '/branches/demo-hall/emergency', manager, { message, stopIssuing: true }))
        .statusCode,
    ).toBe(200);
    const refused = await call('POST', '/branches/demo-hall/tickets', kiosk, { serviceId: 'svc-social' });
    expect(refused.json().error.code).toBe('EMERGENCY_ACTIVE');
    const retry = await app.fastify.inject({
      method: 'POST',
      url: '/api/v1/branches/demo-hall/tickets',
      headers: { authorization: `Bearer ${kiosk}`, ...key },
      payload: { serviceId: 'svc-social' },
    });
    expect([retry.statusCode, retry.json().id]).toEqual([200, first.json().id]);
    const raised = (await auditRows()).find((r) => r.action === 'branch.emergency_raised')!;
    expect(raised.before?.emergency).toBeNull();
    expect(raised.after?.emergency).toMatchObject({ message, stopIssuing: true });
  });

  it("keeps staff's reason for a cancellation in the event log and the audit row, and needs one", async () => {
    const kiosk = app.demo!.devices['kiosk-2']!;
    const issued = await call('POST', '/branches/demo-hall/tickets', kiosk, { serviceId: 'svc-social' });
    const id = issued.json().id as string;
    const manager = await signIn('manager');
    const bare = await call('POST', `/tickets/${id}/cancel-by-staff`, manager);
    expect([bare.statusCode, bare.json().error]).toEqual([
      400,
      { code: 'VALIDATION_FAILED', message: 'body.reason is required', field: 'reason' },
    ]);
    const long = await call('POST', `/tickets/${id}/cancel-by-staff`, manager, { reason: 'x'.repeat(201) });
    expect(long.statusCode).toBe(400);
    const reason = '群众已离开 — left before the call';
    const done = await call('POST', `/tickets/${id}/cancel-by-staff`, manager, { reason });
    expect(done.statusCode).toBe(200);
    const cancelled = (await auditRows()).find((r) => r.action === 'ticket.cancelled')!;
    expect(cancelled.detail).toMatchObject({ by: 'staff', reason, ticketId: id });
    expect(
      rowsOf(`select reason from events where type = 'ticket.cancelled' and ticket_id = '${id}'`),
    ).toEqual([{ reason }]);
  });
});
