import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PadIdentity, RatingRequest } from '../../server/src/protocol/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { connect, connected, counter, type GuichetClient, issue, until } from './helpers.js';

/**
 * The rating pad shows whom the citizen rates: its subscription answers the window and the
 * clerk signed in to it, a change of clerk is pushed, and each rating request names the clerk
 * who finished that ticket.
 */
describe('rating pad identity over the socket', () => {
  let app: TestApp;
  let pad: GuichetClient;
  const pushed: PadIdentity[] = [];
  const requests: RatingRequest[] = [];

  beforeAll(async () => {
    app = await build();
    await app.listen();
    pad = connect(app, app.demo.devices['pad-3']);
    pad.on('pad:identity', (p) => pushed.push(p));
    pad.on('rating:requested', (r) => requests.push(r));
    await connected(pad);
  });
  afterAll(async () => {
    pad?.disconnect();
    await app?.close();
  });

  it('answers the window, pushes the clerk who signs in, and names her on the request', async () => {
    const first = await pad.timeout(5_000).emitWithAck('pad:subscribe', {});
    expect(first).toEqual({
      ok: true,
      data: {
        counterId: 'ctr-3',
        counter: {
          number: 3,
          name: expect.objectContaining({ 'zh-CN': expect.any(String), en: expect.any(String) }),
        },
        clerk: null,
      },
    });

    const token = await login(app, 'clerk3');
    expect((await counter(app, token, 'ctr-3', 'open')).status).toBe(200);
    await until(() => pushed.length > 0, 5_000, 'pad:identity after the clerk opened the counter');
    expect(pushed.at(-1)).toMatchObject({
      counterId: 'ctr-3',
      clerk: { name: '张伟', staffNumber: '1003', photoUrl: null },
    });

    const t = await issue(app, 'svc-social');
    expect(t.status).toBe(201);
    for (const command of ['call-next', 'finish']) {
      expect((await counter(app, token, 'ctr-3', command)).status).toBe(200);
    }
    await until(() => requests.length > 0, 5_000, 'rating:requested after finish');
    expect(requests[0]).toMatchObject({
      ticketId: t.body.id,
      identity: { counterId: 'ctr-3', clerk: { name: '张伟', staffNumber: '1003' } },
    });

    // Nothing changed hands: a commit that leaves the clerk in place pushes nothing.
    const before = pushed.length;
    await issue(app, 'svc-social');
    expect(pushed.length).toBe(before);

    // The clerk closes the counter: the pad is told nobody is there.
    expect((await counter(app, token, 'ctr-3', 'close', { reason: 'end_of_day' })).status).toBe(200);
    await until(() => pushed.at(-1)?.clerk === null, 5_000, 'pad:identity after close');

    // A resubscription (a reconnect) answers the same as the last push.
    const again = await pad.timeout(5_000).emitWithAck('pad:subscribe', {});
    expect(again.ok && again.data.clerk).toBe(null);
  });

  it("shows the clerk's photo once a manager sets it, on the socket and over REST", async () => {
    // A 1×1 PNG: the server checks the declared type against the file's first bytes.
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const manager = await login(app, 'manager');
    const set = await api(app, 'PATCH', '/users/user-clerk3', { token: manager, body: { photo: png } });
    expect(set.status).toBe(200);
    const token = await login(app, 'clerk3');
    expect((await counter(app, token, 'ctr-3', 'open')).status).toBe(200);
    await until(() => Boolean(pushed.at(-1)?.clerk?.photoUrl), 5_000, 'pad:identity with the photo');
    const url = pushed.at(-1)!.clerk!.photoUrl!;
    expect(url).toMatch(/^\/api\/v1\/users\/user-clerk3\/photo\?v=/);
    const rest = await api<PadIdentity>(app, 'GET', '/pad/identity', { token: app.demo.devices['pad-3'] });
    expect(rest.body.clerk?.photoUrl).toBe(url);
    // The pad may fetch the picture of the person signed in at its counter.
    const image = await fetch(`${app.url}${url}`, {
      headers: { authorization: `Bearer ${app.demo.devices['pad-3']}` },
    });
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await counter(app, token, 'ctr-3', 'close', { reason: 'end_of_day' })).status).toBe(200);
  });

  it('refuses anyone but a paired pad', async () => {
    const staff = connect(app, await login(app, 'clerk2'));
    await connected(staff);
    const r = await staff.timeout(5_000).emitWithAck('pad:subscribe', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    staff.disconnect();
  });
});
