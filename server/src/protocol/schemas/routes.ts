import { type Static, type TSchema, Type } from 'typebox';
import type { ErrorCode } from '../../core/errors.js';
import { ISSUE_REFUSALS } from '../http.js';
import { COUNTER_COMMANDS, type CounterCommand, ROUTES, type RouteName, type Routes } from '../routes.js';
import { ADMIN_ROUTE_SCHEMAS } from './admin-routes.js';
import { CASE_ROUTE_SCHEMAS, PhoneRatingBody, RatingSubmitBody } from './case-routes.js';
import * as M from './monitor.js';
import { REPORT_ROUTE_SCHEMAS } from './report-routes.js';
import * as V from './views.js';

/**
 * Every route of ../routes.ts with its schemas: params, querystring, headers, body, the answers
 * by status, and the refusal codes it may answer (each with the status ERROR_CODES gives it).
 * The server registers routes with `routeOptions(name)`; the client kit types `call()` from
 * the static types below (a type-only import, so the screens never bundle TypeBox).
 */
export interface RouteSchema {
  summary: string;
  tags: string[];
  params?: TSchema;
  querystring?: TSchema;
  headers?: TSchema;
  body?: TSchema;
  /** Successful answers by status. */
  response: { 200?: TSchema; 201?: TSchema; 204?: TSchema; 422?: TSchema; 503?: TSchema };
  /** Refusals besides VALIDATION_FAILED (implied by any input) and the auth codes listed. */
  errors: readonly ErrorCode[];
}

const closed = { additionalProperties: false } as const;
const BranchParams = Type.Object({ branchId: V.Id });
const CounterParams = Type.Object({ counterId: V.Id });
const TicketParams = Type.Object({ id: V.Id });
const Key = Type.String({ minLength: 8, maxLength: 128 });
const Reason = Type.String({ minLength: 1, maxLength: 200 });
const Localized = Type.Object(
  {
    'zh-CN': Type.String({ minLength: 1, maxLength: 500 }),
    en: Type.String({ minLength: 1, maxLength: 500 }),
  },
  closed,
);
const Empty = Type.Object({}, closed);

const SIGNED_IN = ['UNAUTHENTICATED'] as const;
const Password = Type.String({ minLength: 1, maxLength: 200 });
const STAFF = ['UNAUTHENTICATED', 'FORBIDDEN'] as const;
const COUNTER_REFUSALS = [
  ...STAFF,
  'COUNTER_NOT_FOUND',
  'COUNTER_CLOSED',
  'COUNTER_PAUSED',
  'COUNTER_BUSY',
  'COUNTER_IDLE',
  'COUNTER_ALREADY_OPEN',
  'COUNTER_TAKEN',
  'TICKET_NOT_FOUND',
  'TICKET_NOT_WAITING',
  'TICKET_NOT_CURRENT',
  'REASON_REQUIRED',
  'REASON_UNKNOWN',
  'INVALID_TARGET',
  'INVALID_OUTCOME',
  'SERVICE_NOT_FOUND',
] as const;

/** Each counter command's body: validated at the edge before the bus sees it. */
const COUNTER_BODIES = {
  open: Empty,
  close: Type.Object({ reason: Reason }, closed),
  pause: Type.Object({ reason: Reason }, closed),
  resume: Empty,
  'call-next': Empty,
  call: Type.Object({ ticketId: V.Id }, closed),
  recall: Empty,
  start: Empty,
  finish: Type.Object(
    { outcome: Type.Optional(Type.Enum(['served', 'served_incomplete', 'referred'])) },
    closed,
  ),
  'no-show': Empty,
  transfer: Type.Object(
    {
      serviceId: Type.Optional(V.Id),
      counterId: Type.Optional(V.Id),
      placement: Type.Enum(['first', 'last', 'arrival']),
      reason: Type.Optional(Type.String({ maxLength: 200 })),
    },
    closed,
  ),
  park: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, closed),
} satisfies Record<CounterCommand, TSchema>;

type CounterCommandSchemas = {
  [C in CounterCommand as `counter:${C}`]: {
    summary: string;
    tags: string[];
    params: typeof CounterParams;
    body: (typeof COUNTER_BODIES)[C];
    response: { 200: typeof V.CounterCommandResponse };
    errors: typeof COUNTER_REFUSALS;
  };
};
const counterCommandSchemas = Object.fromEntries(
  COUNTER_COMMANDS.map((c) => [
    `counter:${c}`,
    {
      summary: `Counter command: ${c}`,
      tags: ['counter'],
      params: CounterParams,
      body: COUNTER_BODIES[c],
      response: { 200: V.CounterCommandResponse },
      errors: COUNTER_REFUSALS,
    },
  ]),
) as CounterCommandSchemas;

