import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRANCH } from '../integration/helpers.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { held, open, printReport, until } from './probe.js';

type Ack = { ok: boolean; error?: { code: string } };
const subscribe = (s: Socket) =>
  new Promise<Ack>((resolve) => s.emit('branch:subscribe', { branchId: BRANCH }, (a: Ack) => resolve(a)));

/**
 * A session that ends — signed out, its password changed by its owner elsewhere, reset by an admin,
 * its account deactivated — takes its open sockets with it within a second, and its token gets 401.
 */
describe('hostile sessions: an ended session keeps no socket', () => {
  let server: TestApp;
  let url: string;
  let admin: string;

  beforeAll(async () => {
    server = await build({ env: { GUICHET_API_PER_MINUTE: '10000' } });
    url = await server.listen();
    admin = await login(server, 'admin', 'admin-test-password');
  });
  afterAll(async () => {
    printReport('sessions');
    await server?.close();
  });

  /** A clerk's console socket, subscribed to the branch stream; resolves with the time it closed. */
  async function consoleSocket(token: string) {
    const { socket, error } = await open(url, { token });
    expect(error).toBeNull();
    expect((await subscribe(socket)).ok).toBe(true);
    let closedAt = 0;
    socket.once('disconnect', () => {
      closedAt = performance.now();
    });
    return { socket, closed: () => closedAt };
  }

  async function expectCut(what: string, token: string, act: () => Promise<number>): Promise<void> {
    const s = await consoleSocket(token);
    const status = await act();
    // From the answer: the request itself may hash a password (scrypt) for a while first.
    const t0 = performance.now();
    expect(status, what).toBeLessThan(300);
    await until(`${what}: the socket to close`, () => s.closed() > 0, 3_000).catch(() => undefined);
    const ms = s.closed() ? Math.max(0, s.closed() - t0) : Number.POSITIVE_INFINITY;
    const next = await api(server, 'GET', '/me', { token });
    // A reconnect with the old token is refused at the handshake.
    const again = await open(url, { token });
    held(
      what,
      `socket ${s.closed() ? `closed ${ms.toFixed(0)} ms after the answer` : 'STILL OPEN'}, next request ${next.status}, reconnect ${again.error ?? 'ACCEPTED'}`,
    );
    again.socket.close();
    s.socket.close();
    expect(ms, `${what}: socket closed within a second`).toBeLessThan(1_000);
    expect(next.status, what).toBe(401);
    expect(again.error, what).toMatch(/UNAUTHENTICATED/);
  }

  it('signing out closes the session’s sockets', async () => {
    const token = await login(server, 'clerk1');
    await expectCut(
      'sign-out',
      token,
      async () => (await api(server, 'POST', '/auth/logout', { token })).status,
    );
  });

  it('a password change by its owner closes her other sessions’ sockets, not this one', async () => {
    const other = await login(server, 'clerk2');
    const here = await login(server, 'clerk2');
    const kept = await consoleSocket(here);
    const next = 'a-new-long-passphrase-2';
    await expectCut('password change (other session)', other, async () => {
      const r = await api(server, 'POST', '/auth/password', {
        token: here,
        body: { current: server.demo.passwords.clerk2, next },
      });
      return r.status;
    });
    expect(kept.closed()).toBe(0);
    expect((await api(server, 'GET', '/me', { token: here })).status).toBe(200);
    kept.socket.close();
  });

  it('an admin password reset closes the user’s sockets', async () => {
    const token = await login(server, 'clerk3');
    await expectCut('admin password reset', token, async () => {
      const r = await api(server, 'POST', '/users/user-clerk3/password', {
        token: admin,
        body: { next: 'reset-by-the-admin-3' },
      });
      return r.status;
    });
  });

  it('an admin setting a password on the account closes the user’s sockets', async () => {
    const token = await login(server, 'clerk5');
    await expectCut('admin sets a password (PATCH)', token, async () => {
      const r = await api(server, 'PATCH', '/users/user-clerk5', {
        token: admin,
        body: { password: 'set-by-the-admin-5' },
      });
      return r.status;
    });
  });

  it('an admin setting her own password keeps the session she does it from, ends her others', async () => {
    const me = await api<{ user: { id: string } }>(server, 'GET', '/me', { token: admin });
    const other = await login(server, 'admin', 'admin-test-password');
    await expectCut('admin sets her own password (other session)', other, async () => {
      const r = await api(server, 'PATCH', `/users/${me.body.user.id}`, {
        token: admin,
        body: { password: 'Quiet-Meadow-9817' },
      });
      return r.status;
    });
    expect((await api(server, 'GET', '/me', { token: admin })).status).toBe(200);
  });

  it('deactivating the account closes the user’s sockets', async () => {
    const token = await login(server, 'clerk4');
    await expectCut('account deactivated', token, async () => {
      const r = await api(server, 'PATCH', '/users/user-clerk4', { token: admin, body: { active: false } });
      return r.status;
    });
  });
});
