import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import type {
  BranchSnapshot,
  ClientToServerEvents,
  CounterCommandResponse,
  DeviceStatusEvent,
  IssuedTicket,
  ServerToClientEvents,
} from '../../server/src/protocol/index.js';
import { api, type Target } from '../support/api.js';

export const BRANCH = 'demo-hall';

export type GuichetClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A server under test: built in-process (support/build.ts) or a child process (support/server.ts). */
export interface Hall extends Target {
  demo: { devices: Record<string, string> };
  dataDir: string;
  /** The SQLite file when it is not `<dataDir>/guichet.sqlite` (or ':memory:'). */
  dbFile?: string;
}

export interface TicketRow {
  id: string;
  service_id: string;
  seq: number;
  code: string;
  status: string;
  counter_id: string | null;
  call_count: number;
  called_at: number | null;
  finished_at: number | null;
  idempotency_key: string | null;
}

/** Issues one ticket as the kiosk; returns the raw answer so callers can check the status. */
export function issue(
  server: Hall,
  serviceId: string,
  opts: { token?: string; key?: string } = {},
): Promise<{ status: number; body: IssuedTicket }> {
  return api<IssuedTicket>(server, 'POST', `/branches/${BRANCH}/tickets`, {
    token: opts.token ?? server.demo.devices['kiosk-1'],
    body: { serviceId },
    headers: opts.key ? { 'idempotency-key': opts.key } : undefined,
  });
}

export function counter(
  server: Hall,
  token: string,
  counterId: string,
  command: string,
  body?: unknown,
): Promise<{ status: number; body: CounterCommandResponse }> {
  return api<CounterCommandResponse>(server, 'POST', `/counters/${counterId}/${command}`, { token, body });
}

/** Reads the server's SQLite file read-only (WAL readers see every committed transaction). */
export function readTickets(server: Hall): TicketRow[] {
  const file = server.dbFile ?? join(server.dataDir, 'guichet.sqlite');
  if (file === ':memory:') throw new Error('readTickets needs a server built with db: file');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `select id, service_id, seq, code, status, counter_id, call_count, called_at, finished_at,
                idempotency_key
           from tickets where branch_id = ?`,
      )
      .all(BRANCH) as TicketRow[];
  } finally {
    db.close();
  }
}

export function connect(server: Hall, token?: string, reconnection = false): GuichetClient {
  if (!server.url) throw new Error('connect needs a listening server: call listen() first');
  return io(server.url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection,
    reconnectionDelay: 200,
    reconnectionDelayMax: 500,
    timeout: 5_000,
    forceNew: true,
  });
}

export function connected(socket: GuichetClient, ms = 5_000): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('socket did not connect')), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      res();
    });
    socket.once('connect_error', (err) => {
      if (!socket.io.opts.reconnection) {
        clearTimeout(timer);
        rej(err);
      }
    });
  });
}

export async function subscribe(socket: GuichetClient, branchId = BRANCH): Promise<BranchSnapshot> {
  const r = await socket.timeout(5_000).emitWithAck('branch:subscribe', { branchId });
  if (!r.ok) throw new Error(`subscribe refused: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/**
 * A socket signed in with `token` and subscribed to the hall, pushing every `device:status` it is
 * sent from then on into `into`.
 */
export async function collectDeviceStatus(
  server: Hall,
  token: string | undefined,
  into: DeviceStatusEvent[],
): Promise<GuichetClient> {
  const socket = connect(server, token);
  try {
    await connected(socket);
    await subscribe(socket);
  } catch (err) {
    socket.disconnect();
    throw err;
  }
  socket.on('device:status', (e) => into.push(e));
  return socket;
}

/** Resolves when `predicate` holds, polling every few milliseconds, or rejects after `ms`. */
export async function until(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
