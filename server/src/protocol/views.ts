import type {
  CallRule,
  CounterState,
  Locale,
  LocalizedText,
  Outcome,
  TicketCallFields,
  TicketClass,
  TicketStatus,
} from '../core/types.js';
import type { EstimateStatus } from '../core/wait-simulation.js';

export type {
  CallRule,
  CounterState,
  EstimateStatus,
  Locale,
  LocalizedText,
  Outcome,
  TicketClass,
  TicketStatus,
};

/** Why a service does not issue right now (the kiosk shows it on the tile). */
export type ClosedReason =
  | 'SERVICE_SUSPENDED'
  | 'OUTSIDE_OPENING_HOURS'
  | 'AFTER_ISSUE_CUTOFF'
  | 'SERVICE_CLOSED'
  | 'DAILY_CAP_REACHED';

export interface ServiceView {
  id: string;
  branchId: string;
  prefix: string;
  name: LocalizedText;
  waiting: number;
  estimatedWaitMinutes: number | null;
  /** [low, high] minutes, the range shown to citizens. */
  estimatedWaitRange: [number, number] | null;
  /**
   * `no_counter_open`: no open counter would call this queue, so there is no estimate (not 0).
   * `after_closing`: the next ticket would be called after the service's day ends (no minutes).
   */
  estimateStatus: EstimateStatus;
  targetWaitMinutes: number;
  open: boolean;
  closedReason: ClosedReason | null;
  suspendedReason: string | null;
  allowPriority: boolean;
  requiresPersonId: boolean;
  /** When the longest-waiting ticket joined the queue, for "waits against target". */
  oldestQueuedAt: number | null;
}

export interface CounterView {
  id: string;
  branchId: string;
  number: number;
  name: LocalizedText;
  state: CounterState;
  pauseReason: string | null;
  currentTicketId: string | null;
  clerkId: string | null;
  clerkName: string | null;
  stateSince: number;
  services: { serviceId: string; level: number }[];
  /** The counter's overdue rules ("serve X first past N minutes"), for the console's call order (core/routing). */
  rules: { serviceId: string; minutes: number }[];
}

/** A ticket as staff screens see it: never the tracking secret or the person hash. */
export interface TicketView extends TicketCallFields {
  id: string;
  code: string;
  serviceId: string;
  ticketClass: TicketClass;
  status: TicketStatus;
  issuedAt: number;
  queuedAt: number;
  originServiceId: string | null;
  personMasked: string | null;
  /**
   * Order key in its queue (moved by transfers "first"/"last" and by reinstatement) and the
   * issuing sequence, for the console's call order (core/routing).
   */
  rank: number;
  seq: number;
}

export interface CallView {
  ticketId: string;
  code: string;
  serviceId: string;
  counterId: string;
  counterNumber: number;
  counterName: LocalizedText;
  callCount: number;
  calledAt: number;
}

export interface EmergencyNotice {
  message: LocalizedText;
  since: number;
  /** Issuing stops while a notice is up. */
  stopIssuing: boolean;
}

export interface BranchView {
  id: string;
  name: LocalizedText;
  timezone: string;
  locales: Locale[];
  defaultLocale: Locale;
  businessDay: string;
  open: boolean;
  notice: LocalizedText | null;
  emergency: EmergencyNotice | null;
  /** The branch's pause and close reasons a clerk picks from (retired ones left out); absent or
   * empty: the branch has not configured any and the console offers its own list. */
  pauseReasons?: { code: string; label: LocalizedText }[];
  closeReasons?: { code: string; label: LocalizedText }[];
}

export interface PublicRating {
  channel: 'pad' | 'phone' | 'keypad' | 'kiosk';
  at: number;
  /** A supplementary comment (补充评价) is accepted until then; null once given. */
  commentUntil: number | null;
}

/** What a citizen's phone may know about their own ticket — nothing about anyone else's. */
export interface PublicTicketView {
  id: string;
  code: string;
  status: TicketStatus;
  service: { id: string; name: LocalizedText };
  ahead: number;
  estimatedWaitMinutes: number | null;
  estimatedWaitRange: [number, number] | null;
  /** null once the ticket no longer waits. */
  estimateStatus: EstimateStatus | null;
  counter: { number: number; name: LocalizedText } | null;
  calledAt: number | null;
  locale: Locale;
  /** Whether a rating was given (on any channel); a "not rated" record after the pad's timeout is not one. */
  rated: boolean;
  /** The rating given: by which channel ("already rated on the pad"), and until when a comment may be added. */
  rating: PublicRating | null;
  branchName: LocalizedText;
  /** The hall's notice and emergency, so every open phone page shows them (pushed when they change). */
  hall: { notice: LocalizedText | null; emergency: EmergencyNotice | null };
}

export interface IssuedTicket {
  id: string;
  code: string;
  serviceId: string;
  status: TicketStatus;
  ticketClass: TicketClass;
  ahead: number;
  estimatedWaitMinutes: number | null;
  estimatedWaitRange: [number, number] | null;
  estimateStatus: EstimateStatus | null;
  issuedAt: number;
  trackUrl: string;
  /** Whether the ticket was handed to a printer that reported it printed. */
  print: { status: 'printed' | 'held' | 'failed' | 'no_printer'; reason: string | null };
}

export interface BranchSnapshot {
  /** Changes when the server restarts: a client on another epoch must resync. */
  epoch: string;
  version: number;
  at: number;
  branch: BranchView;
  services: ServiceView[];
  counters: CounterView[];
  /** Active tickets (waiting, called, serving, parked) and today's no-shows (they may be reinstated). */
  tickets: TicketView[];
  recentCalls: CallView[];
}

/**
 * What a hall screen needs of a service after a call: its waiting count and the wait shown.
 * Merged into the client's copy of the service (`applyDelta`).
 */
export type ServicePatch = Pick<
  ServiceView,
  'id' | 'waiting' | 'estimatedWaitMinutes' | 'estimatedWaitRange'
>;

/**
 * A versioned change to a branch: whatever is present replaces the client's copy (a service
 * patch is merged into it). One delta per command: a finish that starts and finishes, or a
 * call-next that calls and starts, arrives as one message.
 */
export interface BranchDelta {
  epoch: string;
  version: number;
  /** Absent only on a hall room's `ticket:called`: the room is the branch's. */
  branchId?: string;
  tickets?: TicketView[];
  /** Tickets that left the live list (finished, cancelled, reset). */
  removedTicketIds?: string[];
  counters?: CounterView[];
  services?: (ServiceView | ServicePatch)[];
  branch?: BranchView;
  /**
   * A call or recall. A hall room's `ticket:called` carries no ticket or counter: the call says
   * what changed (the ticket is called at that counter, the counter is calling it).
   */
  call?: CallView;
}
