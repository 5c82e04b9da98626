import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';

/**
 * Nobody locks herself out and the installation keeps an admin: an account cannot deactivate
 * itself or drop its own admin role (409 OWN_ACCOUNT_LOCKOUT), and the last active admin can be
 * neither deactivated nor demoted (409 LAST_ADMIN). Refusals change nothing and audit nothing.
 */
let app: TestApp;
let admin: string;
const PW = 'Quiet-Meadow-981';
type Account = { id: string; role: string; active: boolean };
type Refusal = { error: { code: string; message: string } };

beforeAll(async () => {
  app = await build();
  admin = await login(app, 'admin', 'admin-test-password');
});
afterAll(() => app?.close());

const patch = (token: string, id: string, body: object) =>
  api<Account & Refusal>(app, 'PATCH', `/users/${id}`, { token, body });
const idOf = async (username: string) =>
  (await api<(Account & { username: string })[]>(app, 'GET', '/users', { token: admin })).body.find(
    (u) => u.username === username,
  )!.id;

describe('an admin cannot lock herself or the installation out', () => {
  it('refuses her own deactivation and her own demotion, naming the problem', async () => {
    const id = await idOf('admin');
    const off = await patch(admin, id, { active: false });
    expect(off.status).toBe(409);
    expect(off.body.error).toEqual({
      code: 'OWN_ACCOUNT_LOCKOUT',
      message: 'you cannot deactivate your own account',
    });
    const demoted = await patch(admin, id, { role: 'manager', branchIds: ['demo-hall'] });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.message).toBe('you cannot remove your own admin role');
    // Other changes to her own account still go through.
    expect((await patch(admin, id, { displayName: 'Admin (IT)' })).status).toBe(200);
  });

  it('a manager cannot deactivate herself either', async () => {
    const manager = await login(app, 'manager');
    const r = await patch(manager, await idOf('manager'), { active: false });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('OWN_ACCOUNT_LOCKOUT');
  });

  it('with a second admin, either may demote or deactivate the other', async () => {
    const first = await idOf('admin');
    const second = await api<Account>(app, 'POST', '/users', {
      token: admin,
      body: { username: 'admin2', displayName: 'Second admin', password: PW, role: 'admin', branchIds: [] },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const admin2 = await login(app, 'admin2', PW);
    // The second admin takes the first one's role away: allowed, one admin is left (admin2).
    const demoted = await patch(admin2, first, { role: 'manager', branchIds: ['demo-hall'] });
    expect(demoted.status, JSON.stringify(demoted.body)).toBe(200);
    expect(demoted.body.role).toBe('manager');
    // Now admin2 is the last one: promoted back, the first admin cannot remove her.
    expect((await patch(admin2, first, { role: 'admin', branchIds: [] })).status).toBe(200);
    const firstAgain = await login(app, 'admin', 'admin-test-password');
    expect((await patch(firstAgain, second.body.id, { active: false })).status).toBe(200);
    // admin2 is inactive: the first admin is the last active one. A deactivated admin is no admin.
    const users = (await api<Account[]>(app, 'GET', '/users', { token: firstAgain })).body;
    expect(users.filter((u) => u.role === 'admin' && u.active).map((u) => u.id)).toEqual([first]);
  });
});
