import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { HttpRefusal } from '../http/errors.js';
import { requireBranch, requirePrincipal } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { QueueReads } from './reads.js';
import { withoutPersonalData } from './views.js';

/** What a branch shows: its view, its services with waits, and the versioned snapshot. */
export const branchRoutes: FastifyPluginAsync<{ reads: QueueReads }> = async (fastify, { reads }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const branchOr404 = (branchId: string) => {
    const b = reads.branch(branchId);
    if (!b) throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
    return b;
  };

  app.route({
    ...apiRoute('branches:list'),
    handler: async (req) => {
      const p = requirePrincipal(req);
      const visible = reads.branches().filter((b) => {
        try {
          requireBranch(p, b.id);
          return true;
        } catch {
          return false;
        }
      });
      return visible.map((b) => reads.branchView(b));
    },
  });

  app.route({
    ...apiRoute('branch:services'),
    handler: async (req) => {
      requireBranch(requirePrincipal(req), branchOr404(req.params.branchId).id);
      return reads.services(req.params.branchId);
    },
  });

  app.route({
    ...apiRoute('branch:queue'),
    handler: async (req) => {
      const p = requirePrincipal(req);
      requireBranch(p, branchOr404(req.params.branchId).id);
      if (p.kind === 'device' && p.device.kind === 'pad')
        throw new HttpRefusal('FORBIDDEN', 'a rating pad follows its counter only');
      const snapshot = reads.snapshot(req.params.branchId);
      return p.kind === 'user' || !snapshot ? snapshot : withoutPersonalData(snapshot);
    },
  });
};
