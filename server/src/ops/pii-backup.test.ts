import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../build-app.js';
import { loadConfig } from '../config/env.js';
import { fakeDrivers } from '../modules/devices/index.js';
import { backupDatabase } from './backup.js';
import { BackupError } from './inspect.js';
import { backupKeyFile, piiKeyFile } from './pii-pairing.js';
import { restoreDatabase } from './restore.js';

const PHONE = '13812345678';
let kiosk: string | undefined;
const dirs: string[] = [];
const scratch = (what: string) => {
  const d = mkdtempSync(join(tmpdir(), `guichet-${what}-`));
  dirs.push(d);
  return d;
};

/** Starts the server on a data directory, issues one ticket of the business service (2 a day per person). */
async function issueFor(dataDir: string, personId: string): Promise<{ status: number; code?: string }> {
  const config = loadConfig({
    GUICHET_DATA_DIR: dataDir,
    GUICHET_DEMO: '1',
    GUICHET_LOG_LEVEL: 'silent',
    GUICHET_ADMIN_PASSWORD: 'pii-backup-admin',
  });
  const app = await buildApp(config, { devices: fakeDrivers() });
  try {
    // The demo hall is created on the first start only; a restored hall keeps that kiosk's token.
    kiosk ??= app.demo?.devices['kiosk-1'];
    const r = await app.fastify.inject({
      method: 'POST',
      url: '/api/v1/branches/demo-hall/tickets',
      headers: { authorization: `Bearer ${kiosk ?? ''}` },
      payload: { serviceId: 'svc-business', personId },
    });
    return { status: r.statusCode, code: r.json().error?.code };
  } finally {
    await app.close();
  }
}

describe('backup and restore carry the personal-number key', () => {
  let source: string;
  let backup: string;

  beforeAll(async () => {
    source = scratch('pii-source');
    expect((await issueFor(source, PHONE)).status).toBe(201);
    expect((await issueFor(source, PHONE)).status).toBe(201);
    expect(await issueFor(source, PHONE)).toEqual({ status: 409, code: 'PERSON_LIMIT_REACHED' });
    backup = join(scratch('pii-backups'), 'guichet-20261201-120000.sqlite');
    const report = await backupDatabase(join(source, 'guichet.sqlite'), backup, {
      dataDir: source,
      envKey: null,
    });
    expect(report).toMatchObject({ piiKey: 'copied', piiKeyMatches: true });
    expect(report.piiKeyFile).toBe(backupKeyFile(backup));
  }, 60_000);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes the key beside the backup, owner-only', () => {
    const file = backupKeyFile(backup);
    expect(file.endsWith('guichet-20261201-120000.pii.key')).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(piiKeyFile(source), 'utf8'));
  });

  it('restored onto a fresh data directory, still matches personal numbers (the per-person limit holds)', async () => {
    const fresh = scratch('pii-fresh');
    const report = restoreDatabase(backup, join(fresh, 'guichet.sqlite'), { dataDir: fresh, envKey: null });
    expect(report.piiKey).toBe('installed');
    expect(statSync(piiKeyFile(fresh)).mode & 0o777).toBe(0o600);
    expect(await issueFor(fresh, PHONE)).toEqual({ status: 409, code: 'PERSON_LIMIT_REACHED' });
    expect((await issueFor(fresh, '13900001111')).status).toBe(201);
  }, 60_000);

  it('refuses a key that is not the backup’s, or a missing one, and changes nothing', () => {
    const fresh = scratch('pii-refused');
    const target = join(fresh, 'guichet.sqlite');
    const keyFile = backupKeyFile(backup);
    const real = readFileSync(keyFile, 'utf8');
    try {
      writeFileSync(keyFile, `${'f'.repeat(64)}\n`);
      expect(() => restoreDatabase(backup, target, { dataDir: fresh, envKey: null })).toThrow(
        /is not the personal-number key of/,
      );
      expect(() => restoreDatabase(backup, target, { dataDir: fresh, envKey: null }, true)).toThrow(
        BackupError,
      );
      unlinkSync(keyFile);
      expect(() => restoreDatabase(backup, target, { dataDir: fresh, envKey: null })).toThrow(
        /personal-number key of .* is missing/,
      );
      // The server's own key (GUICHET_PII_KEY here) must be the backup's.
      expect(() => restoreDatabase(backup, target, { dataDir: fresh, envKey: 'e'.repeat(40) })).toThrow(
        /GUICHET_PII_KEY is not the personal-number key/,
      );
      expect([existsSync(target), existsSync(piiKeyFile(fresh))]).toEqual([false, false]);
    } finally {
      writeFileSync(keyFile, real, { mode: 0o600 });
    }
  });

  it('restores onto its own data directory when the key there is the backup’s', () => {
    const again = scratch('pii-same');
    writeFileSync(piiKeyFile(again), readFileSync(piiKeyFile(source)), { mode: 0o600 });
    const keyFile = backupKeyFile(backup);
    const real = readFileSync(keyFile, 'utf8');
    unlinkSync(keyFile);
    try {
      const r = restoreDatabase(backup, join(again, 'guichet.sqlite'), { dataDir: again, envKey: null });
      expect(r.piiKey).toBe('matches');
    } finally {
      writeFileSync(keyFile, real, { mode: 0o600 });
    }
  });

  it('--without-key restores the database, and per-person limits start over (why the key matters)', async () => {
    const lost = scratch('pii-lost');
    const keyFile = backupKeyFile(backup);
    const real = readFileSync(keyFile, 'utf8');
    unlinkSync(keyFile);
    try {
      const r = restoreDatabase(backup, join(lost, 'guichet.sqlite'), { dataDir: lost, envKey: null }, true);
      expect(r.piiKey).toBe('dropped');
    } finally {
      writeFileSync(keyFile, real, { mode: 0o600 });
    }
    expect((await issueFor(lost, PHONE)).status).toBe(201);
  }, 60_000);
});
