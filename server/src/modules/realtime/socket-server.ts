import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { NetLimits } from '../../config/env.js';
import type {
  BranchDelta,
  BranchSnapshot,
  ClientToServerEvents,
  PadIdentity,
  PublicTicketView,
  ServerToClientEvents,
} from '../../protocol/index.js';
import type { Principal } from '../auth/auth.js';
import { SESSION_COOKIE } from '../auth/routes.js';
import { originAllowed } from '../http/origin.js';
import { withoutPersonalData } from '../queue/views.js';
import type { BroadcastSink } from './broadcaster.js';
import { ConnectionGuard, clientAddress } from './limits.js';
import { padRoom } from './pad-feed.js';

interface Data {
  principal: Principal | null;
  token: string | null;
  tracked: Set<string>;
  trackAttempts: number[];
  address: string;
  /** The token came from the session cookie alone (the browser sends it to any page's socket). */
  cookieOnly: boolean;
}
type GuichetSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Data>;
export type GuichetIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Data>;

/** Staff consoles and hall screens follow the same versioned stream in two rooms: screens get no personal data. */
const branchRoom = (id: string, staff: boolean) => `branch:${id}:${staff ? 'staff' : 'screens'}`;
const ticketRoom = (id: string) => `ticket:${id}`;
const MAX_TRACKED_PER_SOCKET = 5;
const MAX_TRACK_ATTEMPTS_PER_MINUTE = 30;
const fail = (
  code: 'FORBIDDEN' | 'VALIDATION_FAILED' | 'TICKET_NOT_FOUND' | 'BRANCH_NOT_FOUND' | 'TOO_MANY_REQUESTS',
  message: string,
) => ({ ok: false, error: { code, message } }) as const;
const isString = (x: unknown, max = 128): x is string =>
  typeof x === 'string' && x.length > 0 && x.length <= max;

/**
 * Socket.IO on the HTTP server's port. A connection authenticates with `auth.token` (or the
 * session cookie); without one it may only follow a ticket by its secret key.
 */
export interface SocketDeps {
  resolve(token: string): Principal | null;
  snapshot(branchId: string): BranchSnapshot | null;
  publicTicket(ticketId: string, key: string): PublicTicketView | null;
  /** The window a pad faces and its clerk (the pad feed), told when a pad subscribes. */
  padIdentity(counterId: string): PadIdentity | null;
  padSubscribed(counterId: string): void;
  limits: NetLimits;
  log: Logger;
  trusted(address: string): boolean;
  publicUrl: string | null;
}

