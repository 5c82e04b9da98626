import { type TProperties, Type } from 'typebox';
import type {
  CallOrderReport,
  EstimatesReport,
  OpenRateReport,
  StaffReport,
  SummaryReport,
  TicketsPage,
} from '../reports.js';
import * as V from './views.js';

/**
 * Schemas of ../report-routes.ts. A query string carries text (the server does not coerce
 * types), so `limit` is digits, parsed by the route. The answers are the engine's results
 * (../reports.ts), passed through as they are: an open object schema serializes every field,
 * so nothing the engine adds is dropped. With `format=csv|xlsx` the answer is a file stream
 * (not serialized by the schema; see API.md).
 */
const closed = { additionalProperties: false } as const;
const BranchParams = Type.Object({ branchId: V.Id });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Format = Type.Optional(Type.Enum(['json', 'csv', 'xlsx']));
const Lang = Type.Optional(Type.Enum(['zh-CN', 'en']));
const RefId = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));
const BY = ['day', 'hour', 'weekday-hour', 'service', 'counter', 'clerk'] as const;
const Page = {
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  /** Rows per page, 1…5000 (digits: a query string carries text). */
  limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,2}|[1-4][0-9]{3}|5000)$' })),
};
const Result = <T>() => Type.Unsafe<T>(Type.Object({}, { additionalProperties: true }));
const period = <P extends TProperties>(extra: P) =>
  Type.Object({ from: Day, to: Day, format: Format, lang: Lang, ...extra }, closed);
const report = <Q extends ReturnType<typeof Type.Object>, R>(summary: string, querystring: Q, _r?: R) => ({
  summary,
  tags: ['reports'],
  params: BranchParams,
  querystring,
  response: { 200: Result<R>() },
  errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'BRANCH_NOT_FOUND'] as const,
});

export const REPORT_ROUTE_SCHEMAS = {
  'reports:summary': report(
    'Report rows grouped by day, hour, weekday × hour, service, counter or clerk (a clerk: her own day by clerk)',
    period({ by: Type.Enum(BY) }),
    {} as SummaryReport,
  ),
  'reports:tickets': report(
    'Every ticket of the period with its times, outcome, counter, clerk and rating (keyset-paged)',
    period({
      serviceId: RefId,
      counterId: RefId,
      clerkId: RefId,
      ...Page,
    }),
    {} as TicketsPage,
  ),
  'reports:estimates': report(
    'Promised wait against the wait had, by service or hour',
    period({ by: Type.Enum(['service', 'hour']) }),
    {} as EstimatesReport,
  ),
  'reports:staff': report(
    'Per clerk: session, paused by reason, serving, idle, idle while work waited, utilisation (a clerk: her own day)',
    period({}),
    {} as StaffReport,
  ),
  'reports:call-order': report(
    'Per clerk: calls made while older eligible tickets waited (whole period); the calls, each with the rule that justified it (keyset-paged)',
    period(Page),
    {} as CallOrderReport,
  ),
  'reports:open-rate': report(
    'Window open rate per counter (and per day up to 62 days, or with days=1): scheduled hours against open time, closes by reason',
    period({ days: Type.Optional(Type.Enum(['0', '1'])) }),
    {} as OpenRateReport,
  ),
} as const;
