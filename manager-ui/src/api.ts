import { call } from '@guichet/server/kit';
import {
  applyDelta,
  BRANCH_DELTA_EVENTS,
  type BranchDelta,
  type BranchSnapshot,
  type ClientToServerEvents,
  judgeDelta,
  type Locale,
  type LocalizedText,
  type ServerToClientEvents,
} from '@guichet/server/protocol';
import { io, type Socket } from 'socket.io-client';

/**
 * All of the manager area's network code: the REST calls it makes (through the client kit,
 * typed by the protocol's route map) and its branch stream.
 */
export { ApiError } from '@guichet/server/kit';

// ── REST ───────────────────────────────────────────────────────────────────
export const login = (username: string, password: string) =>
  call('auth:login', { body: { username, password } });
export const logout = (token: string) => call('auth:logout', { token });
export const getMe = (token: string) => call('me', { token });
export const getBranches = (token: string) => call('branches:list', { token });

export const reinstateTicket = (token: string, ticketId: string) =>
  call('ticket:reinstate', { token, params: { id: ticketId } });
/** The reason is sent for the audit log; the server records the cancellation as "by staff". */
export const cancelTicketByStaff = (token: string, ticketId: string, reason: string) =>
  call('ticket:cancel-by-staff', { token, params: { id: ticketId }, body: { reason } } as never) as Promise<{
    ok: true;
  }>;
/** Moves a waiting ticket to another service (front desk; supervisor or manager). */
export const moveTicket = (
  token: string,
  ticketId: string,
  serviceId: string,
  placement: 'first' | 'last' | 'arrival',
) => call('ticket:move', { token, params: { id: ticketId }, body: { serviceId, placement } });
/** Today's tickets with this code, finished and cancelled ones too, each with its events. */
export const searchTickets = (token: string, branchId: string, code: string) =>
  call('tickets:search', { token, params: { branchId }, query: { code } });
/** Closes an abandoned counter (its ticket back to the queue) or takes it over as it is. */
export const releaseCounter = (token: string, counterId: string, action: 'close' | 'take-over') =>
  call('counter:release', { token, params: { counterId }, body: { action } });

export interface IssueRequest {
  serviceId: string;
  priority: boolean;
  locale: Locale;
  personId?: string;
}
/**
 * Issues a ticket for a citizen at the front desk. The key is chosen once per form and sent
 * again on a retry, so a reply lost on the network never gives the citizen two numbers.
 */
export const issueTicket = (token: string, branchId: string, req: IssueRequest, idempotencyKey: string) =>
  call('tickets:issue', { token, params: { branchId }, body: req, idempotencyKey });

export const startEmergency = (
  token: string,
  branchId: string,
  message: LocalizedText,
  stopIssuing: boolean,
) => call('branch:emergency-raise', { token, params: { branchId }, body: { message, stopIssuing } });
export const endEmergency = (token: string, branchId: string) =>
  call('branch:emergency-lift', { token, params: { branchId } });
export const setNotice = (token: string, branchId: string, notice: LocalizedText | null) =>
  call('branch:notice', { token, params: { branchId }, body: notice });

// ── branch stream ──────────────────────────────────────────────────────────
export type Connection = 'connecting' | 'online' | 'offline';

export interface StreamHandlers {
  /** A new snapshot, or the held one with a delta applied. */
  onSnapshot(snapshot: BranchSnapshot): void;
  /** False from a disconnect or a gap until the fresh snapshot is in. */
  onSynced(synced: boolean): void;
  onConnection(connection: Connection): void;
  /** The session expired or was revoked: back to sign-in. */
  onSignedOut(): void;
}

export interface BranchStream {
  close(): void;
}

/** Deltas kept while a snapshot is on its way; past this the stream starts over. */
export const MAX_BUFFERED = 500;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;
const SIGNED_OUT = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

/**
 * `branch:subscribe` on every (re)connect gives a snapshot; the versioned deltas after it are
 * judged by the protocol's `judgeDelta`, and a gap or a new epoch asks for a fresh snapshot.
 * Retries that socket.io does not do by itself (server closed us, handshake refused) back off
 * from 1 s to 30 s.
 */
export function connectBranch(token: string, branchId: string, h: StreamHandlers): BranchStream {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
  });
  let held: BranchSnapshot | null = null;
  let subscribing = false;
  let overflowed = false;
  let buffered: BranchDelta[] = [];
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = RETRY_MIN_MS;

  const later = (fn: () => void) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!closed) fn();
    }, delay);
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  };
  const close = () => {
    closed = true;
    if (timer) clearTimeout(timer);
    socket.removeAllListeners();
    socket.disconnect();
  };
  const signedOut = () => {
    close();
    h.onSignedOut();
  };

  const subscribe = () => {
    if (closed || subscribing || !socket.connected) return;
    subscribing = true;
    overflowed = false;
    buffered = [];
    socket.emit('branch:subscribe', { branchId }, (ack) => {
      subscribing = false;
      if (closed) return;
      if (!ack.ok) {
        if (SIGNED_OUT.has(ack.error.code)) return signedOut();
        return later(subscribe);
      }
      held = ack.data;
      h.onSnapshot(held);
      if (overflowed) return subscribe();
      h.onSynced(true);
      const pending = buffered;
      buffered = [];
      for (const d of pending) onDelta(d);
    });
  };

  const onDelta = (delta: BranchDelta) => {
    if (delta.branchId !== branchId) return;
    if (subscribing) {
      if (buffered.length >= MAX_BUFFERED) {
        overflowed = true;
        buffered = [];
      }
      if (!overflowed) buffered.push(delta);
      return;
    }
    const verdict = judgeDelta(held, delta);
    if (verdict === 'apply' && held) {
      held = applyDelta(held, delta);
      h.onSnapshot(held);
    } else if (verdict === 'gap') {
      h.onSynced(false);
      subscribe();
    }
  };

  for (const name of BRANCH_DELTA_EVENTS) socket.on(name, onDelta);
  socket.on('connect', () => {
    if (timer) clearTimeout(timer);
    delay = RETRY_MIN_MS;
    h.onConnection('online');
    h.onSynced(false);
    subscribe();
  });
  socket.on('disconnect', (reason) => {
    h.onConnection('offline');
    h.onSynced(false);
    subscribing = false;
    if (reason === 'io server disconnect') later(() => socket.connect());
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'UNAUTHENTICATED') return signedOut();
    h.onConnection('offline');
    h.onSynced(false);
    if (!socket.active) later(() => socket.connect());
  });
  return { close };
}
