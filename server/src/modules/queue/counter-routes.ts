import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Outcome, TransferPlacement } from '../../core/index.js';
import type { CommandMeta } from '../../kernel/events.js';
import { COUNTER_COMMANDS } from '../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireBranch, requireStaff } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import { staffAtCounter } from './access.js';
import type { QueueCommands } from './commands.js';
import type { QueueReads } from './reads.js';

export interface CounterRouteDeps {
  commands: QueueCommands;
  reads: QueueReads;
  /** Signs a session back in to the counter its clerk holds (a reloaded console). */
  bindSession(meta: CommandMeta, tokenHash: string, counterId: string): Promise<unknown>;
  /** The signed-in clerk's figures since a time. */
  clerkDay(clerkId: string, since: number): unknown;
}

type Body = {
  reason?: string;
  ticketId?: string;
  outcome?: Outcome;
  serviceId?: string;
  counterId?: string;
  placement?: TransferPlacement;
};

/** The clerk's console: one route per counter command, the call order and the clerk's day. */
export const counterRoutes: FastifyPluginAsync<CounterRouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { commands, reads } = deps;

  for (const command of COUNTER_COMMANDS) {
    app.route({
      ...apiRoute(`counter:${command}`),
      handler: async (req, reply) => {
        const { counterId } = req.params;
        const { principal: p, counter } = staffAtCounter(req, reads, counterId, command === 'open');
        const body = (req.body ?? {}) as Body;
        const meta = metaOf(req);
        // Reopening one's own counter (a reloaded console) signs the session back in to it.
        if (command === 'open' && counter.state !== 'closed' && counter.clerkId === p.user.id) {
          await deps.bindSession(meta, p.tokenHash, counterId);
          return reads.counterState(counter);
        }
        const r = await commands.counterCommand(meta, counterId, command, {
          ...body,
          clerkId: p.user.id,
          actingClerk: p.user.role === 'clerk' ? p.user.id : null,
          session: p.tokenHash,
        });
        return r.ok ? r.data : sendFailure(reply, r);
      },
    });
  }

  app.route({
    ...apiRoute('counter:order'),
    handler: async (req) => {
      const p = requireStaff(req);
      const counter = counterOr404(reads, req.params.counterId);
      requireBranch(p, counter.branchId);
      return reads.order(counter.id);
    },
  });

  app.route({
    ...apiRoute('counter:today'),
    handler: async (req) => {
      const p = requireStaff(req);
      const counter = counterOr404(reads, req.params.counterId);
      requireBranch(p, counter.branchId);
      return deps.clerkDay(p.user.id, reads.startOfDay(counter.branchId));
    },
  });
};

function counterOr404(reads: QueueReads, counterId: string) {
  const counter = reads.counter(counterId);
  if (!counter) throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
  return counter;
}
