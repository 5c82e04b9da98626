import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../test/support/build.js';

/**
 * A write path that fails (a full disk, an I/O error) is made to fail from outside the server, as
 * the disk would: a trigger added by a second connection refuses the rows the server writes.
 */
describe('when writes fail', () => {
  let app: TestApp;
  let side: Database.Database;

  beforeEach(async () => {
    app = await build({ db: 'file' });
    side = new Database(app.dbFile);
  });
  afterEach(async () => {
    side.close();
    await app.close();
  });

  const breakWrites = (table: string, op: 'INSERT' | 'DELETE') =>
    side.exec(
      `CREATE TRIGGER disk_full_${table} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
  const repairWrites = (table: string) => side.exec(`DROP TRIGGER disk_full_${table}`);
  const request = (method: 'GET' | 'POST', url: string, token?: string, payload?: object, key?: string) =>
    app.fastify.inject({
      method,
      url: `/api/v1${url}`,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(payload ? { payload } : {}),
    });
  const kiosk = () => app.demo.devices['kiosk-1']!;

  it('keeps the Idempotency-Key of a failed commit: the kiosk’s retry succeeds once writes work', async () => {
    breakWrites('tickets', 'INSERT');
    const key = 'kiosk-1-retry-0001';
    for (let i = 0; i < 3; i++) {
      const failed = await request(
        'POST',
        '/branches/demo-hall/tickets',
        kiosk(),
        { serviceId: 'svc-social' },
        key,
      );
      expect(failed.statusCode).toBe(503);
      expect(failed.json().error.code).toBe('STORAGE_UNAVAILABLE');
    }
    repairWrites('tickets');
    const retried = await request(
      'POST',
      '/branches/demo-hall/tickets',
      kiosk(),
      { serviceId: 'svc-social' },
      key,
    );
    expect(retried.statusCode).toBe(201);
    expect(retried.json().code).toBe('A001');
    const again = await request(
      'POST',
      '/branches/demo-hall/tickets',
      kiosk(),
      { serviceId: 'svc-social' },
      key,
    );
    expect([again.statusCode, again.json().id]).toEqual([200, retried.json().id]);
  });

  it('reports a failing write path in health until a commit succeeds', async () => {
    expect((await request('GET', '/health')).json()).toMatchObject({ status: 'ok', database: 'ok' });
    breakWrites('tickets', 'INSERT');
    await request('POST', '/branches/demo-hall/tickets', kiosk(), { serviceId: 'svc-social' });
    const sick = await request('GET', '/health');
    expect(sick.statusCode).toBe(503);
    expect(sick.json()).toMatchObject({ status: 'degraded', database: 'write_failing' });
    expect(sick.json().writeError).toMatch(/disk is full/);
    repairWrites('tickets');
    expect(
      (await request('POST', '/branches/demo-hall/tickets', kiosk(), { serviceId: 'svc-social' })).statusCode,
    ).toBe(201);
    const well = await request('GET', '/health');
    expect([well.statusCode, well.json().status, well.json().database]).toEqual([200, 'ok', 'ok']);
  });

  it('never leaves a session valid after sign-out, even when its row cannot be deleted', async () => {
    const login = await request('POST', '/auth/login', undefined, {
      username: 'clerk1',
      password: app.demo.passwords.clerk1,
    });
    const token = login.json().token as string;
    breakWrites('sessions', 'DELETE');
    const out = await request('POST', '/auth/logout', token);
    expect(out.statusCode).toBe(503);
    expect(out.json().error.code).toBe('STORAGE_UNAVAILABLE');
    expect((await request('GET', '/me', token)).statusCode).toBe(401);
  });

  it('refuses sign-out with a device token (devices are revoked by a manager)', async () => {
    const out = await request('POST', '/auth/logout', kiosk());
    expect(out.statusCode).toBe(403);
    expect((await request('GET', '/me', kiosk())).statusCode).toBe(200);
  });

  it('does not store a personal number for a service that does not ask for one', async () => {
    const r = await request('POST', '/branches/demo-hall/tickets', kiosk(), {
      serviceId: 'svc-social',
      personId: '13812345678',
    });
    expect(r.statusCode).toBe(201);
    const row = side.prepare('select person_hash, person_masked from tickets where id = ?').get(r.json().id);
    expect(row).toEqual({ person_hash: null, person_masked: null });
  });
});