export function createSocketServer(
  http: HttpServer,
  deps: SocketDeps,
): {
  io: GuichetIo;
  sink: BroadcastSink;
  disconnectSession: (tokenHash: string) => void;
  disconnectDevice: (deviceId: string) => void;
  revalidate: () => void;
  guard: ConnectionGuard;
} {
  const guard = new ConnectionGuard(deps.limits, deps.log);
  const addressOf = (req: IncomingMessage) => clientAddress(req, deps.trusted);
  const reserved = new WeakMap<IncomingMessage, { address: string; claimed: boolean }>();
  const io: GuichetIo = new Server(http, {
    // A display must show "offline" soon after the server vanishes: 10 s + 5 s, not 45 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
    maxHttpBufferSize: 16_384,
    serveClient: false,
    // An engine connection that never joins the namespace is dropped as soon as an anonymous one.
    connectTimeout: deps.limits.socketAuthSeconds * 1000,
    // Caps are checked at the handshake, before a socket exists: a flood from one address costs
    // a refused HTTP request each, not a file descriptor held for good.
    allowRequest: (req, cb) => {
      const address = addressOf(req);
      const why = guard.admit(address);
      if (why) return cb(why, false);
      // Counted now, so a thousand handshakes in flight cannot all pass the cap.
      guard.opened(address);
      const slot = { address, claimed: false };
      reserved.set(req, slot);
      setTimeout(() => {
        if (!slot.claimed) guard.closed(address);
      }, 10_000).unref();
      cb(null, true);
    },
  });
  io.engine.on('connection', (conn: { request: IncomingMessage; once(e: 'close', f: () => void): void }) => {
    const slot = reserved.get(conn.request);
    if (!slot || slot.claimed) return;
    slot.claimed = true;
    conn.once('close', () => guard.closed(slot.address));
  });
  const sweeper = setInterval(() => guard.sweep(), 60_000);
  sweeper.unref();
  const tracked = new Map<string, number>();

  io.use((socket, next) => {
    const own = (socket.handshake.auth as { token?: unknown }).token;
    const token = own ?? cookieToken(socket.handshake.headers.cookie);
    socket.data.token = typeof token === 'string' && token ? token : null;
    socket.data.cookieOnly = own === undefined && socket.data.token !== null;
    socket.data.principal = socket.data.token ? deps.resolve(socket.data.token) : null;
    socket.data.tracked = new Set();
    socket.data.trackAttempts = [];
    socket.data.address = addressOf(socket.request);
    if (typeof token === 'string' && token && !socket.data.principal)
      return next(new Error('UNAUTHENTICATED'));
    const headers = socket.handshake.headers;
    const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
    const proto = socket.request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    if (
      socket.data.cookieOnly &&
      !originAllowed(origin, { protocol: proto, host: headers.host }, deps.publicUrl) &&
      !originAllowed(origin, { protocol: 'https', host: headers.host }, deps.publicUrl)
    ) {
      return next(
        new Error("ORIGIN_REFUSED: a session cookie is accepted only from this server's own pages"),
      );
    }
    if (!socket.data.principal) {
      const why = guard.admitAnonymous(socket.data.address);
      if (why) return next(new Error(why));
    }
    next();
  });

  io.on('connection', (socket: GuichetSocket) => {
    if (!socket.data.principal) {
      // Without a token a socket is only for following a ticket: one that has not within the
      // deadline is closed, and its place at its address is given back.
      const deadline = setTimeout(() => {
        if (socket.data.tracked.size === 0) socket.disconnect(true);
      }, deps.limits.socketAuthSeconds * 1000);
      socket.once('disconnect', () => {
        clearTimeout(deadline);
        guard.anonymousClosed(socket.data.address);
      });
    }
    socket.on('branch:subscribe', (req, ack) => {
      if (typeof ack !== 'function') return;
      // The session may have ended since the socket connected: look the token up again.
      const p = socket.data.token ? deps.resolve(socket.data.token) : null;
      socket.data.principal = p;
      if (!p) return ack(fail('FORBIDDEN', 'sign in or pair this device first'));
      if (!req || !isString(req.branchId)) return ack(fail('VALIDATION_FAILED', 'branchId is required'));
      // A snapshot can be megabytes: a screen asks on (re)connect and after a gap, not in a loop.
      const who = p.kind === 'device' ? `d:${p.device.id}` : `s:${p.tokenHash}`;
      if (!guard.socketSnapshots.take(socket.id) || !guard.deviceSnapshots.take(who))
        return ack(fail('TOO_MANY_REQUESTS', 'too many snapshots asked for; try again in a minute'));
      if (p.kind === 'device' && p.device.kind === 'pad')
        return ack(fail('FORBIDDEN', 'a rating pad follows its counter only'));
      const own = p.kind === 'device' ? p.device.branchId : p.user.branchId;
      if (own !== req.branchId && !(p.kind === 'user' && p.user.role === 'admin')) {
        return ack(fail('FORBIDDEN', `not allowed in branch ${req.branchId}`));
      }
      // Join, then take the snapshot in the same tick: no delta can fall between the two.
      const snapshot = deps.snapshot(req.branchId);
      if (!snapshot) return ack(fail('BRANCH_NOT_FOUND', `branch ${req.branchId} does not exist`));
      const staff = p.kind === 'user';
      socket.join(branchRoom(req.branchId, staff));
      ack({ ok: true, data: staff ? snapshot : withoutPersonalData(snapshot) });
    });

    socket.on('ticket:track', (req, ack) => {
      if (typeof ack !== 'function') return;
      if (!req || !isString(req.ticketId) || !isString(req.key))
        return ack(fail('VALIDATION_FAILED', 'ticketId and key are required'));
      // A phone follows its own ticket or two; guessing keys by the thousand is refused.
      const now = Date.now();
      socket.data.trackAttempts = socket.data.trackAttempts.filter((t) => now - t < 60_000);
      if (socket.data.trackAttempts.length >= MAX_TRACK_ATTEMPTS_PER_MINUTE) {
        return ack(fail('TOO_MANY_REQUESTS', 'too many tickets asked for; try again in a minute'));
      }
      socket.data.trackAttempts.push(now);
      if (!socket.data.tracked.has(req.ticketId) && socket.data.tracked.size >= MAX_TRACKED_PER_SOCKET) {
        return ack(
          fail('TOO_MANY_REQUESTS', `one connection follows at most ${MAX_TRACKED_PER_SOCKET} tickets`),
        );
      }
      // Wrong keys count per address, not per socket: reconnecting does not start afresh.
      if (guard.trackGuesses.full(socket.data.address))
        return ack(
          fail('TOO_MANY_REQUESTS', 'too many wrong ticket keys from this address; try again in a minute'),
        );
      const view = deps.publicTicket(req.ticketId, req.key);
      if (!view) {
        guard.trackGuesses.take(socket.data.address);
        return ack(fail('TICKET_NOT_FOUND', 'no such ticket'));
      }
      if (!socket.data.tracked.has(req.ticketId)) {
        socket.data.tracked.add(req.ticketId);
        tracked.set(req.ticketId, (tracked.get(req.ticketId) ?? 0) + 1);
        socket.join(ticketRoom(req.ticketId));
      }
      ack({ ok: true, data: view });
    });

    socket.on('pad:subscribe', (_req, ack) => {
      if (typeof ack !== 'function') return;
      const p = socket.data.principal;
      if (p?.kind !== 'device' || p.device.kind !== 'pad' || !p.device.counterId) {
        return ack(fail('FORBIDDEN', 'this needs a rating pad paired to a counter'));
      }
      const identity = deps.padIdentity(p.device.counterId);
      if (!identity) return ack(fail('FORBIDDEN', 'the counter of this pad does not exist'));
      socket.join(padRoom(p.device.counterId));
      deps.padSubscribed(p.device.counterId);
      ack({ ok: true, data: identity });
    });

    socket.on('disconnect', () => {
      for (const id of socket.data.tracked) {
        const n = (tracked.get(id) ?? 1) - 1;
        if (n <= 0) tracked.delete(id);
        else tracked.set(id, n);
      }
    });
  });

  const sink: BroadcastSink = {
    toBranch: (branchId, event, payload, hall) => {
      // Encoding a packet costs even when nobody is in the room: skip empty rooms.
      const emit = (room: string, body: unknown) => {
        if (!io.sockets.adapter.rooms.get(room)?.size) return;
        (io.to(room).emit as (e: string, p: unknown) => boolean)(event, body);
      };
      emit(branchRoom(branchId, true), payload);
      emit(branchRoom(branchId, false), hall ?? withoutPersonalData(payload as BranchDelta));
    },
    toTicket: (ticketId, view) => {
      io.to(ticketRoom(ticketId)).emit('track:updated', view);
    },
    trackedTickets: () => tracked.keys(),
    isTracked: (ticketId) => tracked.has(ticketId),
  };
  /** A signed-out session's sockets stop receiving the branch stream at once. */
  const disconnectSession = (tokenHash: string) => {
    for (const socket of io.sockets.sockets.values()) {
      const p = socket.data.principal;
      if (p?.kind === 'user' && p.tokenHash === tokenHash) socket.disconnect(true);
    }
  };
  /** A revoked device's sockets close at once. */
  const disconnectDevice = (deviceId: string) => {
    for (const socket of io.sockets.sockets.values()) {
      const p = socket.data.principal;
      if (p?.kind === 'device' && p.device.id === deviceId) socket.disconnect(true);
    }
  };
  /** Sessions expire and staff accounts are deactivated: their open sockets go with them. */
  const revalidate = () => {
    for (const socket of io.sockets.sockets.values()) {
      const p = socket.data.principal;
      if (p?.kind !== 'user' || !socket.data.token) continue;
      if (!deps.resolve(socket.data.token)) socket.disconnect(true);
    }
  };
  io.engine.once('close', () => clearInterval(sweeper));
  return { io, sink, disconnectSession, disconnectDevice, revalidate, guard };
}

/** Device status goes to the staff of the branch only. */
export function toBranchStaff(io: GuichetIo, branchId: string) {
  return io.to(branchRoom(branchId, true));
}

function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === SESSION_COOKIE && v) return decodeURIComponent(v);
  }
  return undefined;
}
