import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCredentials } from '../../server/src/demo/seed.js';
import { knownMigrations } from '../../server/src/ops/inspect.js';
import type { BranchSnapshot } from '../../server/src/protocol/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter, issue } from './helpers.js';
import { mode } from './ops-helpers.js';

/** A database made by release 0.1.0 (how: fixtures/README.md), opened and migrated by today's server. */
const FIXTURE = join(import.meta.dirname, '../fixtures/v0.1.0');
/**
 * The fixture's tickets are of business day 2026-12-01 in Asia/Shanghai: the server runs on a
 * clock that starts at 11:00 that day, so its waiting tickets are today's whatever the date the
 * test runs on (on the real clock, a later day rolls them over at start).
 */
const FIXTURE_DAY_11AM = Date.parse('2026-12-01T03:00:00Z');

interface Row {
  id: string;
  code: string;
  seq: number;
  status: string;
  service_id: string;
  business_day: string;
  counter_id: string | null;
}

function read(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      tickets: db
        .prepare(
          'SELECT id, code, seq, status, service_id, business_day, counter_id FROM tickets ORDER BY id',
        )
        .all() as Row[],
      sequences: db.prepare('SELECT service_id, business_day, last_seq FROM daily_sequences').all() as {
        service_id: string;
        business_day: string;
        last_seq: number;
      }[],
      migrations: (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('upgrade from release 0.1.0', () => {
  let before: ReturnType<typeof read>;
  const creds = JSON.parse(readFileSync(join(FIXTURE, 'demo-credentials.json'), 'utf8')) as Pick<
    DemoCredentials,
    'branchId' | 'devices'
  > & {
    /** Release 0.1.0 gave every demo account one shared password. */
    password: string;
    admin: { username: string; password: string };
  };
  let dataDir: string;
  let server: TestApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'guichet-upgrade-'));
    copyFileSync(join(FIXTURE, 'guichet.sqlite'), join(dataDir, 'guichet.sqlite'));
    chmodSync(join(dataDir, 'guichet.sqlite'), 0o644); // as 0.1.0 left it
    // Read from the copy: opening the fixture itself (a WAL database) would leave -wal and -shm beside it.
    before = read(join(dataDir, 'guichet.sqlite'));
    copyFileSync(join(FIXTURE, 'demo-credentials.json'), join(dataDir, 'demo-credentials.json'));
    const started = Date.now();
    server = await build({
      db: 'file',
      clock: () => FIXTURE_DAY_11AM + (Date.now() - started),
      env: { GUICHET_DATA_DIR: dataDir, GUICHET_DEMO: '0', GUICHET_ADMIN_PASSWORD: creds.admin.password },
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies the migrations added since, keeping every ticket and daily number', () => {
    expect(before.tickets.length).toBe(6);
    const after = read(join(dataDir, 'guichet.sqlite'));
    expect(after.migrations).toBe(knownMigrations().length);
    expect(after.migrations).toBeGreaterThanOrEqual(before.migrations);
    expect(after.tickets).toEqual(before.tickets);
    expect(after.sequences).toEqual(expect.arrayContaining(before.sequences));
    expect(mode(join(dataDir, 'guichet.sqlite'))).toBe('600');
  });

  it('signs in the accounts and devices of the old release', async () => {
    expect((await api(server, 'POST', '/auth/login', { body: creds.admin })).status).toBe(200);
    const clerk = await login(server, 'clerk3', creds.password);
    expect(clerk).toBeTruthy();
    const queue = await api<BranchSnapshot>(server, 'GET', `/branches/${BRANCH}/queue`, {
      token: creds.devices['display-1'],
    });
    expect(queue.status).toBe(200);
    const waiting = before.tickets.filter((t) => t.status === 'waiting').map((t) => t.code);
    expect(JSON.stringify(queue.body)).toContain(waiting[0]);
  });

  it("serves the old release's waiting tickets and numbers on from its last number", async () => {
    const clerk = await login(server, 'clerk3', creds.password);
    expect((await counter(server, clerk, 'ctr-3', 'open')).status).toBe(200);
    const called = await counter(server, clerk, 'ctr-3', 'call-next');
    expect(called.status).toBe(200);
    const waiting = before.tickets.filter((t) => t.status === 'waiting').map((t) => t.id);
    expect(waiting).toContain(called.body.ticket?.id);

    const fresh = await issue(server, 'svc-social', { token: creds.devices['kiosk-1'] });
    expect(fresh.status).toBe(201);
    const row = read(join(dataDir, 'guichet.sqlite')).tickets.find((t) => t.id === fresh.body.id)!;
    const last =
      before.sequences.find((s) => s.service_id === 'svc-social' && s.business_day === row.business_day)
        ?.last_seq ?? 0;
    expect(row.seq).toBe(last + 1);
    expect(fresh.body.code).toBe(`A${String(last + 1).padStart(3, '0')}`);
  });
});
