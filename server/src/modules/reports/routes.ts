import { tmpdir } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiRoute } from '../http/schemas.js';
import { sendExport } from './export.js';
import { type ReportsHost, ReportsUnavailable } from './host.js';
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
}

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
      const full = await deps.host.run(request as never, timeoutMs);
      const result = own !== null && narrow ? narrow(full as never, own) : full;
      if (request.kind.startsWith('export-')) return sendExport(reply, result as ExportFile);
      return result;
    } catch (err) {
      if (err instanceof ReportError)
        return refuse(reply, STATUS[err.refusal.code], err.refusal.code, err.message);
      if (err instanceof ReportsUnavailable) {
        req.log.error({ err }, 'reports engine unavailable');
        return refuse(reply, 503, 'REPORTS_UNAVAILABLE', err.message);
      }
      throw err;
    }
  };
  const fmt = (q: Q) => (q.format === 'csv' || q.format === 'xlsx' ? q.format : null);
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
        format ? (deps.exportTimeoutMs ?? 15 * 60_000) : undefined,
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
      answer(req, reply, (branchId, q) => {
        const query = { branchId, from: q.from, to: q.to };
        const format = fmt(q);
        return format
          ? { kind: 'export-call-order', query, format, lang: q.lang ?? 'zh-CN', dir: exportDir }
          : { kind: 'call-order', query };
      }),
  });
  fastify.route({
    ...apiRoute('reports:open-rate'),
    handler: (req, reply) =>
      answer(req, reply, (branchId, q) => {
        const query = { branchId, from: q.from, to: q.to };
        const format = fmt(q);
        return format
          ? { kind: 'export-open-rate', query, format, lang: q.lang ?? 'zh-CN', dir: exportDir }
          : { kind: 'open-rate', query };
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

function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}
