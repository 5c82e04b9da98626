/**
 * A small stand-in for the server's display-facing contract (API.md): serves display-ui/dist at
 * /display/, answers GET /api/v1/me for device tokens and speaks the branch stream over
 * Socket.IO with versioned deltas. Used for layout screenshots with extreme data (long names,
 * emergencies) and for the stream's reconnection tests; the real server is tested in
 * display.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import {
  applyDelta,
  type BranchDelta,
  type BranchSnapshot,
  type CallView,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@guichet/server/protocol';
import { Server } from 'socket.io';

export const DIST = resolve(import.meta.dirname, '../../display-ui/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

export interface FakeHall {
  url: string;
  snapshot: BranchSnapshot;
  subscribes: number;
  /** Pushes a delta with the next version (or a chosen one, to simulate a gap). */
  push(delta: Omit<BranchDelta, 'epoch' | 'version' | 'branchId'>, opts?: { skipVersion?: boolean }): void;
  call(c: CallView): void;
  /** Changes the snapshot without telling anyone (as if deltas were lost). */
  mutateSilently(fn: (s: BranchSnapshot) => void): void;
  /** Closes every client socket from the server side; a new epoch as after a restart. */
  dropClients(newEpoch?: boolean): void;
  close(): Promise<void>;
}

export async function startFakeHall(
  snapshot: BranchSnapshot,
  devices: Record<string, { config: unknown }>,
): Promise<FakeHall> {
  const http: HttpServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/v1/me') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const device = devices[token];
      if (!device) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'unknown token' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'device',
          device: {
            id: token,
            kind: 'display',
            name: token,
            branchId: snapshot.branch.id,
            counterId: null,
            config: device.config,
          },
        }),
      );
      return;
    }
    if (url.pathname.startsWith('/display/')) {
      const rel = url.pathname.slice('/display/'.length);
      let file = join(DIST, rel);
      if (!rel || !file.startsWith(DIST) || !existsSync(file) || !extname(file))
        file = join(DIST, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    transports: ['websocket'],
  });
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: string }).token ?? '';
    next(devices[token] ? undefined : new Error('unauthenticated'));
  });
  const hall: FakeHall = {
    url: '',
    snapshot,
    subscribes: 0,
    push(partial, opts) {
      const delta: BranchDelta = {
        ...partial,
        epoch: hall.snapshot.epoch,
        version: hall.snapshot.version + (opts?.skipVersion ? 2 : 1),
        branchId: hall.snapshot.branch.id,
      };
      hall.snapshot = { ...applyDelta(hall.snapshot, delta), at: Date.now() };
      const event = partial.call ? 'ticket:called' : partial.branch ? 'branch:updated' : 'ticket:updated';
      if (event === 'ticket:called' && partial.call) {
        io.to('branch').emit('ticket:called', {
          ...delta,
          ...partial.call,
          branchId: delta.branchId,
          call: partial.call,
        });
      } else io.to('branch').emit(event, delta);
    },
    call(c) {
      hall.push({ call: c });
    },
    mutateSilently(fn) {
      fn(hall.snapshot);
      hall.snapshot.version++;
    },
    dropClients(newEpoch = true) {
      if (newEpoch) hall.snapshot = { ...hall.snapshot, epoch: `e${Date.now()}`, version: 1 };
      io.disconnectSockets(true);
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
  io.on('connection', (socket) => {
    socket.on('branch:subscribe', (_req, ack) => {
      hall.subscribes++;
      void socket.join('branch');
      ack({ ok: true, data: { ...hall.snapshot, at: Date.now() } });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  hall.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return hall;
}
