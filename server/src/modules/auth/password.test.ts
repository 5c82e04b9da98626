import { openDb } from '@guichet/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../../../test/support/build.js';
import { fakeDrivers } from '../devices/index.js';

const ADMIN_PASSWORD = 'password-test-admin';

/** Passwords changed by their owner and reset by an admin: commands with audit, other sessions signed out. */
describe('password change and reset', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await build({
      db: 'file',
      devices: fakeDrivers(),
      env: { GUICHET_ADMIN_PASSWORD: ADMIN_PASSWORD },
    });
  });
  afterEach(async () => {
    await app.close();
  });

  const post = (url: string, token: string | null, payload: object) =>
    app.fastify.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload,
    });
  const signIn = async (username: string, password = app.demo.passwords[username]!) => {
    const r = await post('/auth/login', null, { username, password });
    return r.statusCode === 200 ? (r.json().token as string) : null;
  };
  const me = async (token: string) =>
    (await app.fastify.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } }))
      .statusCode;
  const audit = () => {
    const db = openDb(app.dbFile);
    const rows = db.$client
      .prepare("select actor_id, target, detail from audit_log where action = 'user.password_changed'")
      .all() as { actor_id: string; target: string; detail: string }[];
    db.$client.close();
    return rows;
  };

  it('lets the owner change her password, signing out her other sessions only', async () => {
    const here = (await signIn('clerk1'))!;
    const elsewhere = (await signIn('clerk1'))!;
    const old = app.demo.passwords.clerk1!;

    const wrong = await post('/auth/password', here, {
      current: 'not-my-password',
      next: 'tea-kettle-orbit-47',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('WRONG_PASSWORD');

    const weak = await post('/auth/password', here, { current: old, next: 'password123' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error).toMatchObject({
      code: 'PASSWORD_REJECTED',
      problem: 'common',
      reasons: { 'zh-CN': '这是泄露过的常见密码', en: 'a common password found in breaches' },
    });
    expect(
      (await post('/auth/password', here, { current: old, next: 'my-clerk1-window' })).json().error.problem,
    ).toBe('personal');

    const changed = await post('/auth/password', here, { current: old, next: 'tea-kettle-orbit-47' });
    expect(changed.statusCode).toBe(200);
    expect(await me(here)).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    expect(await signIn('clerk1', old)).toBeNull();
    expect(await signIn('clerk1', 'tea-kettle-orbit-47')).toBeTruthy();
    const rows = audit();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: 'user-clerk1', target: 'user-clerk1' });
    expect(rows[0]!.detail).not.toContain('scrypt');
  });

  it('lets an admin (or the branch manager, for a clerk) reset a password, signing out every session', async () => {
    const clerk = (await signIn('clerk2'))!;
    const other = (await signIn('clerk3'))!;
    const manager = (await signIn('manager'))!;
    const admin = (await signIn('admin', ADMIN_PASSWORD))!;

    expect((await post('/users/user-clerk2/password', other, { next: 'lantern-violet-93' })).statusCode).toBe(
      403,
    );
    expect(
      (await post('/users/user-manager/password', manager, { next: 'lantern-violet-93' })).statusCode,
    ).toBe(403);
    expect((await post('/users/nobody/password', admin, { next: 'lantern-violet-93' })).statusCode).toBe(404);
    expect((await post('/users/user-clerk2/password', admin, { next: 'clerk2-pass-1' })).statusCode).toBe(
      422,
    );

    expect(
      (await post('/users/user-clerk2/password', manager, { next: 'lantern-violet-93' })).statusCode,
    ).toBe(200);
    expect(await me(clerk)).toBe(401);
    expect(await signIn('clerk2', 'lantern-violet-93')).toBeTruthy();
    expect((await post('/users/user-manager/password', admin, { next: 'harbour-quill-58' })).statusCode).toBe(
      200,
    );
    expect(await me(manager)).toBe(401);
    expect(audit().map((r) => [r.actor_id.startsWith('user-'), r.target])).toEqual([
      [true, 'user-clerk2'],
      [true, 'user-manager'],
    ]);
  });

  it('refuses a device token', async () => {
    const kiosk = app.demo.devices['kiosk-1']!;
    expect(
      (await post('/auth/password', kiosk, { current: 'x', next: 'tea-kettle-orbit-47' })).statusCode,
    ).toBe(403);
    expect(
      (await post('/users/user-clerk1/password', kiosk, { next: 'tea-kettle-orbit-47' })).statusCode,
    ).toBe(403);
  });
});
