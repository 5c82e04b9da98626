import { type TSchema, Type } from 'typebox';
import { COUNTER_STATES, LOCALES, OUTCOMES, TICKET_CLASSES, TICKET_STATUSES } from '../../core/types.js';
import { BAD_RATING_REASONS } from '../http.js';

/**
 * The wire shapes of ../views.ts and ../http.ts as TypeBox schemas, for Fastify's validation
 * and serialization and the OpenAPI document. views.test.ts checks at compile time that each
 * schema's static type is the interface the screens use, so the two cannot drift apart.
 * Server-side only: the screens import types, never this module (it pulls in TypeBox).
 */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Id = Type.String({ minLength: 1, maxLength: 64 });

export const Locale = Type.Enum(LOCALES);
export const LocalizedText = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });
export const CounterState = Type.Enum(COUNTER_STATES);
export const TicketClass = Type.Enum(TICKET_CLASSES);
export const TicketStatus = Type.Enum(TICKET_STATUSES);
export const CallRule = Type.Enum([
  'counter_transfer',
  'priority_class',
  'overdue_rule',
  'level_fifo',
  'manual',
  'callback',
]);
export const Outcome = Type.Enum(OUTCOMES);
export const ClosedReason = Type.Enum([
  'SERVICE_SUSPENDED',
  'OUTSIDE_OPENING_HOURS',
  'AFTER_ISSUE_CUTOFF',
  'SERVICE_CLOSED',
  'DAILY_CAP_REACHED',
]);
export const BadRatingReason = Type.Enum(
  Object.keys(BAD_RATING_REASONS) as (keyof typeof BAD_RATING_REASONS)[],
);
const WaitRange = Nullable(Type.Tuple([Type.Number(), Type.Number()]));
const EstimateStatus = Type.Union([
  Type.Literal('ok'),
  Type.Literal('no_counter_open'),
  Type.Literal('after_closing'),
]);

export const ServiceView = Type.Object({
  id: Type.String(),
  branchId: Type.String(),
  prefix: Type.String(),
  name: LocalizedText,
  waiting: Type.Integer(),
  estimatedWaitMinutes: Nullable(Type.Number()),
  estimatedWaitRange: WaitRange,
  estimateStatus: EstimateStatus,
  targetWaitMinutes: Type.Number(),
  open: Type.Boolean(),
  closedReason: Nullable(ClosedReason),
  suspendedReason: Nullable(Type.String()),
  allowPriority: Type.Boolean(),
  requiresPersonId: Type.Boolean(),
  oldestQueuedAt: Nullable(Type.Number()),
});

export const CounterView = Type.Object({
  id: Type.String(),
  branchId: Type.String(),
  number: Type.Integer(),
  name: LocalizedText,
  state: CounterState,
  pauseReason: Nullable(Type.String()),
  currentTicketId: Nullable(Type.String()),
  clerkId: Nullable(Type.String()),
  clerkName: Nullable(Type.String()),
  stateSince: Type.Number(),
  services: Type.Array(Type.Object({ serviceId: Type.String(), level: Type.Integer() })),
  rules: Type.Array(Type.Object({ serviceId: Type.String(), minutes: Type.Number() })),
});

export const TicketView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  serviceId: Type.String(),
  ticketClass: TicketClass,
  status: TicketStatus,
  issuedAt: Type.Number(),
  queuedAt: Type.Number(),
  calledAt: Nullable(Type.Number()),
  startedAt: Nullable(Type.Number()),
  finishedAt: Nullable(Type.Number()),
  counterId: Nullable(Type.String()),
  targetCounterId: Nullable(Type.String()),
  callCount: Type.Integer(),
  callRule: Nullable(CallRule),
  callRuleDetail: Nullable(Type.String()),
  outcome: Nullable(Outcome),
  originServiceId: Nullable(Type.String()),
  personMasked: Nullable(Type.String()),
  rank: Type.Number(),
  seq: Type.Integer(),
});

export const CallView = Type.Object({
  ticketId: Type.String(),
  code: Type.String(),
  serviceId: Type.String(),
  counterId: Type.String(),
  counterNumber: Type.Integer(),
  counterName: LocalizedText,
  callCount: Type.Integer(),
  calledAt: Type.Number(),
});

export const EmergencyNotice = Type.Object({
  message: LocalizedText,
  since: Type.Number(),
  stopIssuing: Type.Boolean(),
});

export const BranchView = Type.Object({
  id: Type.String(),
  name: LocalizedText,
  timezone: Type.String(),
  locales: Type.Array(Locale),
  defaultLocale: Locale,
  businessDay: Type.String(),
  open: Type.Boolean(),
  notice: Nullable(LocalizedText),
  emergency: Nullable(EmergencyNotice),
  pauseReasons: Type.Optional(Type.Array(Type.Object({ code: Type.String(), label: LocalizedText }))),
  closeReasons: Type.Optional(Type.Array(Type.Object({ code: Type.String(), label: LocalizedText }))),
});

