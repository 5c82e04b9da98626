import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type BuildOptions, buildApp } from '@guichet/server/app';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../../server/src/config/env.js';
import type { DemoCredentials } from '../../server/src/demo/seed.js';

/**
 * The real server built in the test's own process, as fastify/demo's `build(t)` does: the real
 * configuration (server/src/config/env.ts), the demo hall, a temp data directory, log level warn.
 * Requests go through `inject()` (no socket) until `listen()` opens 127.0.0.1 on a free port for
 * Socket.IO clients and browsers. Use the child process (support/server.ts) only for what needs a
 * real process: a crash, kill -9, a restart, what the process prints.
 */

/** What the server's device port accepts, once the app takes one (`never` until then). */
type Devices = BuildOptions extends { devices?: infer D } ? D : never;

export interface BuildTestOptions {
  /** ':memory:' (fast, nothing on disk) or 'file' (a WAL file in the data dir, readable by the test). */
  db?: ':memory:' | 'file';
  clock?: () => number;
  devices?: Devices;
  /** GUICHET_* settings on top of the test defaults. */
  env?: Record<string, string>;
}

export interface TestApp {
  fastify: FastifyInstance;
  /** The demo hall's tokens and each account's password. */
  demo: Pick<DemoCredentials, 'branchId' | 'passwords' | 'admin' | 'devices'>;
  dataDir: string;
  /** The SQLite file, or ':memory:'. */
  dbFile: string;
  /** Set by `listen()`; until then `api()` goes through `inject()`. */
  url: string | null;
  /** Listens on 127.0.0.1, a free port; answers the base URL (also the Socket.IO URL). */
  listen(): Promise<string>;
  /** Everything the server logged so far (JSON lines). */
  output(): string;
  /** Closes the app and removes the data directory. */
  close(): Promise<void>;
}

export async function build(options: BuildTestOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-build-'));
  const loaded = loadConfig({
    GUICHET_HOST: '127.0.0.1',
    GUICHET_PORT: '0',
    GUICHET_DATA_DIR: dataDir,
    GUICHET_DEMO: '1',
    GUICHET_LOG_LEVEL: 'warn',
    GUICHET_ADMIN_PASSWORD: 'admin-test-password',
    ...options.env,
  });
  const config = Object.freeze({ ...loaded, dbFile: options.db === 'file' ? loaded.dbFile : ':memory:' });
  // The log goes to a buffer the test can read, not into the test runner's output.
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const log = pino({ level: config.logLevel }, sink);
  const built = await buildApp(config, {
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.devices ? { devices: options.devices } : {}),
  } as BuildOptions);
  // GUICHET_DEMO=0 starts on an empty hall: only the first admin (password admin-test-password).
  const empty = { branchId: '', passwords: {}, admin: { username: 'admin', password: null }, devices: {} };
  if (!built.demo && options.env?.GUICHET_DEMO !== '0') throw new Error('the demo hall was not created');
  const app: TestApp = {
    fastify: built.fastify,
    demo: built.demo ?? empty,
    dataDir,
    dbFile: config.dbFile,
    url: null,
    async listen() {
      if (app.url) return app.url;
      await built.fastify.listen({ host: '127.0.0.1', port: 0 });
      const address = built.fastify.server.address();
      if (!address || typeof address !== 'object') throw new Error('the server has no TCP address');
      app.url = `http://127.0.0.1:${address.port}`;
      return app.url;
    },
    output: () => chunks.join(''),
    async close() {
      await built.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** A server a browser or a client reaches over 127.0.0.1: in-process (`serve()`) or a child (`startServer()`). */
export interface WebServer {
  url: string;
  /** Set when the server runs in the test's process: `api()` then goes through `inject()`. */
  fastify?: FastifyInstance;
  dataDir: string;
  demo: Pick<DemoCredentials, 'passwords' | 'devices'>;
  dispose(): Promise<void>;
}

/**
 * The real app built in-process with its SQLite file in the data directory (a test may read it),
 * listening on 127.0.0.1 for browsers and sockets. Starting a child process costs 15–30 s on the
 * loaded 2-core machine against 3–5 s here; keep `startServer()` for a kill, a restart or what
 * the process prints.
 */
export async function serve(options: Omit<BuildTestOptions, 'db'> = {}): Promise<WebServer> {
  const app = await build({ ...options, db: 'file' });
  const url = await app.listen();
  return { url, fastify: app.fastify, dataDir: app.dataDir, demo: app.demo, dispose: () => app.close() };
}