const Health = Type.Object({
  status: Type.Enum(['ok', 'degraded', 'failing']),
  database: Type.Enum(['ok', 'write_failing', 'failing']),
  printers: Type.Optional(Type.Array(Type.Unknown())),
  ledDisplays: Type.Optional(Type.Array(Type.Unknown())),
  /** What each display board last said about its voice. */
  displays: Type.Optional(Type.Array(Type.Unknown())),
  epoch: Type.Optional(Type.String()),
  /** While commits fail: SQLite's reason and since when (staff and local probes only). */
  writeError: Type.Optional(Type.String()),
  writeFailingSince: Type.Optional(Type.Number()),
  sockets: Type.Optional(Type.Unknown()),
  warnings: Type.Optional(Type.Array(Type.Unknown())),
});

export const ROUTE_SCHEMAS = {
  'auth:login': {
    summary: 'Sign in by username or staff number',
    tags: ['auth'],
    body: Type.Object(
      {
        username: Type.String({ minLength: 1, maxLength: 64 }),
        password: Type.String({ minLength: 1, maxLength: 200 }),
      },
      closed,
    ),
    response: { 200: V.LoginResponse },
    errors: ['UNAUTHENTICATED', 'TOO_MANY_REQUESTS'],
  },
  'auth:logout': {
    summary:
      'End the session; the counter it is signed in to is closed (its ticket handed back) or kept away',
    tags: ['auth'],
    body: Type.Optional(Type.Object({ counter: Type.Optional(Type.Enum(['close', 'away'])) }, closed)),
    response: { 200: V.Done },
    errors: SIGNED_IN,
  },
  'auth:password': {
    summary: 'Change one’s own password (the other sessions are signed out)',
    tags: ['auth'],
    body: Type.Object({ current: Password, next: Password }, closed),
    response: { 200: V.Done, 422: V.PasswordRejectedBody },
    errors: [...STAFF, 'WRONG_PASSWORD', 'PASSWORD_REJECTED', 'USER_NOT_FOUND', 'TOO_MANY_REQUESTS'],
  },
  'user:password-reset': {
    summary: 'Reset a staff member’s password (admin; a manager for her branch’s clerks)',
    tags: ['auth'],
    params: Type.Object({ id: V.Id }),
    body: Type.Object({ next: Password }, closed),
    response: { 200: V.Done, 422: V.PasswordRejectedBody },
    errors: [...STAFF, 'PASSWORD_REJECTED', 'USER_NOT_FOUND'],
  },
  me: {
    summary: 'Who is acting: a staff member or a paired device',
    tags: ['auth'],
    response: { 200: V.MeResponse },
    errors: SIGNED_IN,
  },
  'me:status': {
    summary: 'A display board reports whether it can speak (listed in /api/v1/health)',
    tags: ['auth'],
    body: Type.Object(
      {
        voice: Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('off')]),
        reason: Type.Union([Type.String({ maxLength: 400 }), Type.Null()]),
        engines: Type.Optional(
          Type.Record(
            Type.String({ maxLength: 16 }),
            Type.Union([Type.Literal('clips'), Type.Literal('browser'), Type.Null()]),
          ),
        ),
      },
      closed,
    ),
    response: { 200: V.Done },
    errors: [...SIGNED_IN, 'FORBIDDEN', 'TOO_MANY_REQUESTS'],
  },
  'branches:list': {
    summary: 'Branches visible to the caller',
    tags: ['hall'],
    response: { 200: Type.Array(V.BranchView) },
    errors: SIGNED_IN,
  },
  'branch:services': {
    summary: 'Services with waiting counts and estimated waits',
    tags: ['hall'],
    params: BranchParams,
    response: { 200: Type.Array(V.ServiceView) },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'branch:queue': {
    summary: 'The versioned snapshot of the branch',
    tags: ['hall'],
    params: BranchParams,
    response: { 200: V.BranchSnapshot },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'branch:emergency-raise': {
    summary: 'Raise an emergency notice on every screen (managers)',
    tags: ['hall'],
    params: BranchParams,
    body: Type.Object({ message: Localized, stopIssuing: Type.Boolean() }, closed),
    response: { 200: V.Done },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'branch:emergency-lift': {
    summary: 'Lift the emergency notice (managers)',
    tags: ['hall'],
    params: BranchParams,
    response: { 200: V.Done },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'branch:notice': {
    summary: 'Set or clear the scrolling notice (managers)',
    tags: ['hall'],
    params: BranchParams,
    body: Type.Union([Localized, Type.Null()]),
    response: { 200: V.Done },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'tickets:issue': {
    summary: 'Issue a ticket (kiosk device or staff); a retry with the same Idempotency-Key answers 200',
    tags: ['tickets'],
    params: BranchParams,
    headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }),
    body: Type.Object(
      {
        serviceId: V.Id,
        priority: Type.Optional(Type.Boolean()),
        locale: Type.Optional(V.Locale),
        personId: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z -]{6,24}$' })),
      },
      closed,
    ),
    response: { 200: V.IssuedTicket, 201: V.IssuedTicket },
    errors: [...STAFF, 'BRANCH_NOT_FOUND', 'SERVICE_NOT_FOUND', ...ISSUE_REFUSALS],
  },
  'ticket:view': {
    summary: "A ticket's public view (needs the key from its QR code)",
    tags: ['phone'],
    params: TicketParams,
    querystring: Type.Object({ key: Key }),
    response: { 200: V.PublicTicketView },
    errors: ['TICKET_NOT_FOUND', 'TOO_MANY_REQUESTS'],
  },
  'ticket:cancel': {
    summary: 'The holder leaves: cancel the ticket',
    tags: ['phone'],
    params: TicketParams,
    body: Type.Object({ key: Key }, closed),
    response: { 200: V.PublicTicketView },
    errors: ['TICKET_NOT_FOUND', 'TICKET_NOT_CANCELLABLE', 'TOO_MANY_REQUESTS'],
  },
  'ticket:rate': {
    summary: 'Rate the service from the phone page',
    tags: ['phone'],
    params: TicketParams,
    body: PhoneRatingBody,
    response: { 200: V.Done },
    errors: ['TICKET_NOT_FOUND', 'TICKET_NOT_CURRENT', 'TICKET_ALREADY_RATED', 'TOO_MANY_REQUESTS'],
  },
  'ticket:reinstate': {
    summary: 'Put a no-show back in its queue',
    tags: ['tickets'],
    params: TicketParams,
    response: { 200: V.Done },
    errors: [...STAFF, 'TICKET_NOT_FOUND', 'TICKET_NOT_NO_SHOW'],
  },
  'ticket:cancel-by-staff': {
    summary: 'Cancel a waiting or parked ticket, saying why (kept in the event log and the audit row)',
    tags: ['tickets'],
    params: TicketParams,
    body: Type.Object({ reason: Reason }, closed),
    response: { 200: V.Done },
    errors: [...STAFF, 'TICKET_NOT_FOUND', 'TICKET_NOT_CANCELLABLE'],
  },
  'ticket:move': {
    summary: 'Move a waiting ticket to another service from the front desk (supervisor, manager)',
    tags: ['tickets'],
    params: TicketParams,
    body: Type.Object({ serviceId: V.Id, placement: Type.Enum(['first', 'last', 'arrival']) }, closed),
    response: { 200: V.TicketView },
    errors: [...STAFF, 'TICKET_NOT_FOUND', 'TICKET_NOT_WAITING', 'INVALID_TARGET'],
  },
  'tickets:search': {
    summary: "Today's tickets of a branch by code, finished and cancelled ones too, each with its events",
    tags: ['tickets'],
    params: BranchParams,
    querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 16 }) }, closed),
    response: { 200: Type.Array(V.TicketHistory) },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  ...counterCommandSchemas,
  'counter:release': {
    summary:
      'Close an abandoned counter (its ticket back to the queue) or take it over (supervisor, manager)',
    tags: ['counter'],
    params: CounterParams,
    body: Type.Object(
      { action: Type.Enum(['close', 'take-over']), reason: Type.Optional(Type.String({ maxLength: 200 })) },
      closed,
    ),
    response: { 200: V.CounterCommandResponse },
    errors: [...STAFF, 'COUNTER_NOT_FOUND', 'COUNTER_CLOSED', 'REASON_REQUIRED'],
  },
  'counter:rating-request': {
    summary: "Prompt the counter's rating pad for the last finished ticket",
    tags: ['counter'],
    params: CounterParams,
    response: { 200: V.RatingRequest },
    errors: [...STAFF, 'COUNTER_NOT_FOUND', 'TICKET_NOT_CURRENT', 'TICKET_ALREADY_RATED'],
  },
  'counter:order': {
    summary: 'The order call-next would take here, with the rule for each',
    tags: ['counter'],
    params: CounterParams,
    response: { 200: Type.Array(V.CallOrderEntry) },
    errors: [...STAFF, 'COUNTER_NOT_FOUND'],
  },
  'counter:today': {
    summary: "The signed-in clerk's day: served, service time, no-shows, ratings",
    tags: ['counter'],
    params: CounterParams,
    response: { 200: V.ClerkDay },
    errors: [...STAFF, 'COUNTER_NOT_FOUND'],
  },
  'ratings:submit': {
    summary: "A citizen's rating from the counter's pad (pad device token)",
    tags: ['ratings'],
    body: RatingSubmitBody,
    response: { 200: Type.Object({ ok: Type.Literal(true), caseOpened: Type.Boolean() }) },
    errors: [...STAFF, 'TICKET_NOT_FOUND', 'TICKET_NOT_CURRENT', 'TICKET_ALREADY_RATED'],
  },
  health: {
    summary: 'Liveness and database; devices for managers and local probes',
    tags: ['ops'],
    response: { 200: Health, 503: Health },
    errors: ['TOO_MANY_REQUESTS'],
  },
  'branch:alerts': {
    summary: 'Alerts of the branch, newest first, with their history (managers and supervisors)',
    tags: ['monitor'],
    params: BranchParams,
    querystring: Type.Object(
      {
        // Spelled out so that the kit's typed `call` knows the literals (a mapped array loses them).
        status: Type.Optional(
          Type.Union([
            Type.Literal('open'),
            Type.Literal('unacknowledged'),
            Type.Literal('acknowledged'),
            Type.Literal('cleared'),
            Type.Literal('all'),
          ]),
        ),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      },
      closed,
    ),
    response: { 200: Type.Array(M.AlertView) },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'alert:ack': {
    summary: 'Acknowledge an alert (managers and supervisors of its branch); again: the first stays',
    tags: ['monitor'],
    params: TicketParams,
    body: Type.Optional(Empty),
    response: { 200: M.AlertView },
    errors: [...STAFF, 'ALERT_NOT_FOUND'],
  },
  'branch:alert-rules': {
    summary: "The branch's alert rules (managers and supervisors)",
    tags: ['monitor'],
    params: BranchParams,
    response: { 200: M.AlertRulesView },
    errors: [...STAFF, 'BRANCH_NOT_FOUND'],
  },
  'branch:alert-rules-set': {
    summary: "Replace the branch's alert rules (managers; audited)",
    tags: ['monitor'],
    params: BranchParams,
    body: M.AlertRules,
    response: { 200: M.AlertRulesView },
    errors: [...STAFF, 'BRANCH_NOT_FOUND', 'ALERT_RULES_INVALID'],
  },
  ...CASE_ROUTE_SCHEMAS,
  ...REPORT_ROUTE_SCHEMAS,
  ...ADMIN_ROUTE_SCHEMAS,
} as const satisfies { [N in RouteName]: RouteSchema };

