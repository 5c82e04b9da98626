import { tmpdir } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiRoute } from '../http/schemas.js';
import { acceptsGzip } from './answer.js';
import { sendExport } from './export.js';
import { REPORT_TIMEOUT_MS, type ReportsHost, ReportsUnavailable, ReportTimeout } from './host.js';
import {
  type ExportFile,
  type Lang,
  ReportError,
  type ReportRequest,
  type StaffReport,
  type SummaryReport,
} from './protocol.js';

/**
 * GET /branches/:branchId/reports/{summary,tickets,estimates,staff,call-order,open-rate} (see server/API.md).
 * Narrow dependencies: the engine's host, and an authorization hook that says whether the
 * request's principal may read this branch's reports (managers and supervisors of the branch).
 */
export interface ReportsRouteDeps {
  host: ReportsHost;
  /** Resolves the principal of a request (null: not signed in). */
  principal: (req: FastifyRequest) => unknown | null;
  canReadBranch: (principal: unknown, branchId: string) => boolean;
  /**
   * A clerk's own day: her id and the branch's business day when the principal is a clerk of
   * the branch (null otherwise). She may read that day's summary by clerk and staff time,
   * narrowed to her own row; anything else is 403.
   */
  ownDay?: (principal: unknown, branchId: string) => { clerkId: string; today: string } | null;
  /** Where exports are written before they are streamed (default: the OS temp directory). */
  exportDir?: string;
  /** Exports of a year of tickets take longer than a report. */
  exportTimeoutMs?: number;
  /** How long a report may take before it is answered 503 REPORT_TIMEOUT (tests shorten it). */
  timeoutMs?: number;
}

/** An export's time: a year of tickets written to a file. */
const EXPORT_TIMEOUT_MS = 15 * 60_000;
/** Time left after a timeout to send its 503 before the connection would be cut. */
const ANSWER_MARGIN_MS = 5_000;

type By = 'day' | 'hour' | 'weekday-hour' | 'service' | 'counter' | 'clerk';

interface Q {
  from: string;
  to: string;
  by?: string;
  format?: 'json' | 'csv' | 'xlsx';
  lang?: Lang;
  serviceId?: string;
  counterId?: string;
  clerkId?: string;
  cursor?: string;
  /** Digits (a query string carries text): parsed here. */
  limit?: string;
  /** Open rate: '1' asks for the per-day rows of a period longer than OPEN_RATE_DAYS_MAX. */
  days?: '0' | '1';
}

const STATUS = { BRANCH_NOT_FOUND: 404, VALIDATION_FAILED: 400 } as const;

