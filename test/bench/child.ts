/**
 * One server under test, run in its own process so that its event loop is not the load
 * generator's. Modes:
 *   guichet <dataDir>    the whole Guichet server (buildApp, demo hall, SQLite FULL)
 *   bare-http <dataDir>  Fastify 5 + one prepared better-sqlite3 insert per POST (WAL, FULL)
 *   bare-io              Fastify 5 + Socket.IO 4; POST /call does one io.emit to every client
 * Talks to the parent over IPC: sends `ready`, answers `cpu`, sets the bare-io payload, stops on `stop`.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { buildApp } from '../../server/src/build-app.js';
import { loadConfig } from '../../server/src/config/env.js';
import type { ChildReply, ParentMessage } from './ipc.js';

const [mode, dataDir] = process.argv.slice(2);

function send(msg: ChildReply): void {
  process.send?.(msg);
}

async function guichet(dir: string): Promise<() => Promise<void>> {
  const config = loadConfig({
    GUICHET_DATA_DIR: dir,
    GUICHET_DEMO: '1',
    GUICHET_LOG_LEVEL: 'silent',
    GUICHET_ADMIN_PASSWORD: 'bench-admin-password',
  });
  const app = await buildApp(config);
  await app.fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  send({
    type: 'ready',
    port,
    devices: app.demo?.devices ?? {},
    passwords: app.demo?.passwords ?? {},
    dbFile: config.dbFile,
  });
  return () => app.close();
}

async function bareHttp(dir: string): Promise<() => Promise<void>> {
  const dbFile = join(dir, 'bare.sqlite');
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    idempotency_key TEXT,
    issued_at INTEGER NOT NULL
  )`);
  const insert = db.prepare('INSERT INTO tickets (service_id, idempotency_key, issued_at) VALUES (?, ?, ?)');
  const fastify = Fastify({ logger: false, trustProxy: true });
  fastify.post<{ Body: { serviceId: string } }>(
    '/tickets',
    {
      schema: {
        body: {
          type: 'object',
          required: ['serviceId'],
          additionalProperties: false,
          properties: { serviceId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const r = insert.run(req.body.serviceId, typeof key === 'string' ? key : null, Date.now());
      return reply.code(201).send({ id: Number(r.lastInsertRowid), serviceId: req.body.serviceId });
    },
  );
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  send({ type: 'ready', port: portOf(fastify), devices: {}, dbFile });
  return async () => {
    await fastify.close();
    db.close();
  };
}

async function bareIo(): Promise<() => Promise<void>> {
  const fastify = Fastify({ logger: false });
  // Same engine settings as Guichet's socket server (websocket-only clients connect to it).
  const io = new Server(fastify.server, { pingInterval: 10_000, pingTimeout: 5_000, serveClient: false });
  let payload: unknown = { ticketId: 'x', code: 'A001', counterNumber: 8 };
  process.on('message', (msg: ParentMessage) => {
    if (msg.type === 'payload') payload = msg.payload;
  });
  fastify.post('/call', async () => {
    io.emit('ticket:called', payload);
    return { ok: true };
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  send({ type: 'ready', port: portOf(fastify), devices: {}, dbFile: null });
  return async () => {
    io.close();
    await fastify.close();
  };
}

function portOf(fastify: FastifyInstance): number {
  const address = fastify.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function main(): Promise<void> {
  let stop: () => Promise<void>;
  if (mode === 'guichet' && dataDir) stop = await guichet(dataDir);
  else if (mode === 'bare-http' && dataDir) stop = await bareHttp(dataDir);
  else if (mode === 'bare-io') stop = await bareIo();
  else throw new Error(`usage: child.ts guichet|bare-http <dataDir> | bare-io (got ${mode})`);
  process.on('message', (msg: ParentMessage) => {
    if (msg.type === 'cpu') {
      const u = process.cpuUsage();
      send({ type: 'cpu', userMicros: u.user, systemMicros: u.system });
    } else if (msg.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  // The parent vanished (crash, ^C): do not linger.
  process.on('disconnect', () => process.exit(0));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
