import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireBranch, requireStaff } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { Monitor } from './monitor.js';

/**
 * Alerts and alert rules (server/API.md, "Live monitor and alerts"): managers and supervisors
 * of the branch read and acknowledge; managers change the rules; admins everywhere.
 */
export const monitorRoutes: FastifyPluginAsync<{ monitor: Monitor }> = async (fastify, { monitor }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staffOf = (req: FastifyRequest, branchId: string, roles: ('admin' | 'manager' | 'supervisor')[]) => {
    const p = requireStaff(req, roles);
    requireBranch(p, branchId);
    if (!monitor.hasBranch(branchId))
      throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
    return p;
  };
  const readers = ['admin', 'manager', 'supervisor'] as ('admin' | 'manager' | 'supervisor')[];

  app.route({
    ...apiRoute('branch:alerts'),
    handler: async (req) => {
      staffOf(req, req.params.branchId, readers);
      return monitor.list(req.params.branchId, req.query.status ?? 'open', req.query.limit ?? 200);
    },
  });

  app.route({
    ...apiRoute('alert:ack'),
    handler: async (req, reply) => {
      const alert = monitor.get(req.params.id);
      // An alert of another branch is not found, as for any id the reader may not see.
      const p = requireStaff(req, readers);
      if (!alert) throw new HttpRefusal('ALERT_NOT_FOUND', `alert ${req.params.id} does not exist`);
      requireBranch(p, alert.branchId);
      const r = await monitor.acknowledge(metaOf(req), req.params.id);
      return r.ok ? r.data : sendFailure(reply, r);
    },
  });

  app.route({
    ...apiRoute('branch:alert-rules'),
    handler: async (req) => {
      staffOf(req, req.params.branchId, readers);
      return monitor.rulesView(req.params.branchId);
    },
  });

  app.route({
    ...apiRoute('branch:alert-rules-set'),
    handler: async (req, reply) => {
      staffOf(req, req.params.branchId, ['admin', 'manager']);
      const r = await monitor.setRules(metaOf(req), req.params.branchId, req.body);
      return r.ok ? monitor.rulesView(req.params.branchId) : sendFailure(reply, r);
    },
  });
};