export type RouteSchemas = typeof ROUTE_SCHEMAS;

type Field<N extends RouteName, F extends string> = RouteSchemas[N] extends {
  [K in F]: infer S extends TSchema;
}
  ? Static<S>
  : undefined;
export type RouteParams<N extends RouteName> = Field<N, 'params'>;
export type RouteQuery<N extends RouteName> = Field<N, 'querystring'>;
export type RouteBody<N extends RouteName> = Field<N, 'body'>;
/** What a successful call answers (a 503 health answer is a success too: it says what fails). */
export type RouteResponse<N extends RouteName> = {
  [S in keyof RouteSchemas[N]['response']]: RouteSchemas[N]['response'][S] extends TSchema
    ? Static<RouteSchemas[N]['response'][S]>
    : never;
}[keyof RouteSchemas[N]['response']];
export type RouteError<N extends RouteName> =
  | RouteSchemas[N]['errors'][number]
  | 'VALIDATION_FAILED'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL';

/** Every code a route may answer with, including the ones every route may answer. */
export function routeErrors(name: RouteName): ErrorCode[] {
  const s: RouteSchema = ROUTE_SCHEMAS[name];
  const implied: ErrorCode[] = s.params || s.body || s.querystring || s.headers ? ['VALIDATION_FAILED'] : [];
  return [...new Set<ErrorCode>([...implied, ...s.errors])];
}

/**
 * `app.route({...routeOptions('me'), handler})` inside the `/api/v1` prefix: the method, the
 * path and the schema (validation, serialization, OpenAPI) of one route, errors included.
 */
export function routeOptions<N extends RouteName>(name: N, statusOf: (code: ErrorCode) => number) {
  const s: RouteSchema = ROUTE_SCHEMAS[name];
  const response: Record<number, TSchema> = {};
  for (const [status, schema] of Object.entries(s.response)) response[Number(status)] = schema;
  for (const code of routeErrors(name)) response[statusOf(code)] ??= V.ErrorBody;
  const route: Routes[N] = ROUTES[name];
  return {
    method: route.method,
    url: route.path,
    schema: {
      operationId: name,
      summary: s.summary,
      tags: s.tags,
      ...(s.params && { params: s.params }),
      ...(s.querystring && { querystring: s.querystring }),
      ...(s.headers && { headers: s.headers }),
      ...(s.body && { body: s.body }),
      response,
    },
  } as {
    method: Routes[N]['method'];
    url: Routes[N]['path'];
    schema: Omit<RouteSchemas[N], 'errors' | 'response'> & {
      operationId: N;
      response: Record<number, TSchema>;
    };
  };
}
