/**
 * A bare comparator, in its own process like the server under test. Modes:
 *   bare-http-full <dir>    Fastify 5, validated JSON POST, one prepared better-sqlite3 INSERT
 *                           `.run()` per request, WAL, synchronous=FULL (one fsync per request)
 *   bare-http-normal <dir>  the same with synchronous=NORMAL
 *   bare-io                 Fastify 5 + Socket.IO 4: POST /act/<kind> replies first, then emits
 *                           to every client the very events Guichet sent for that kind of action
 * Answers `stats` (event-loop utilisation, CPU) over IPC like the probe in the Guichet process.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { answerStats } from './own-stats.js';

const [mode, dataDir, portArg] = process.argv.slice(2);
const PORT = Number(portArg) || 0;

export interface RecordedEvent {
  name: string;
  args: unknown[];
}

async function bareHttp(dir: string, synchronous: 'FULL' | 'NORMAL'): Promise<FastifyInstance> {
  const db = new Database(join(dir, `bare-${synchronous.toLowerCase()}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    idempotency_key TEXT,
    issued_at INTEGER NOT NULL
  )`);
  const insert = db.prepare('INSERT INTO tickets (service_id, idempotency_key, issued_at) VALUES (?, ?, ?)');
  const fastify = Fastify({ logger: false });
  fastify.addHook('onClose', () => db.close());
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
  return fastify;
}

async function bareIo(): Promise<FastifyInstance> {
  const fastify = Fastify({ logger: false });
  const io = new Server(fastify.server, { serveClient: false });
  // Sockets first, as Guichet does: an HTTP server does not close while websockets hang on it.
  fastify.addHook('preClose', (done) => {
    io.close();
    done();
  });
  const byKind = new Map<string, RecordedEvent[]>();
  process.on('message', (msg: { type: string; kind: string; events: RecordedEvent[] }) => {
    if (msg.type === 'events') byKind.set(msg.kind, msg.events);
  });
  fastify.post<{ Params: { kind: string } }>('/act/:kind', (req, reply) => {
    const events = byKind.get(req.params.kind) ?? [];
    // Reply first, broadcast after: the acting client never waits for the screens.
    reply.send({ ok: true });
    for (const e of events) io.emit(e.name, ...e.args);
  });
  return fastify;
}

async function main(): Promise<void> {
  let fastify: FastifyInstance;
  if (mode === 'bare-http-full' && dataDir) fastify = await bareHttp(dataDir, 'FULL');
  else if (mode === 'bare-http-normal' && dataDir) fastify = await bareHttp(dataDir, 'NORMAL');
  else if (mode === 'bare-io') fastify = await bareIo();
  else throw new Error(`usage: child.ts bare-http-full|bare-http-normal <dir> | bare-io (got ${mode})`);
  await fastify.listen({ port: PORT, host: '127.0.0.1' });
  const address = fastify.server.address();
  process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
  answerStats();
  const stop = () => void fastify.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
