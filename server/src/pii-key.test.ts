import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthStore, openDb } from '@guichet/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStores } from './bootstrap.js';
import { loadConfig } from './config/env.js';
import { maskNumber, personKey } from './modules/auth/auth.js';

/** The key of personal-number hashes lives outside the database, so a copied database reveals no number. */
describe('the personal-number key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-pii-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (env: Record<string, string> = {}) => {
    const opened = await openStores(loadConfig({ GUICHET_DATA_DIR: dir, ...env }), Date.UTC(2026, 10, 26));
    opened.stores.close();
    return opened.secret;
  };
  const storedSecret = () => {
    const db = openDb(join(dir, 'guichet.sqlite'));
    const v = new AuthStore(db).getSetting('pii_secret');
    db.$client.close();
    return v;
  };

  it('is created in <data dir>/pii.key, owner-only, and never written to the database', async () => {
    const secret = await start();
    const file = join(dir, 'pii.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(storedSecret()).toBeUndefined();
    expect(readFileSync(join(dir, 'guichet.sqlite')).includes(secret)).toBe(false);
    expect(await start()).toBe(secret); // the same key on the next start
  });

  it('moves an older release’s key out of the database on first start (hashes stay comparable)', async () => {
    const db = openDb(join(dir, 'guichet.sqlite'));
    new AuthStore(db).setSetting('pii_secret', 'a'.repeat(64));
    db.$client.close();
    expect(await start()).toBe('a'.repeat(64));
    expect(readFileSync(join(dir, 'pii.key'), 'utf8').trim()).toBe('a'.repeat(64));
    expect(storedSecret()).toBeUndefined();
  });

  it('comes from GUICHET_PII_KEY when set (no file), which must be long enough', async () => {
    const key = 'k'.repeat(40);
    expect(await start({ GUICHET_PII_KEY: key })).toBe(key);
    expect(() => statSync(join(dir, 'pii.key'))).toThrow();
    expect(() => loadConfig({ GUICHET_PII_KEY: 'short' })).toThrow(/GUICHET_PII_KEY/);
  });
});

describe('masks', () => {
  it.each([
    ['13812345678', '*******5678'],
    ['110101199003071234', '**************1234'],
  ])('show only the last 4 characters of %s', (raw, masked) => {
    expect(maskNumber(raw)).toBe(masked);
  });

  it('leave a phone number unrecoverable from what the database holds (its mask and hash, no key)', () => {
    const { hash, masked } = personKey('key-that-is-not-in-the-database', 'b1', '13812345678');
    // What the old mask allowed: 10⁴ candidates, each checked against the hash with a key found in the
    // same file. With the key elsewhere, no candidate can be checked, and the mask alone leaves 10⁷.
    const candidates = 10 ** masked.split('').filter((c) => c === '*').length;
    expect(candidates).toBeGreaterThanOrEqual(10 ** 7);
    expect(hash).not.toBe(personKey('', 'b1', '13812345678').hash);
  });
});
