import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireBranch, requireStaff } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { Notices } from './notices.js';

/** Managers raise and lift the emergency notice and set the scrolling notice. */
export const noticeRoutes: FastifyPluginAsync<{ notices: Notices }> = async (fastify, { notices }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const manager = (req: Parameters<typeof requireStaff>[0], branchId: string) => {
    const p = requireStaff(req, ['admin', 'manager']);
    if (!notices.hasBranch(branchId))
      throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
    requireBranch(p, branchId);
    return metaOf(req);
  };

  app.route({
    ...apiRoute('branch:emergency-raise'),
    handler: async (req, reply) => {
      const r = await notices.raiseEmergency(
        manager(req, req.params.branchId),
        req.params.branchId,
        req.body,
      );
      return r.ok ? { ok: true } : sendFailure(reply, r);
    },
  });

  app.route({
    ...apiRoute('branch:emergency-lift'),
    handler: async (req, reply) => {
      const r = await notices.liftEmergency(manager(req, req.params.branchId), req.params.branchId);
      return r.ok ? { ok: true } : sendFailure(reply, r);
    },
  });

  app.route({
    ...apiRoute('branch:notice'),
    handler: async (req, reply) => {
      const r = await notices.setNotice(manager(req, req.params.branchId), req.params.branchId, req.body);
      return r.ok ? { ok: true } : sendFailure(reply, r);
    },
  });
};
