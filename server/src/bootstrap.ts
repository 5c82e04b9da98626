import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdminStore,
  AuthStore,
  CaseStore,
  ConfigStore,
  type Db,
  FeedbackStore,
  openDb,
  QueueStore,
} from '@guichet/db';
import pino, { type Logger } from 'pino';
import type { Config } from './config/env.js';
import { type DemoCredentials, ensureAdmin, seedDemo } from './demo/seed.js';
import { PII_KEY_CHECK, piiKeyCheck } from './ops/pii-pairing.js';

/** Where the generated first admin password is kept (0600) until the operator deletes it. */
export const FIRST_ADMIN_FILE = 'first-admin.txt';

export interface Stores {
  queue: QueueStore;
  auth: AuthStore;
  config: ConfigStore;
  feedback: FeedbackStore;
  cases: CaseStore;
  admin: AdminStore;
  /** The connection itself, for the reports engine when it runs in-process (a ':memory:' database). */
  db: Db;
  close(): void;
}

/**
 * Request logs without the query string: it carries secrets (a ticket's tracking key, a device
 * token in a pairing URL). Headers are not logged at all (bearer tokens, cookies).
 */
const LOG_SERIALIZERS = {
  req: (req: { method?: string; url?: string; ip?: string }) => ({
    method: req.method,
    url: req.url?.split('?')[0],
    remoteAddress: req.ip,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

export const createLogger = (config: Readonly<Config>): Logger =>
  pino({ level: config.logLevel, serializers: LOG_SERIALIZERS });

/**
 * The key of the personal-number hashes, kept out of the database: with the key beside the hashes,
 * a copied database gave every number back by trying the few digits its mask hides. It comes from
 * GUICHET_PII_KEY, or `<data dir>/pii.key` (0600, created once). An older release's key in
 * `settings.pii_secret` is moved to the file (its hashes stay comparable) and deleted from the DB.
 * The data directory's and database's own permissions are db/open.ts's (owner-only).
 */
export function personalDataKey(config: Readonly<Config>, auth: AuthStore, log: Logger): string {
  const legacy = auth.getSetting('pii_secret');
  const file = join(config.dataDir, 'pii.key');
  let key = config.piiKey;
  if (!key && existsSync(file)) {
    if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
    key = readFileSync(file, 'utf8').trim();
  }
  if (!key) {
    key = legacy ?? randomBytes(32).toString('hex');
    // 'wx': never overwrite a key another process wrote; the file is complete before the DB forgets it.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    log.info({ file, migrated: legacy !== undefined }, 'personal-number key written outside the database');
  }
  if (legacy !== undefined) {
    if (legacy !== key)
      log.warn('the database held another personal-number key; earlier hashes no longer match');
    auth.deleteSetting('pii_secret');
  }
  // A check of the key (not the key): a backup and its key file are paired by it at restore.
  const check = piiKeyCheck(key);
  const recorded = auth.getSetting(PII_KEY_CHECK);
  if (recorded !== check) {
    if (recorded)
      log.error(
        { file: config.piiKey ? 'GUICHET_PII_KEY' : file },
        'the personal-number key is not the one this database was made with: per-person limits start over (restore its key file)',
      );
    auth.setSetting(PII_KEY_CHECK, check);
  }
  return key;
}

/**
 * Opens the database and prepares a first start: the key of personal-number hashes, the first
 * admin and (on an empty database) the demo hall. These run once, before the command bus exists.
 */
export async function openStores(
  config: Readonly<Config>,
  now: number,
  log: Logger = pino({ level: 'silent' }),
): Promise<{
  stores: Stores;
  secret: string;
  generatedAdminPassword: string | null;
  demo: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null;
}> {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDb(config.dbFile, { synchronous: config.synchronous });
  const queue = new QueueStore(db);
  const stores: Stores = {
    queue,
    auth: new AuthStore(db),
    config: new ConfigStore(db),
    feedback: new FeedbackStore(db),
    cases: new CaseStore(db),
    admin: new AdminStore(db),
    db,
    close: () => {
      queue.releaseWal();
      db.$client.close();
    },
  };
  const secret = personalDataKey(config, stores.auth, log);
  const generatedAdminPassword = await ensureAdmin(stores.auth, config.adminPassword, now);
  if (generatedAdminPassword) {
    // Printed once to the log, and kept owner-only next to the database for whoever reads the
    // log too late; the manager area's setup says to change it and delete this file.
    const file = join(config.dataDir, FIRST_ADMIN_FILE);
    writeFileSync(file, `admin\n${generatedAdminPassword}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    log.info({ file }, 'first admin account created: its password is in this file (0600) and printed below');
  }
  const demo =
    config.demo === 'on' && stores.config.isEmpty()
      ? await seedDemo(stores.config, stores.auth, {
          // Only a generated password goes into the credentials file, never one the operator chose.
          adminPassword: generatedAdminPassword,
          ledBus: config.demoLed,
          now,
        })
      : null;
  if (demo) log.info({ branchId: demo.branchId }, 'demo hall created, each account with a random password');
  return { stores, secret, generatedAdminPassword, demo };
}
