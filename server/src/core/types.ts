/**
 * The queue model. Plain data only: the engine reads and evolves these objects and never
 * touches a clock, a database or a socket (see ./README in server/).
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type LocalizedText = Record<Locale, string>;

/** "08:30" in the branch's local time. */
export type LocalTime = string;
export interface OpeningInterval {
  open: LocalTime;
  close: LocalTime;
}
/** ISO weekday 1 (Monday) … 7 (Sunday) → intervals; a missing day is closed. */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, OpeningInterval[]>>;
/** A dated exception: a holiday (no intervals) or an extra or shortened working day. */
export interface DateException {
  date: string; // YYYY-MM-DD, local to the branch
  intervals: OpeningInterval[];
  note?: string;
}

export interface Branch {
  id: string;
  name: LocalizedText;
  timezone: string;
  locales: Locale[];
  defaultLocale: Locale;
  hours: WeeklyHours;
  exceptions: DateException[];
  /** Stop issuing this many minutes before closing time. */
  issueCutoffMinutes: number;
  /** A recall beyond this many recalls marks the ticket no-show instead. */
  noShowAfterRecalls: number;
  /** A reinstated no-show rejoins this many places behind the head of its queue. */
  reinstatePlacesBack: number;
  /** How many recent real service durations feed the estimate. */
  ewtSampleSize: number;
  /** The address line printed on tickets (each ticket in its own language). */
  address?: LocalizedText;
  /** The holiday calendar `exceptions` was computed from ('cn': statutory holidays and 调休). */
  holidays?: 'cn' | 'none';
  /** The branch's own dated exceptions, as the manager entered them (they win over the calendar). */
  ownExceptions?: DateException[];
  /** A service's own opening hours and issue cut-off, by service id (else the branch's). */
  serviceHours?: Record<string, ServiceHours>;
  /** A counter's own published weekly hours inside the branch's, by counter id (else the branch's). */
  counterHours?: Record<string, WeeklyHours>;
  /** The reasons a clerk picks when pausing or closing a counter. */
  pauseReasons?: ReasonCode[];
  closeReasons?: ReasonCode[];
}

export interface ServiceHours {
  /** Weekly hours inside the branch's; a missing day is closed for this service. */
  hours?: WeeklyHours;
  /** Stop issuing this many minutes before the service (or the hall) closes. */
  issueCutoffMinutes?: number;
}

/** A pause or close reason: a stable code and its label; a retired one is kept for history. */
export interface ReasonCode {
  code: string;
  label: LocalizedText;
  retired?: boolean;
}

export interface Service {
  id: string;
  branchId: string;
  prefix: string;
  name: LocalizedText;
  dailyCap: number | null;
  perPersonDailyLimit: number | null;
  /** Target wait (SLA) in minutes. */
  targetWaitMinutes: number;
  defaultServiceMinutes: number;
  suspended: boolean;
  suspendedReason: string | null;
  allowPriority: boolean;
  /** Ask for a phone or ID number at the kiosk (needed for the per-person limit). */
  requiresPersonId: boolean;
  sortOrder: number;
}

export interface ProfileEntry {
  serviceId: string;
  /** 1 is served first; equal levels share by longest wait. */
  level: number;
}
export interface OverdueRule {
  kind: 'overdue';
  serviceId: string;
  minutes: number;
}
export interface WorkProfile {
  services: ProfileEntry[];
  rules: OverdueRule[];
}

export const COUNTER_STATES = ['closed', 'idle', 'calling', 'serving', 'paused'] as const;
export type CounterState = (typeof COUNTER_STATES)[number];

/** What configuration says about a counter: changed by hall configuration, never by a call. */
export interface CounterConfig {
  id: string;
  branchId: string;
  number: number;
  name: LocalizedText;
  /** The services it serves, their levels and overdue rules. */
  profile: WorkProfile;
}

/** What the queue does to a counter: changed by its commands, projected to the counter's live columns. */
export interface CounterLive {
  state: CounterState;
  pauseReason: string | null;
  currentTicketId: string | null;
  clerkId: string | null;
  stateSince: number;
}

/** A counter as the engine reads it: its configuration and its live state side by side. */
export type Counter = CounterConfig & CounterLive;

/** The hall's scrolling notice and emergency notice (an emergency may stop issuing). */
export interface EmergencyNotice {
  message: LocalizedText;
  stopIssuing: boolean;
  since: number;
}
export interface BranchNotices {
  notice: LocalizedText | null;
  emergency: EmergencyNotice | null;
}

export const TICKET_CLASSES = ['normal', 'priority', 'appointment'] as const;
export type TicketClass = (typeof TICKET_CLASSES)[number];
export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'parked',
  'transferred',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'parked'];

/** Why a ticket was called: stored with every call so the order can always be explained. */
export type CallRule =
  | 'counter_transfer'
  | 'priority_class'
  | 'overdue_rule'
  | 'level_fifo'
  | 'manual'
  | 'callback';

export const OUTCOMES = [
  'served',
  'served_incomplete',
  'referred',
  'no_show',
  'cancelled_by_holder',
  'cancelled_by_staff',
  'reset',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where, when and by which rule a ticket was called, and how its visit ended (staff screens see these too). */
export interface TicketCallFields {
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  counterId: string | null;
  /** A ticket transferred to one counter waits for that counter only. */
  targetCounterId: string | null;
  callCount: number;
  callRule: CallRule | null;
  callRuleDetail: string | null;
  outcome: Outcome | null;
}

/** A ticket's call fields before its first call: no counter, no times, no outcome. */
export const UNCALLED = {
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  counterId: null,
  targetCounterId: null,
  callCount: 0,
  callRule: null,
  callRuleDetail: null,
  outcome: null,
} as const satisfies TicketCallFields;

export interface Ticket extends TicketCallFields {
  id: string;
  branchId: string;
  serviceId: string;
  businessDay: string;
  seq: number;
  code: string;
  ticketClass: TicketClass;
  status: TicketStatus;
  /** Order key inside its queue: smaller is called earlier (within the same class). */
  rank: number;
  issuedAt: number;
  /** When it (re)joined the queue it is waiting in; the wait shown to clerks counts from here. */
  queuedAt: number;
  estimatedWaitAtIssue: number | null;
  locale: Locale;
  trackKey: string;
  personHash: string | null;
  personMasked: string | null;
  originServiceId: string | null;
  /** The service whose sequence numbered this ticket; it never changes, even after a transfer. */
  issuedServiceId: string;
  idempotencyKey: string | null;
  issuedBy: string | null;
}

/** Whoever caused a transition: staff user, device, the ticket holder, the system, or nobody signed in. */
/**
 * A staff member acting outside a counter command (issuing at the desk, cancelling): her role and
 * the counter her session is signed in to, if any. Whether she still holds it is read from the state.
 */
export interface StaffContext {
  userId: string;
  role: 'admin' | 'manager' | 'supervisor' | 'clerk';
  counterId: string | null;
}

/** Managers and admins act hall-wide; a clerk acts from the counter she holds. */
export function heldCounter(
  counters: ReadonlyMap<string, { clerkId: string | null }>,
  staff: StaffContext,
): string | null {
  if (!staff.counterId) return null;
  return counters.get(staff.counterId)?.clerkId === staff.userId ? staff.counterId : null;
}

export interface Actor {
  kind: 'user' | 'device' | 'holder' | 'system' | 'anonymous';
  id: string;
}
