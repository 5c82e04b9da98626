import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchDelta, CounterCommandResponse, IssuedTicket } from '../../server/src/protocol/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { connect, connected, subscribe, until } from './helpers.js';

/**
 * A real hall set up from an empty database (GUICHET_DEMO=0) through the configuration API only:
 * branch, services, counters, a clerk, a kiosk and a display paired by code; a ticket issued,
 * called and seen on the board; the kiosk revoked and cut off.
 */
let app: TestApp;
let admin: string;
const BRANCH = 'north-hall';

beforeAll(async () => {
  app = await build({ env: { GUICHET_DEMO: '0' } });
  await app.listen();
  admin = await login(app, 'admin', 'admin-test-password');
});
afterAll(() => app?.close());

const post = <T>(path: string, body: unknown, token = admin) => api<T>(app, 'POST', path, { token, body });

describe('first start without the demo', () => {
  it('sets up a hall through the API and calls its first ticket', async () => {
    expect((await api<unknown[]>(app, 'GET', '/branches', { token: admin })).body).toEqual([]);
    const branch = await post<{ id: string; open: boolean }>('/branches', {
      id: BRANCH,
      name: { 'zh-CN': '城北政务服务中心', en: 'North Service Centre' },
      timezone: 'Asia/Shanghai',
    });
    expect(branch.status, JSON.stringify(branch.body)).toBe(201);
    expect(branch.body.open).toBe(true); // no hours yet: open around the clock
    const svc = async (prefix: string, en: string) => {
      const r = await post<{ id: string }>(`/branches/${BRANCH}/services`, {
        prefix,
        name: { 'zh-CN': `${en}业务`, en },
        targetWaitMinutes: 15,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id;
    };
    const permits = await svc('A', 'Permits');
    const taxes = await svc('B', 'Taxes');
    const ctr = async (number: number, services: [string, number][]) => {
      const r = await post<{ id: string }>(`/branches/${BRANCH}/counters`, {
        number,
        name: { 'zh-CN': `${number}号窗口`, en: `Counter ${number}` },
        services: services.map(([serviceId, level]) => ({ serviceId, level })),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id;
    };
    const c1 = await ctr(1, [
      [permits, 1],
      [taxes, 2],
    ]);
    await ctr(2, [[taxes, 1]]);
    const clerk = await post<Record<string, unknown>>('/users', {
      username: 'lin',
      displayName: '林静',
      password: 'Lantern-Harbour-42',
      role: 'clerk',
      branchIds: [BRANCH],
    });
    expect(clerk.status, JSON.stringify(clerk.body)).toBe(201);
    expect(JSON.stringify(clerk.body)).not.toMatch(/Lantern|scrypt|password/i);

    type Created = { device: { id: string }; pairingUrl: string; pairingCode: string; expiresAt: number };
    const kiosk = await post<Created>(`/branches/${BRANCH}/devices`, {
      kind: 'kiosk',
      name: 'Entrance kiosk',
    });
    const board = await post<Created>(`/branches/${BRANCH}/devices`, { kind: 'display', name: 'Hall board' });
    expect(kiosk.status, JSON.stringify(kiosk.body)).toBe(201);
    expect(kiosk.body.pairingUrl).toContain(`/kiosk/?pair=${kiosk.body.pairingCode}`);
    const pair = (code: string) => api<{ token: string }>(app, 'POST', '/devices/pair', { body: { code } });
    const kioskToken = (await pair(kiosk.body.pairingCode)).body.token;
    const boardToken = (await pair(board.body.pairingCode)).body.token;
    expect((await pair(kiosk.body.pairingCode)).status).toBe(401); // usable once

    const screen = connect(app, boardToken);
    const kioskSocket = connect(app, kioskToken);
    const calls: BranchDelta[] = [];
    screen.on('ticket:called', (d) => calls.push(d));
    await connected(screen);
    await connected(kioskSocket);
    await subscribe(screen, BRANCH);
    await subscribe(kioskSocket, BRANCH);

    const ticket = await api<IssuedTicket>(app, 'POST', `/branches/${BRANCH}/tickets`, {
      token: kioskToken,
      body: { serviceId: permits },
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body.code).toBe('A001');

    const lin = await login(app, 'lin', 'Lantern-Harbour-42');
    expect((await api(app, 'POST', `/counters/${c1}/open`, { token: lin, body: {} })).status).toBe(200);
    const called = await api<CounterCommandResponse>(app, 'POST', `/counters/${c1}/call-next`, {
      token: lin,
      body: {},
    });
    expect(called.body.ticket?.code).toBe('A001');
    await until(() => calls.some((d) => d.call?.code === 'A001'), 5_000, 'the board to show A001');

    const kioskGone = new Promise<void>((res) => kioskSocket.on('disconnect', () => res()));
    const revokedAt = Date.now();
    expect((await api(app, 'DELETE', `/devices/${kiosk.body.device.id}`, { token: admin })).status).toBe(204);
    await kioskGone;
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    const refused = await api(app, 'POST', `/branches/${BRANCH}/tickets`, {
      token: kioskToken,
      body: { serviceId: permits },
    });
    expect(refused.status).toBe(401);
    expect(screen.connected).toBe(true);
    screen.close();
    kioskSocket.close();
  });
});
