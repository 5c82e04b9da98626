import type { QueueStore } from '@guichet/db';
import type { FastifyPluginAsync } from 'fastify';
import type { Kernel } from '../../kernel/index.js';
import type { PublicRating } from '../../protocol/index.js';
import { branchRoutes } from './branch-routes.js';
import { QueueCommands } from './commands.js';
import { type CounterRouteDeps, counterRoutes } from './counter-routes.js';
import { frontDeskRoutes } from './front-desk-routes.js';
import { registerQueueProjections } from './projectors.js';
import { QueueReads, type StreamPosition } from './reads.js';
import { type TicketRouteDeps, ticketRoutes } from './ticket-routes.js';

export type { QueueCommands } from './commands.js';
export { loadState } from './live-state.js';
export type { QueueReads, StreamPosition } from './reads.js';

export interface Queue {
  commands: QueueCommands;
  reads: QueueReads;
}

/** The queue: issuing, calling and serving tickets, and every read of the live queue. */
export function createQueue(
  kernel: Kernel,
  store: QueueStore,
  opts: {
    stream: StreamPosition;
    clerkName(id: string): string | null;
    ratingOf(ticketId: string): PublicRating | null;
  },
): Queue {
  registerQueueProjections(kernel.registry, store);
  const { bus } = kernel;
  const commands = new QueueCommands({
    bus,
    clerkName: opts.clerkName,
    ticketIdForKey: (branchId, key) => store.ticketIdByIdempotencyKey(branchId, key),
  });
  const reads = new QueueReads({
    state: bus.state,
    now: () => bus.now(),
    eventsOf: (id) => store.eventsOfTicket(id),
    ...opts,
  });
  return { commands, reads };
}

/** The queue's routes: branches, tickets and counters. */
export const queueRoutes: FastifyPluginAsync<
  Omit<TicketRouteDeps & CounterRouteDeps, 'commands' | 'reads'> & { queue: Queue }
> = async (app, options) => {
  // Fastify passes the prefix with the options: the inner plugins inherit it already.
  const { queue, prefix: _prefix, ...deps } = options as typeof options & { prefix?: string };
  await app.register(branchRoutes, { reads: queue.reads });
  await app.register(ticketRoutes, { ...deps, ...queue });
  await app.register(counterRoutes, { ...deps, ...queue });
  await app.register(frontDeskRoutes, queue);
};
