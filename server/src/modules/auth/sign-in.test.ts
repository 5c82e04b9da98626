import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../../../../test/support/build.js';
import { openStores } from '../../bootstrap.js';
import { loadConfig } from '../../config/env.js';
import { createKernel } from '../../kernel/index.js';
import { fakeDrivers } from '../devices/index.js';
import { loadState } from '../queue/index.js';
import { createAuth } from './index.js';

/**
 * Sign-in throttling through the real routes, with the app's clock under the test's control:
 * failures lock an address, only slow an account, and a success never clears an address.
 * Each test uses its own accounts and addresses (the app is shared).
 */
describe('sign-in throttling', () => {
  let app: TestApp;
  let now = Date.UTC(2026, 10, 26, 2, 0);

  beforeAll(async () => {
    app = await build({ devices: fakeDrivers(), clock: () => now });
  });
  afterAll(async () => {
    await app.close();
  });

  const signIn = (username: string, password: string, from: string) =>
    app.fastify.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: from,
      payload: { username, password },
    });
  const right = (u: string) => app.demo.passwords[u]!;

  it('does not lock the owner out when someone else types her name wrong (only a capped wait)', async () => {
    for (let i = 0; i < 5; i++)
      expect((await signIn('clerk1', `wrong-${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
    // Right away, the account is slowed: 429 with Retry-After, from any address.
    const slowed = await signIn('clerk1', right('clerk1'), '192.168.1.5');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().error.code).toBe('TOO_MANY_REQUESTS');
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(30);
    // After that wait (not 15 minutes), the owner signs in from her own console.
    now += wait * 1000;
    expect((await signIn('clerk1', right('clerk1'), '192.168.1.5')).statusCode).toBe(200);
  });

  it('keeps even a long attack on one account to a wait of at most 30 s for its owner', async () => {
    for (let i = 0; i < 20; i++) {
      now += 31_000;
      // By name or by staff number: both name the same account.
      await signIn(i % 2 ? '1002' : 'clerk2', `guess-${i}`, `198.18.0.${i}`);
    }
    now += 30_000;
    expect((await signIn('clerk2', right('clerk2'), '192.168.1.6')).statusCode).toBe(200);
  });
});

/**
 * The address lock, through the sign-in service (the route's own rate limit of 20 a minute runs on
 * the wall clock and would answer first).
 */
describe('sign-in throttling by address', () => {
  it('locks an address after 30 failures, and a sign-in to the attacker’s own account does not reset it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-signin-address-'));
    let now = Date.UTC(2026, 10, 26, 2, 0);
    const config = loadConfig({
      GUICHET_DATA_DIR: dir,
      GUICHET_DEMO: '1',
      GUICHET_ADMIN_PASSWORD: 'address-test-admin',
    });
    const { stores, demo } = await openStores(config, now);
    const silent = pino({ level: 'silent' });
    const kernel = createKernel({
      db: stores.queue,
      load: () => loadState(stores.queue, now),
      writeAudit: (e) => stores.auth.audit(e),
      clock: () => now,
      log: silent,
    });
    const auth = createAuth(kernel, stores.auth, 12);
    const attacker = '198.51.100.7';
    const own = demo!.passwords.clerk3!;
    try {
      let refused = 0;
      for (let i = 0; i < 29; i++) {
        now += 1_000;
        const r = await auth.signIn(`nobody${i}`, 'guess', attacker);
        refused += !r.ok && r.error.code === 'UNAUTHENTICATED' ? 1 : 0;
      }
      expect(refused).toBe(29);
      expect((await auth.signIn('clerk3', own, attacker)).ok).toBe(true);
      now += 1_000;
      expect((await auth.signIn('nobody-last', 'guess', attacker)).ok).toBe(false);
      const locked = await auth.signIn('clerk3', own, attacker);
      expect(locked.ok ? null : locked.error.code).toBe('TOO_MANY_REQUESTS');
      expect(!locked.ok && 'retryAfterSeconds' in locked && locked.retryAfterSeconds).toBeGreaterThan(60);
      // Only that address: the same account from elsewhere is fine.
      expect((await auth.signIn('clerk3', own, '192.168.1.7')).ok).toBe(true);
    } finally {
      stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
