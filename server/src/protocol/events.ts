import type { ErrorCode } from '../core/errors.js';
import type { AlertView, MonitorSnapshot } from './monitor.js';
import type {
  BranchDelta,
  BranchSnapshot,
  CallView,
  LocalizedText,
  PublicTicketView,
  ServicePatch,
} from './views.js';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/**
 * `ticket:called` to staff rooms carries the call's fields flat as well as the delta (ticket,
 * counter, services in full). Hall rooms (boards, kiosks) get `HallCalledEvent`: the call and
 * the moved service's waits, under 400 bytes.
 */
export type TicketCalledEvent = BranchDelta & CallView & { branchId: string; call: CallView };
export type HallCalledEvent = Pick<BranchDelta, 'epoch' | 'version'> & {
  call: CallView;
  services: ServicePatch[];
};

export interface RatingRequest {
  ticketId: string;
  code: string;
  counterId: string;
  serviceId: string;
  /** Seconds before "not rated" is recorded. */
  timeoutSeconds: number;
  /** Whom the citizen rates: the window, and the clerk who finished this ticket. */
  identity?: PadIdentity;
}

/** The clerk a rating pad shows (name, 工号, photo when one is on file; initials otherwise). */
export interface PadClerk {
  name: string;
  staffNumber: string | null;
  photoUrl: string | null;
}

/** The window a pad faces and who works it now: the answer to `pad:subscribe`, pushed as `pad:identity`. */
export interface PadIdentity {
  counterId: string;
  counter: { number: number; name: LocalizedText };
  /** Null while nobody is signed in to the counter. */
  clerk: PadClerk | null;
}

export interface DeviceStatusEvent {
  deviceId: string;
  kind: 'printer' | 'led';
  branchId: string;
  online: boolean;
  problem: string | null;
  /**
   * Printers: held tickets that expired unprinted (staff tell the citizen; the ticket stays
   * valid) or printed late, gathered per poll. Absent on a plain on/offline transition.
   */
  held?: { type: 'expired' | 'printed_late' | 'failed'; tickets: string[]; heldMs: number };
  at: number;
}

/**
 * Server → client. Names are `domain:verb`, past tense. A snapshot is only ever the answer to
 * `branch:subscribe` (there is no pushed `branch:snapshot`). Service changes (waiting counts,
 * estimates, opening) travel inside the other deltas.
 */
export interface ServerToClientEvents {
  'ticket:issued': (d: BranchDelta) => void;
  'ticket:called': (d: TicketCalledEvent | HallCalledEvent) => void;
  'ticket:updated': (d: BranchDelta) => void;
  'counter:updated': (d: BranchDelta) => void;
  'branch:updated': (d: BranchDelta) => void;
  /** Sent to the holder of one ticket only. */
  'track:updated': (t: PublicTicketView) => void;
  'rating:requested': (r: RatingRequest) => void;
  'rating:closed': (r: { ticketId: string }) => void;
  /** To a rating pad: its window's clerk changed (signed in, out, or another took over). */
  'pad:identity': (p: PadIdentity) => void;
  'device:status': (s: DeviceStatusEvent) => void;
  /** Live monitor (after `monitor:subscribe`): the whole figures, at most once a second. */
  'monitor:updated': (s: MonitorSnapshot) => void;
  /** An alert raised; then `alert:updated` for each change (level, acknowledged, cleared). */
  'alert:raised': (a: AlertView) => void;
  'alert:updated': (a: AlertView) => void;
}

/** The versioned events of a branch stream, in the order a client must apply them. */
export const BRANCH_DELTA_EVENTS = [
  'ticket:issued',
  'ticket:called',
  'ticket:updated',
  'counter:updated',
  'branch:updated',
] as const satisfies readonly (keyof ServerToClientEvents)[];

/** Client → server; every command answers an Ack. */
export interface ClientToServerEvents {
  /** Join a branch stream; answers the snapshot. Call again to resync after a gap. */
  'branch:subscribe': (req: { branchId: string }, ack: (r: Ack<BranchSnapshot>) => void) => void;
  /** Follow one ticket (the phone page): needs the secret key from the ticket's track URL. */
  'ticket:track': (req: { ticketId: string; key: string }, ack: (r: Ack<PublicTicketView>) => void) => void;
  /** A rating pad joins its counter's room to receive rating requests. */
  'pad:subscribe': (req: Record<string, never>, ack: (r: Ack<PadIdentity>) => void) => void;
  /** The live monitor of a branch (managers, supervisors of the branch, admins); answers its snapshot. */
  'monitor:subscribe': (req: { branchId: string }, ack: (r: Ack<MonitorSnapshot>) => void) => void;
}

export interface SocketData {
  principal: unknown;
}
