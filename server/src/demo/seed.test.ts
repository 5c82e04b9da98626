import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '@guichet/db';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStores } from '../bootstrap.js';
import { loadConfig } from '../config/env.js';
import { verifyPassword } from '../modules/auth/auth.js';
import { writeDemoCredentials } from './credentials.js';

const silent = pino({ level: 'silent' });

/** No known password ever: the demo hall only on request, a random password per account. */
describe('first start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-seed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (env: Record<string, string>) => {
    const config = loadConfig({ GUICHET_DATA_DIR: dir, ...env });
    const opened = await openStores(config, Date.UTC(2026, 10, 26), silent);
    opened.stores.close();
    return opened;
  };
  const hashes = () => {
    const db = openDb(join(dir, 'guichet.sqlite'));
    const rows = db.$client.prepare('select username, password_hash as hash from users').all() as {
      username: string;
      hash: string;
    }[];
    db.$client.close();
    return new Map(rows.map((r) => [r.username, r.hash]));
  };

  it('creates no demo hall on an empty database unless GUICHET_DEMO=1 asks for it', async () => {
    expect(loadConfig({}).demo).toBe('off');
    const plain = await start({});
    expect(plain.demo).toBeNull();
    expect([...hashes().keys()]).toEqual(['admin']);
  });

  it('refuses GUICHET_DEMO=auto with a message that names the setting to use', () => {
    expect(() => loadConfig({ GUICHET_DEMO: 'auto' })).toThrow(/GUICHET_DEMO=1/);
  });

  it('gives each demo account its own random password and salt', async () => {
    const { demo } = await start({ GUICHET_DEMO: '1' });
    const passwords = demo!.passwords;
    expect(Object.keys(passwords).sort()).toEqual(
      ['manager', 'supervisor', ...Array.from({ length: 8 }, (_, i) => `clerk${i + 1}`)].sort(),
    );
    const values = Object.values(passwords);
    expect(new Set(values).size).toBe(values.length);
    expect(values).not.toContain('demo1234');
    for (const v of values) expect(v.length).toBeGreaterThanOrEqual(12);
    const stored = hashes();
    const salts = [...stored.values()].map((h) => h.split('$')[4]);
    expect(new Set(salts).size).toBe(salts.length);
    expect(await verifyPassword(passwords.clerk3!, stored.get('clerk3')!)).toBe(true);
    expect(await verifyPassword(passwords.clerk3!, stored.get('clerk4')!)).toBe(false);
  });

  it('writes the credentials file 0600, without an admin password the operator chose', async () => {
    const { demo } = await start({ GUICHET_DEMO: '1', GUICHET_ADMIN_PASSWORD: 'operator-chosen-secret' });
    const file = join(dir, 'demo-credentials.json');
    writeFileSync(file, '{}', { mode: 0o644 }); // left by an older release
    writeDemoCredentials(dir, 'http://localhost:8080', demo);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('operator-chosen-secret');
    expect(JSON.parse(text).admin.password).toBeNull();
    expect(JSON.parse(text).passwords.manager).toBe(demo!.passwords.manager);
  });

  it('records a generated admin password (shown once) in the file', async () => {
    const { demo, generatedAdminPassword } = await start({ GUICHET_DEMO: '1' });
    expect(generatedAdminPassword).toBeTruthy();
    expect(demo!.admin.password).toBe(generatedAdminPassword);
  });
});