export async function reportsRoutes(fastify: FastifyInstance, deps: ReportsRouteDeps): Promise<void> {
  const exportDir = deps.exportDir ?? tmpdir();

  /** Authorizes, runs, and answers refusals and engine failures with their status (never a 500). */
  const answer = async (
    req: FastifyRequest,
    reply: FastifyReply,
    build: (branchId: string, q: Q) => ReportRequest,
    timeoutMs?: number,
    /** Narrows a report to one clerk's rows (the routes a clerk may read for her own day). */
    narrow?: (result: never, clerkId: string) => unknown,
  ) => {
    const { branchId } = req.params as { branchId: string };
    const p = deps.principal(req);
    if (p === null) return refuse(reply, 401, 'UNAUTHENTICATED', 'sign in first');
    let own: string | null = null;
    if (!deps.canReadBranch(p, branchId)) {
      const q = req.query as Q;
      const day = deps.ownDay?.(p, branchId) ?? null;
      const mine =
        day !== null &&
        narrow !== undefined &&
        q.from === day.today &&
        q.to === day.today &&
        fmt(q) === null &&
        (q.by === undefined || q.by === 'clerk');
      if (!mine) {
        return refuse(
          reply,
          403,
          'FORBIDDEN',
          day
            ? 'a clerk reads only her own day: from=to=today, summary by=clerk or staff, no export'
            : `not allowed to read the reports of branch ${branchId}`,
        );
      }
      own = day.clerkId;
    }
    try {
      const request = build(branchId, req.query as Q);
      const limit = timeoutMs ?? deps.timeoutMs ?? REPORT_TIMEOUT_MS;
      // An export may compute longer than the server lets a silent connection idle: this
      // connection waits for it (and a bit more, so the 503 of a timeout still gets through).
      const idle = req.server.initialConfig.connectionTimeout;
      if (idle && limit + ANSWER_MARGIN_MS > idle) {
        req.raw.setTimeout(limit + ANSWER_MARGIN_MS);
      }
      if (request.kind.startsWith('export-'))
        return sendExport(reply, (await deps.host.run(request as never, limit)) as ExportFile);
      if (own !== null && narrow) return narrow((await deps.host.run(request as never, limit)) as never, own);
      // The response schemas are open objects (every field serialised as JSON.stringify would):
      // the worker's text is that answer, sent as is, with no per-row work on this thread.
      const body = await deps.host.runText(request, limit, acceptsGzip(req.headers['accept-encoding']));
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      if (typeof body === 'string') return reply.send(body);
      return reply
        .header('content-encoding', 'gzip')
        .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    } catch (err) {
      if (err instanceof ReportError)
        return refuse(reply, STATUS[err.refusal.code], err.refusal.code, err.message);
      return answerUnavailable(req, reply, err);
    }
  };
  const fmt = (q: Q) => (q.format === 'csv' || q.format === 'xlsx' ? q.format : null);
  const exportTimeout = (format: string | null) =>
    format ? (deps.exportTimeoutMs ?? EXPORT_TIMEOUT_MS) : undefined;
  const tq = (branchId: string, q: Q) => ({
    branchId,
    from: q.from,
    to: q.to,
    serviceId: q.serviceId ?? null,
    counterId: q.counterId ?? null,
    clerkId: q.clerkId ?? null,
    cursor: q.cursor ?? null,
    ...(q.limit ? { limit: Number(q.limit) } : {}),
  });

  fastify.route({
    ...apiRoute('reports:summary'),
    handler: (req, reply) =>
      answer(
        req,
        reply,
        (branchId, q) => {
          const query = { branchId, from: q.from, to: q.to, by: q.by as By };
          const format = fmt(q);
          return format
            ? { kind: 'export-summary', query, format, lang: q.lang ?? 'zh-CN', dir: exportDir }
            : { kind: 'summary', query };
        },
        undefined,
        narrowSummary,
      ),
  });
  fastify.route({
    ...apiRoute('reports:tickets'),
    handler: (req, reply) => {
      const format = fmt(req.query as Q);
      return answer(
        req,
        reply,
        (branchId, q) =>
          format
            ? {
                kind: 'export-tickets',
                query: tq(branchId, q),
                format,
                lang: q.lang ?? 'zh-CN',
                dir: exportDir,
              }
            : { kind: 'tickets', query: tq(branchId, q) },
        exportTimeout(format),
      );
    },
  });
  fastify.route({
    ...apiRoute('reports:estimates'),
    handler: (req, reply) =>
      answer(req, reply, (branchId, q) => ({
        kind: 'estimates',
        query: { branchId, from: q.from, to: q.to, by: q.by as 'service' | 'hour' },
      })),
  });
  fastify.route({
    ...apiRoute('reports:staff'),
    handler: (req, reply) =>
      answer(
        req,
        reply,
        (branchId, q) => ({ kind: 'staff', query: { branchId, from: q.from, to: q.to } }),
        undefined,
        (r: StaffReport, clerkId: string) => ({ ...r, rows: r.rows.filter((x) => x.clerkId === clerkId) }),
      ),
  });
  fastify.route({
    ...apiRoute('reports:call-order'),
    handler: (req, reply) =>
      answer(
        req,
        reply,
        (branchId, q) => {
          const format = fmt(q);
          if (format) {
            const query = { branchId, from: q.from, to: q.to };
            return { kind: 'export-call-order', query, format, lang: q.lang ?? 'zh-CN', dir: exportDir };
          }
          const page = { cursor: q.cursor ?? null, ...(q.limit ? { limit: Number(q.limit) } : {}) };
          return { kind: 'call-order', query: { branchId, from: q.from, to: q.to, ...page } };
        },
        exportTimeout(fmt(req.query as Q)),
      ),
  });
  fastify.route({
    ...apiRoute('reports:open-rate'),
    handler: (req, reply) =>
      answer(req, reply, (branchId, q) => {
        const query = { branchId, from: q.from, to: q.to };
        const format = fmt(q);
        return format
          ? { kind: 'export-open-rate', query, format, lang: q.lang ?? 'zh-CN', dir: exportDir }
          : { kind: 'open-rate', query: { ...query, days: q.days === '1' } };
      }),
  });
}

/** A clerk's own summary by clerk: her row, and her row as the totals (zeros when she has none). */
function narrowSummary(r: SummaryReport, clerkId: string): SummaryReport {
  const rows = r.rows.filter((x) => x.key === clerkId);
  const zero = (v: unknown, k: string): unknown =>
    typeof v === 'number'
      ? /Seconds$|Percent$/.test(k)
        ? null
        : 0
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([kk, vv]) => [kk, zero(vv, kk)]))
        : v;
  const totals = rows[0]
    ? { ...rows[0], key: 'total', label: r.totals.label }
    : ({ ...(zero(r.totals, '') as object), key: 'total', label: r.totals.label } as SummaryReport['totals']);
  return { ...r, rows, totals, excluded: totals.excluded };
}

/**
 * The engine's failures, answered the same way by every route that runs a report: 503
 * REPORT_TIMEOUT (too long; a retry goes further) or 503 REPORTS_UNAVAILABLE (the engine
 * stopped; the next request restarts it). Anything else is rethrown to the error handler.
 */
export function answerUnavailable(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  if (err instanceof ReportTimeout) {
    req.log.warn({ err }, 'report timed out');
    return refuse(reply, 503, 'REPORT_TIMEOUT', err.message);
  }
  if (err instanceof ReportsUnavailable) {
    req.log.error({ err }, 'reports engine unavailable');
    return refuse(reply, 503, 'REPORTS_UNAVAILABLE', err.message);
  }
  throw err;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}
