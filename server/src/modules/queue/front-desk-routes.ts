import type { FastifyPluginAsync } from 'fastify';
import { ERROR_CODES } from '../../core/index.js';
import type { Role } from '../../protocol/index.js';
import { routeOptions } from '../../protocol/schemas/routes.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireBranch, requireStaff } from '../http/guards.js';
import type { QueueCommands } from './commands.js';
import type { QueueReads } from './reads.js';
import { ticketView } from './views.js';

/** Who may act for the hall rather than at one counter: the front desk and abandoned counters. */
const SUPERVISING: Role[] = ['supervisor', 'manager', 'admin'];
const statusOf = (code: keyof typeof ERROR_CODES) => ERROR_CODES[code];

/** The front desk's routes and a supervisor's hold on abandoned counters. */
export const frontDeskRoutes: FastifyPluginAsync<{ commands: QueueCommands; reads: QueueReads }> = async (
  app,
  { commands, reads },
) => {
  app.route({
    ...routeOptions('ticket:move', statusOf),
    handler: async (req, reply) => {
      const p = requireStaff(req, SUPERVISING);
      const { id } = req.params as { id: string };
      const body = req.body as { serviceId: string; placement: 'first' | 'last' | 'arrival' };
      const t = reads.ticket(id);
      if (!t) throw new HttpRefusal('TICKET_NOT_FOUND', `ticket ${id} does not exist`);
      requireBranch(p, t.branchId);
      const r = await commands.move(metaOf(req), id, body.serviceId, body.placement);
      if (!r.ok) return sendFailure(reply, r);
      return ticketView(reads.ticket(id)!);
    },
  });

  app.route({
    ...routeOptions('tickets:search', statusOf),
    handler: async (req) => {
      const p = requireStaff(req, SUPERVISING);
      const { branchId } = req.params as { branchId: string };
      if (!reads.branch(branchId))
        throw new HttpRefusal('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
      requireBranch(p, branchId);
      return reads.history(branchId, (req.query as { code: string }).code);
    },
  });

  app.route({
    ...routeOptions('counter:release', statusOf),
    handler: async (req, reply) => {
      const p = requireStaff(req, SUPERVISING);
      const { counterId } = req.params as { counterId: string };
      const body = req.body as { action: 'close' | 'take-over'; reason?: string };
      const counter = reads.counter(counterId);
      if (!counter) throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
      requireBranch(p, counter.branchId);
      const r = await commands.release(metaOf(req), counterId, {
        action: body.action,
        reason: body.reason?.trim() || 'closed by supervisor',
        userId: p.user.id,
        session: p.tokenHash,
      });
      return r.ok ? r.data : sendFailure(reply, r);
    },
  });
};
