import type { CommandContext } from './context.js';
import type { DistributiveBody } from './counter-guards.js';
import { type Failure, fail } from './errors.js';
import type { DomainEvent } from './events.js';
import type { QueueState } from './state.js';
import type { Ticket } from './types.js';

/** Shared steps of the commands on one ticket: finding it, and the event when no counter decides. */

/** The ticket, when it exists (and, given a branch, belongs to that branch). */
export function findTicket(state: QueueState, ticketId: string, branchId?: string): Ticket | Failure {
  const ticket = state.tickets.get(ticketId);
  if (!ticket || (branchId !== undefined && ticket.branchId !== branchId))
    return fail('TICKET_NOT_FOUND', `ticket ${ticketId} does not exist`);
  return ticket;
}

/** An event about a ticket that no counter decided (its holder, staff, the front desk). */
export function ticketEvent(
  ctx: CommandContext,
  ticket: Ticket,
  reason: string,
  body: DistributiveBody,
): DomainEvent {
  return {
    at: ctx.now,
    actor: ctx.actor,
    branchId: ticket.branchId,
    counterId: null,
    ticketId: ticket.id,
    reason,
    ...body,
  } as DomainEvent;
}
