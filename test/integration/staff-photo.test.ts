import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, request } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { connect, connected } from './helpers.js';

/**
 * A staff photo for the rating pad: set through PATCH /users/:id as a JPEG/PNG data URL, checked
 * by its own bytes and size, answered only as an address in views, served to signed-in staff and
 * to the pad of the counter the person works at, never to another device.
 */
let app: TestApp;
const T: Record<string, string> = {};
const users: Record<string, { id: string; photoUrl: string | null }> = {};

// The smallest valid PNG (1×1) and a JPEG head: enough for the type check by first bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

beforeAll(async () => {
  app = await build();
  T.admin = await login(app, 'admin', 'admin-test-password');
  T.manager = await login(app, 'manager');
  T.clerk2 = await login(app, 'clerk2');
  T.pad = app.demo.devices['pad-1']!;
  T.kiosk = app.demo.devices['kiosk-1']!;
  const list = await api<{ id: string; username: string; photoUrl: string | null }[]>(app, 'GET', '/users', {
    token: T.admin,
  });
  expect(list.status).toBe(200);
  for (const u of list.body) users[u.username] = u;
});
afterAll(() => app?.close());

const setPhoto = (userId: string, photo: unknown, token = T.manager) =>
  api<{ photoUrl: string | null; error?: { code: string; message: string } }>(
    app,
    'PATCH',
    `/users/${userId}`,
    { token, body: { photo } },
  );
const fetchPhoto = (userId: string, token?: string) =>
  request(app, 'GET', `/api/v1/users/${userId}/photo`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('a staff photo', () => {
  it('is set as PNG or JPEG and answered as an address, never as the picture', async () => {
    const clerk1 = users.clerk1!.id;
    const r = await setPhoto(clerk1, dataUrl('image/png', PNG));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.photoUrl).toMatch(new RegExp(`^/api/v1/users/${clerk1}/photo\\?v=`));
    expect(JSON.stringify(r.body)).not.toContain('base64');
    const got = await fetchPhoto(clerk1, T.clerk2);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    const jpeg = await setPhoto(clerk1, dataUrl('image/jpeg', JPEG));
    expect(jpeg.body.photoUrl).not.toBe(r.body.photoUrl); // a new picture, a new address
    expect((await fetchPhoto(clerk1, T.admin)).headers['content-type']).toBe('image/jpeg');
    const audit = await api<{ action: string; detail: unknown; after: unknown }[]>(
      app,
      'GET',
      `/audit?actor=${encodeURIComponent((await api<{ user: { id: string } }>(app, 'GET', '/me', { token: T.manager })).body.user.id)}`,
      { token: T.admin },
    );
    const row = audit.body.find((a) => a.action === 'user.photo-set');
    expect(row?.detail).toMatchObject({ photo: 'set' });
    expect(JSON.stringify(audit.body)).not.toContain('base64');
  });

  it('refuses a wrong type, a disguised file, a bad data URL and one over the size limit with 400', async () => {
    const id = users.clerk3!.id;
    const cases = [
      dataUrl('image/gif', Buffer.from('GIF89a')),
      dataUrl('image/png', Buffer.from('<script>alert(1)</script>')),
      dataUrl('image/jpeg', PNG),
      'http://example.org/me.png',
      dataUrl('image/jpeg', Buffer.concat([JPEG, Buffer.alloc(200 * 1024)])),
    ];
    for (const photo of cases) {
      const r = await setPhoto(id, photo);
      expect(r.status, photo.slice(0, 40)).toBe(400);
      expect(r.body.error?.code).toBe('VALIDATION_FAILED');
    }
    // Far above the limit, the body itself is refused before it is read.
    expect((await setPhoto(id, `data:image/png;base64,${'A'.repeat(400_000)}`)).status).toBe(413);
    expect((await setPhoto(id, `data:image/png;base64,${'A'.repeat(274_000)}`)).status).toBe(400);
    expect((await setPhoto(id, 42)).status).toBe(400);
    expect((await fetchPhoto(id, T.admin)).status).toBe(404);
    expect((await setPhoto(id, dataUrl('image/png', PNG), T.clerk2)).status).toBe(403);
  });

  it('is removed with null', async () => {
    const id = users.clerk4!.id;
    await setPhoto(id, dataUrl('image/png', PNG));
    const r = await setPhoto(id, null);
    expect(r.body.photoUrl).toBeNull();
    expect((await fetchPhoto(id, T.admin)).status).toBe(404);
  });

  it('is served to the pad of the counter the person is signed in at, and to no other device', async () => {
    const clerk1 = users.clerk1!.id;
    const anonymous = await fetchPhoto(clerk1);
    expect(anonymous.status).toBe(401);
    expect((await fetchPhoto(clerk1, T.kiosk)).status).toBe(403);
    expect((await fetchPhoto(clerk1, T.pad)).status).toBe(403); // clerk1 is not at the pad's counter yet
    const me = await api<{ device: { counterId: string } }>(app, 'GET', '/me', { token: T.pad });
    const counterId = me.body.device.counterId;
    const clerk1Token = await login(app, 'clerk1');
    const opened = await api(app, 'POST', `/counters/${counterId}/open`, { token: clerk1Token, body: {} });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect((await fetchPhoto(clerk1, T.pad)).status).toBe(200);
    expect((await fetchPhoto(users.clerk2!.id, T.pad)).status).toBe(403);
  });
});

describe('the device list', () => {
  it('shows each device with its presence: a connected board is online', async () => {
    await app.listen();
    const board = connect(app, app.demo.devices['display-1']);
    await connected(board);
    type Row = { id: string; kind: string; online: boolean; lastSeenAt: number | null };
    const list = async () =>
      (await api<Row[]>(app, 'GET', `/branches/${app.demo.branchId}/devices`, { token: T.manager })).body;
    const rows = await list();
    expect(rows.find((d) => d.online)?.kind).toBe('display');
    expect(rows.find((d) => d.kind === 'kiosk')?.online).toBe(false);
    board.close();
    expect(
      (await api(app, 'GET', `/branches/${app.demo.branchId}/devices`, { token: T.clerk2 })).status,
    ).toBe(403);
  });
});
