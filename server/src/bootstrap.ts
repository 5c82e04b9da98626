import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { AdminStore, AuthStore, ConfigStore, FeedbackStore, openDb, QueueStore } from '@guichet/db';
import pino, { type Logger } from 'pino';
import type { Config } from './config/env.js';
import { type DemoCredentials, ensureAdmin, seedDemo } from './demo/seed.js';

export interface Stores {
  queue: QueueStore;
  auth: AuthStore;
  config: ConfigStore;
  feedback: FeedbackStore;
  admin: AdminStore;
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
 * Opens the database and prepares a first start: the key of personal-number hashes, the first
 * admin and (on an empty database) the demo hall. These run once, before the command bus exists.
 */
export async function openStores(
  config: Readonly<Config>,
  now: number,
): Promise<{
  stores: Stores;
  secret: string;
  generatedAdminPassword: string | null;
  demo: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null;
}> {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDb(config.dbFile, { synchronous: config.synchronous });
  const stores: Stores = {
    queue: new QueueStore(db),
    auth: new AuthStore(db),
    config: new ConfigStore(db),
    feedback: new FeedbackStore(db),
    admin: new AdminStore(db),
    close: () => db.$client.close(),
  };
  let secret = stores.auth.getSetting('pii_secret');
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    stores.auth.setSetting('pii_secret', secret);
  }
  const generatedAdminPassword = await ensureAdmin(stores.auth, config.adminPassword, now);
  const wantDemo = config.demo === 'on' || config.demo === 'auto';
  const demo =
    wantDemo && stores.config.isEmpty()
      ? await seedDemo(stores.config, stores.auth, {
          adminPassword: config.adminPassword ?? generatedAdminPassword,
          ledBus: config.demoLed,
          now,
        })
      : null;
  return { stores, secret, generatedAdminPassword, demo };
}
