import { tmpdir } from 'node:os';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseAction } from '../../core/cases.js';
import type { PadIdentity, Role } from '../../protocol/index.js';
import type { RatingsReport } from '../../protocol/schemas/case-views.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireBranch, requireDevice, requireStaff } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { QueueReads } from '../queue/reads.js';
import { type Column, sendExport, writeTable } from '../reports/export.js';
import type { ExportFile } from '../reports/protocol.js';
import { answerUnavailable } from '../reports/routes.js';
import type { Appraisal } from './appraisal.js';
import { appraisalRoutes } from './appraisal-routes.js';
import { LEDGER_COLUMNS, labelRatings, ledgerRow, RATES_COLUMNS, type RatingsQuery } from './rates.js';
import type { CaseAlerts, Cases } from './service.js';

export interface CasesRouteDeps {
  cases: Cases;
  /** The branch's open cases by deadline as the live monitor last read them (monitor-source.ts). */
  caseAlerts: (branchId: string) => CaseAlerts;
  appraisal: Appraisal;
  queue: QueueReads;
  goodLevels: number[];
  originHash: (ip: string) => string;
  userName: (id: string) => string | null;
  /** The window a pad faces and its clerk: the same answer the pad's socket gets (realtime's pad feed). */
  padIdentity: (counterId: string) => PadIdentity | null;
  /** The rates report, counted in the reports worker (see reports/dispatch.ts). */
  ratings: (q: RatingsQuery) => Promise<RatingsReport>;
  exportDir?: string;
}

const CASE_STAFF: Role[] = ['admin', 'manager', 'supervisor'];