export const PublicTicketView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  status: TicketStatus,
  service: Type.Object({ id: Type.String(), name: LocalizedText }),
  ahead: Type.Integer(),
  estimatedWaitMinutes: Nullable(Type.Number()),
  estimatedWaitRange: WaitRange,
  estimateStatus: Nullable(EstimateStatus),
  counter: Nullable(Type.Object({ number: Type.Integer(), name: LocalizedText })),
  calledAt: Nullable(Type.Number()),
  locale: Locale,
  rated: Type.Boolean(),
  rating: Nullable(
    Type.Object({
      channel: Type.Enum(['pad', 'phone', 'keypad', 'kiosk']),
      at: Type.Number(),
      commentUntil: Nullable(Type.Number()),
    }),
  ),
  branchName: LocalizedText,
  hall: Type.Object({ notice: Nullable(LocalizedText), emergency: Nullable(EmergencyNotice) }),
});

export const IssuedTicket = Type.Object({
  id: Type.String(),
  code: Type.String(),
  serviceId: Type.String(),
  status: TicketStatus,
  ticketClass: TicketClass,
  ahead: Type.Integer(),
  estimatedWaitMinutes: Nullable(Type.Number()),
  estimatedWaitRange: WaitRange,
  estimateStatus: Nullable(EstimateStatus),
  issuedAt: Type.Number(),
  trackUrl: Type.String(),
  print: Type.Object({
    status: Type.Enum(['printed', 'held', 'failed', 'no_printer']),
    reason: Nullable(Type.String()),
  }),
});

export const BranchSnapshot = Type.Object({
  epoch: Type.String(),
  version: Type.Integer(),
  at: Type.Number(),
  branch: BranchView,
  services: Type.Array(ServiceView),
  counters: Type.Array(CounterView),
  tickets: Type.Array(TicketView),
  recentCalls: Type.Array(CallView),
});

export const Role = Type.Enum(['admin', 'manager', 'supervisor', 'clerk']);
export const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  staffNumber: Nullable(Type.String()),
  branchId: Nullable(Type.String()),
});
export const LoginResponse = Type.Object({ token: Type.String(), user: UserView });
export const CounterCommandResponse = Type.Object({ counter: CounterView, ticket: Nullable(TicketView) });
export const DeviceKind = Type.Enum(['kiosk', 'display', 'pad', 'led']);
export const MeDevice = Type.Object({
  id: Type.String(),
  kind: DeviceKind,
  name: Type.String(),
  branchId: Type.String(),
  counterId: Nullable(Type.String()),
  config: Type.Unknown(),
});
export const MeResponse = Type.Union([
  Type.Object({ kind: Type.Literal('user'), user: UserView, counterId: Nullable(Type.String()) }),
  Type.Object({ kind: Type.Literal('device'), device: MeDevice }),
]);
export const CallOrderEntry = Type.Object({
  ticketId: Type.String(),
  code: Type.String(),
  rule: CallRule,
  detail: Type.String(),
});
export const ClerkDay = Type.Object({
  served: Type.Integer(),
  averageServiceSeconds: Nullable(Type.Number()),
  noShows: Type.Integer(),
  ratings: Type.Object({ count: Type.Integer(), average: Nullable(Type.Number()), bad: Type.Integer() }),
});
/** Whom the pad's citizen is rating: shown while idle and while asking (GET /pad/identity, `pad:identity`). */
export const PadIdentity = Type.Object({
  counterId: Type.String(),
  counter: Type.Object({ number: Type.Integer(), name: LocalizedText }),
  /** Null while nobody is signed in to the counter. */
  clerk: Nullable(
    Type.Object({
      name: Type.String(),
      staffNumber: Nullable(Type.String()),
      /** Null when no photo is on file; the pad shows initials. */
      photoUrl: Nullable(Type.String()),
    }),
  ),
});
export const RatingRequest = Type.Object({
  ticketId: Type.String(),
  code: Type.String(),
  counterId: Type.String(),
  serviceId: Type.String(),
  timeoutSeconds: Type.Number(),
  identity: Type.Optional(PadIdentity),
});
export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }),
});
/** 422 PASSWORD_REJECTED: which rule the new password broke, in both languages for the form. */
export const PasswordRejectedBody = Type.Object({
  error: Type.Object({
    code: Type.Literal('PASSWORD_REJECTED'),
    message: Type.String(),
    problem: Type.Enum(['too_short', 'too_long', 'common', 'personal', 'pattern']),
    reasons: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  }),
});
export const Done = Type.Object({ ok: Type.Literal(true) });
export const TicketEventView = Type.Object({
  at: Type.Number(),
  type: Type.String(),
  actorKind: Type.String(),
  actor: Type.String(),
  counterId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export const TicketHistory = Type.Object({ ticket: TicketView, events: Type.Array(TicketEventView) });
