import { type Backoff, BranchStream, call, type SocketFactory } from '@guichet/server/kit';
import type { BranchSnapshot, Locale, LocalizedText } from '@guichet/server/protocol';

/**
 * The manager area's REST calls and branch stream, on the shared client kit: typed
 * `call(route, args)` over the protocol's route map, and the kit's BranchStream (the kit alone
 * calls `io()`). Screens import from here, so each call is named once.
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
/** The reason (1–200 characters) goes to the cancellation event and the audit row. */
export const cancelTicketByStaff = (token: string, ticketId: string, reason: string) =>
  call('ticket:cancel-by-staff', { token, params: { id: ticketId }, body: { reason } });
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

export interface ManagerStream {
  close(): void;
}

/** Tests hand in the kit's fake server and a backoff without jitter. */
export interface StreamOptions {
  socket?: SocketFactory;
  backoff?: Backoff;
}

/**
 * The kit's branch stream into the manager's handlers: a snapshot on every (re)connect, deltas
 * judged by the protocol, a fresh snapshot after a gap or a new epoch; a refused handshake or
 * subscription (`UNAUTHENTICATED`/`FORBIDDEN`) signs out instead of retrying for ever.
 */
export function connectBranch(
  token: string,
  branchId: string,
  h: StreamHandlers,
  options: StreamOptions = {},
): ManagerStream {
  const stream = new BranchStream(
    { token, branchId, ...options },
    {
      onSnapshot: (s) => h.onSnapshot(s),
      onDelta: (s) => h.onSnapshot(s),
      onStatus: (s) => {
        h.onConnection(s.connected ? 'online' : 'offline');
        h.onSynced(s.synced);
      },
      onRejected: () => h.onSignedOut(),
    },
  ).start();
  return { close: () => stream.stop() };
}
