import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { fail, ok } from '../../core/index.js';
import { routeOptions } from '../../protocol/schemas/routes.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireStaff } from '../http/guards.js';
import { requireConfigurator, statusOf } from './access.js';
import { checkHall, exportHall, type HallConfigDoc, hallEvents, type Problem } from './config-file.js';
import type { AdminService } from './service.js';

const DAY = 24 * 3600_000;

/** The hall as a file (export, apply) and the audit log. */
export const configRoutes: FastifyPluginAsync<{ admin: AdminService }> = async (fastify, { admin }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { state, store } = admin;

  app.route({
    ...routeOptions('branch:config', statusOf),
    handler: async (req) => {
      requireConfigurator(req, req.params.branchId);
      const doc = exportHall(state, store, req.params.branchId);
      if (!doc) throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${req.params.branchId} does not exist`);
      return doc;
    },
  });

  app.route({
    ...routeOptions('branch:config-apply', statusOf),
    handler: async (req, reply) => {
      const { branchId } = req.params;
      const p = requireConfigurator(req, branchId);
      // Creating a branch from a file is an admin's act, as creating it through the API.
      if (!state.branches.has(branchId) && p.user.role !== 'admin')
        throw new HttpRefusal('FORBIDDEN', 'only an admin creates a branch');
      let problems: Problem[] = [];
      const r = await admin.run(metaOf(req), (s, ctx) => {
        // Checked inside the command: nothing can change between the check and the apply.
        problems = checkHall(s, store, branchId, req.body);
        if (problems.length)
          return fail('CONFIG_INVALID', `${problems.length} problem(s); nothing was applied`);
        const events = hallEvents(s, store, req.body as HallConfigDoc, {
          at: ctx.now,
          actor: ctx.actor,
          branchId,
        });
        return ok({ events, reply: () => events.length });
      });
      if (r.ok) return { ok: true as const, changes: r.data };
      if (r.error.code !== 'CONFIG_INVALID') return sendFailure(reply, r);
      return reply.code(422).send({ error: { ...r.error, problems } });
    },
  });

  app.route({
    ...routeOptions('audit:list', statusOf),
    handler: async (req) => {
      const p = requireStaff(req, ['admin', 'manager']);
      const q = req.query;
      // A manager reads the log of their own branch only.
      const branchId = p.user.role === 'admin' ? q.branchId : (p.user.branchId ?? '-');
      if (q.branchId && branchId !== q.branchId)
        throw new HttpRefusal('FORBIDDEN', `not allowed in branch ${q.branchId}`);
      const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));
      const to = int(q.to) ?? admin.bus.now();
      const rows = store.audit({
        from: int(q.from) ?? to - 7 * DAY,
        to,
        ...(branchId ? { branchId } : {}),
        ...(q.actor ? { actorId: q.actor } : {}),
        limit: Math.min(1000, Math.max(1, int(q.limit) ?? 500)),
        offset: int(q.offset) ?? 0,
      });
      return rows;
    },
  });
};
