import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/context.js';
import { branchView, withoutPersonalData } from '../../../app/views.js';
import { HttpRefusal } from '../errors.js';
import { requireBranch, requirePrincipal, requireStaff } from '../guards.js';

export const BranchParams = Type.Object({ branchId: Type.String({ minLength: 1, maxLength: 64 }) });
const Localized = Type.Object(
  {
    'zh-CN': Type.String({ minLength: 1, maxLength: 500 }),
    en: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export async function branchRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const branchOr404 = (branchId: string) => {
    const b = ctx.hall.state.branches.get(branchId);
    if (!b) throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
    return b;
  };

  app.get(
    '/branches',
    { schema: { tags: ['hall'], summary: 'Branches visible to the caller' } },
    async (req) => {
      const p = requirePrincipal(req);
      const now = ctx.now();
      return [...ctx.hall.state.branches.values()]
        .filter((b) => {
          try {
            requireBranch(p, b.id);
            return true;
          } catch {
            return false;
          }
        })
        .map((b) => branchView(ctx.hall.state, b, ctx.notices.of(b.id), now));
    },
  );

  app.get(
    '/branches/:branchId/services',
    {
      schema: {
        tags: ['hall'],
        summary: 'Services with waiting counts and estimated waits',
        params: BranchParams,
      },
    },
    async (req) => {
      requireBranch(requirePrincipal(req), branchOr404(req.params.branchId).id);
      return ctx.hall.services(req.params.branchId);
    },
  );

  app.get(
    '/branches/:branchId/queue',
    { schema: { tags: ['hall'], summary: 'The versioned snapshot of the branch', params: BranchParams } },
    async (req) => {
      const p = requirePrincipal(req);
      requireBranch(p, branchOr404(req.params.branchId).id);
      if (p.kind === 'device' && p.device.kind === 'pad')
        throw new HttpRefusal('FORBIDDEN', 'a rating pad follows its counter only');
      const snapshot = ctx.hall.snapshot(req.params.branchId);
      return p.kind === 'user' || !snapshot ? snapshot : withoutPersonalData(snapshot);
    },
  );

  app.put(
    '/branches/:branchId/emergency',
    {
      schema: {
        tags: ['hall'],
        summary: 'Raise an emergency notice on every screen (managers)',
        params: BranchParams,
        body: Type.Object(
          { message: Localized, stopIssuing: Type.Boolean() },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requireStaff(req, ['admin', 'manager']);
      const branch = branchOr404(req.params.branchId);
      requireBranch(p, branch.id);
      ctx.notices.setEmergency(branch.id, { ...req.body, since: ctx.now() });
      ctx.audit(p, 'branch.emergency_raised', branch.id, req.body, req.ip);
      ctx.broadcaster.publishBranch(
        branch.id,
        branchView(ctx.hall.state, branch, ctx.notices.of(branch.id), ctx.now()),
      );
      return { ok: true };
    },
  );

  app.delete(
    '/branches/:branchId/emergency',
    { schema: { tags: ['hall'], summary: 'Lift the emergency notice (managers)', params: BranchParams } },
    async (req) => {
      const p = requireStaff(req, ['admin', 'manager']);
      const branch = branchOr404(req.params.branchId);
      requireBranch(p, branch.id);
      ctx.notices.setEmergency(branch.id, null);
      ctx.audit(p, 'branch.emergency_lifted', branch.id, null, req.ip);
      ctx.broadcaster.publishBranch(
        branch.id,
        branchView(ctx.hall.state, branch, ctx.notices.of(branch.id), ctx.now()),
      );
      return { ok: true };
    },
  );

  app.put(
    '/branches/:branchId/notice',
    {
      schema: {
        tags: ['hall'],
        summary: 'Set or clear the scrolling notice (managers)',
        params: BranchParams,
        body: Type.Union([Localized, Type.Null()]),
      },
    },
    async (req) => {
      const p = requireStaff(req, ['admin', 'manager']);
      const branch = branchOr404(req.params.branchId);
      requireBranch(p, branch.id);
      ctx.notices.setNotice(branch.id, req.body);
      ctx.audit(p, 'branch.notice_set', branch.id, req.body, req.ip);
      ctx.broadcaster.publishBranch(
        branch.id,
        branchView(ctx.hall.state, branch, ctx.notices.of(branch.id), ctx.now()),
        false,
      );
      return { ok: true };
    },
  );
}