/** 好差评 cases, complaints, rates and the ledger (see server/API.md); appraisal in appraisal-routes.ts. */
export const casesRoutes: FastifyPluginAsync<CasesRouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { cases, queue } = deps;

  /** Supervisors, managers and admins of the case's branch; the case must exist. */
  const caseFor = (req: FastifyRequest, id: string, roles = CASE_STAFF) => {
    const p = requireStaff(req, roles);
    const v = cases.view(id);
    if (!v) throw new HttpRefusal('CASE_NOT_FOUND', `case ${id} does not exist`);
    requireBranch(p, v.branchId);
    return v;
  };
  const branchFor = (req: FastifyRequest, branchId: string, roles = CASE_STAFF) => {
    const p = requireStaff(req, roles);
    requireBranch(p, branchId);
    const branch = cases.branch(branchId);
    if (!branch) throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
    return branch;
  };

  app.route({
    ...apiRoute('pad:identity'),
    handler: async (req) => {
      const { device } = requireDevice(req, 'pad');
      const identity = device.counterId ? deps.padIdentity(device.counterId) : null;
      if (!identity) throw new HttpRefusal('COUNTER_NOT_FOUND', 'this pad is not paired to a counter');
      return identity;
    },
  });

  app.route({
    ...apiRoute('ticket:complaint'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      const t = queue.publicTicket(req.params.id, req.body.key);
      const branchId = t && queue.ticket(req.params.id)?.branchId;
      if (!t || !branchId) throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const { text, category, contact } = req.body;
      const r = await cases.complain(metaOf(req, { kind: 'holder', id: req.params.id }), {
        branchId,
        channel: 'phone',
        category,
        text,
        contact,
        ticketId: req.params.id,
        originHash: deps.originHash(req.ip),
      });
      if (!r.ok) return sendFailure(reply, r);
      return reply.code(201).send({ ok: true as const, reference: r.data.id.slice(0, 8).toUpperCase() });
    },
  });

  app.route({
    ...apiRoute('complaints:create'),
    handler: async (req, reply) => {
      branchFor(req, req.params.branchId);
      const r = await cases.complain(metaOf(req), { ...req.body, branchId: req.params.branchId });
      if (!r.ok) return sendFailure(reply, r);
      return reply.code(201).send(r.data);
    },
  });

  app.route({
    ...apiRoute('cases:list'),
    handler: async (req) => {
      branchFor(req, req.params.branchId);
      const list = cases.list(req.params.branchId, req.query);
      await cases.audit(
        metaOf(req),
        req.params.branchId,
        'list',
        list.map((c) => c.id),
        JSON.stringify(req.query),
      );
      return list;
    },
  });

  app.route({
    ...apiRoute('cases:ledger'),
    handler: async (req, reply) => {
      const { format = 'json', lang = 'zh-CN', ...filters } = req.query;
      branchFor(req, req.params.branchId);
      const views = cases.list(req.params.branchId, filters);
      const name = (m: ReadonlyMap<string, { name: { 'zh-CN': string; en: string } }>) => (id: string) =>
        m.get(id)?.name[lang] ?? null;
      const state = cases.state;
      const rows = views.map((v) =>
        ledgerRow(v, { service: name(state.services), counter: name(state.counters), clerk: deps.userName }),
      );
      const what = format === 'json' ? 'ledger' : 'export';
      await cases.audit(
        metaOf(req),
        req.params.branchId,
        what,
        rows.map((r) => r.caseId),
        format,
      );
      if (format === 'json') return { rows };
      return sendTable(reply, deps, `ledger-${req.params.branchId}`, format, lang, LEDGER_COLUMNS, rows);
    },
  });

  app.route({
    ...apiRoute('case:view'),
    handler: async (req) => {
      const v = caseFor(req, req.params.id);
      await cases.audit(metaOf(req), v.branchId, 'case', [v.id]);
      return v;
    },
  });

  app.route({
    ...apiRoute('case:contact'),
    handler: async (req) => {
      const v = caseFor(req, req.params.id, ['admin', 'manager']);
      await cases.audit(metaOf(req), v.branchId, 'contact', [v.id]);
      return cases.contact(v.id)!;
    },
  });

  const step = <B>(
    name: Parameters<typeof apiRoute>[0],
    action: (body: B) => CaseAction,
    at?: (b: B) => number | undefined,
  ) =>
    app.route({
      ...(apiRoute(name) as ReturnType<typeof apiRoute<'case:close'>>),
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const { id } = req.params as { id: string };
        caseFor(req, id);
        const body = (req.body ?? {}) as B;
        const r = await cases.step(metaOf(req), id, action(body), at?.(body));
        if (!r.ok) return sendFailure(reply, r);
        return r.data;
      },
    });
  step<{ assigneeId: string }>('case:assign', (b) => ({ kind: 'assign', assigneeId: b.assigneeId }));
  step<{ method: never; citizenSaid: string; at?: number }>(
    'case:callback',
    (b) => ({ kind: 'callback', method: b.method, citizenSaid: b.citizenSaid }),
    (b) => b.at,
  );
  step<{ resolution: never; text: string; dueDay?: string }>('case:resolve', (b) => ({
    kind: 'resolve',
    resolution: b.resolution,
    text: b.text,
    ...(b.dueDay && { dueDay: b.dueDay }),
  }));
  step<{ method: never; text: string }>('case:feedback', (b) => ({
    kind: 'feedback',
    method: b.method,
    text: b.text,
  }));
  step<{ satisfaction: never }>('case:satisfaction', (b) => ({
    kind: 'satisfaction',
    satisfaction: b.satisfaction,
  }));
  step<object>('case:close', () => ({ kind: 'close' }));
  step<{ reason: string }>('case:reopen', (b) => ({ kind: 'reopen', reason: b.reason }));

  app.route({
    ...apiRoute('reports:ratings'),
    handler: async (req, reply) => {
      const branch = branchFor(req, req.params.branchId);
      const { from, to, by = 'counter', format = 'json', lang = 'zh-CN' } = req.query;
      if (from > to) throw new HttpRefusal('VALIDATION_FAILED', 'from is after to');
      const overdue = deps
        .caseAlerts(branch.id)
        .overdue.map(({ openedAt, counterId, clerkId, serviceId, channel }) => ({
          openedAt,
          counterId,
          clerkId,
          serviceId,
          channel,
        }));
      let counted: RatingsReport;
      try {
        // A year of ratings is a million rows: read in the reports worker, not on the event loop.
        counted = await deps.ratings({
          branchId: branch.id,
          timezone: branch.timezone,
          from,
          to,
          by,
          goodLevels: deps.goodLevels,
          overdue,
        });
      } catch (err) {
        return answerUnavailable(req, reply, err);
      }
      const report = labelRatings(counted, { state: cases.state, userName: deps.userName });
      if (format === 'json') return report;
      await cases.audit(metaOf(req), branch.id, 'export', [], `ratings ${from}..${to} by ${by}`);
      const rows = [...report.rows, report.totals];
      return sendTable(reply, deps, `ratings-${from}-${to}`, format, lang, RATES_COLUMNS, rows);
    },
  });

  appraisalRoutes(fastify, deps);
};

async function sendTable<R>(
  reply: FastifyReply,
  deps: CasesRouteDeps,
  name: string,
  format: 'csv' | 'xlsx',
  lang: 'zh-CN' | 'en',
  columns: readonly Column<R>[],
  rows: readonly R[],
) {
  const f: ExportFile = await writeTable(deps.exportDir ?? tmpdir(), name, format, lang, columns, () => [
    rows,
  ]);
  return sendExport(reply, f);
}
