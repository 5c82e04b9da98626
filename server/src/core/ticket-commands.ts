import type { CommandContext } from './context.js';
import { isFailure } from './counter-guards.js';
import { fail, ok, type Result } from './errors.js';
import type { DomainEvent } from './events.js';
import { waitsForService } from './routing.js';
import { type QueueState, waitingIn } from './state.js';
import { findTicket, ticketEvent } from './ticket-guards.js';
import { businessDay } from './time.js';
import { heldCounter, type StaffContext } from './types.js';

/**
 * Cancel a waiting or parked ticket, by its holder ("I'm leaving") or by staff, who say why
 * (the reason goes into the event, so the log and the audit row keep it). A parked ticket is
 * its counter's: only the clerk holding that counter, or a manager, cancels it.
 */
export function cancelTicket(
  state: QueueState,
  ticketId: string,
  by: 'holder' | 'staff',
  ctx: CommandContext,
  staff?: StaffContext,
  staffReason?: string,
): Result<DomainEvent[]> {
  const ticket = findTicket(state, ticketId);
  if (isFailure(ticket)) return ticket;
  if (ticket.status !== 'waiting' && ticket.status !== 'parked') {
    return fail(
      'TICKET_NOT_CANCELLABLE',
      `ticket ${ticket.code} is ${ticket.status} and can no longer be cancelled`,
    );
  }
  if (
    staff?.role === 'clerk' &&
    ticket.status === 'parked' &&
    heldCounter(state.counters, staff) !== ticket.counterId
  ) {
    return fail(
      'FORBIDDEN',
      `ticket ${ticket.code} is parked at another counter; only that counter cancels it`,
    );
  }
  const reason = by === 'holder' ? 'holder left' : (staffReason ?? 'cancelled by staff');
  return ok([ticketEvent(ctx, ticket, reason, { type: 'ticket.cancelled', by })]);
}

/** Put a no-show back in its queue, the branch's configured number of places behind the head (过号重排). */
export function reinstateNoShow(
  state: QueueState,
  ticketId: string,
  ctx: CommandContext,
): Result<DomainEvent[]> {
  const ticket = findTicket(state, ticketId);
  if (isFailure(ticket)) return ticket;
  if (ticket.status !== 'no_show')
    return fail('TICKET_NOT_NO_SHOW', `ticket ${ticket.code} is ${ticket.status}, not a no-show`);
  const branch = state.branches.get(ticket.branchId);
  const back = branch?.reinstatePlacesBack ?? 3;
  const queue = [...waitingIn(state, ticket.serviceId)]
    .filter((t) => t.ticketClass === 'normal' && waitsForService(state, t))
    .map((t) => t.rank)
    .sort((a, b) => a - b);
  let rank: number;
  if (queue.length === 0) rank = ctx.now;
  else if (back <= 0) rank = queue[0]! - 1;
  else if (back >= queue.length) rank = Math.max(ctx.now, queue[queue.length - 1]! + 1);
  else rank = (queue[back - 1]! + queue[back]!) / 2;
  return ok([ticketEvent(ctx, ticket, `rejoins ${back} places back`, { type: 'ticket.reinstated', rank })]);
}

/**
 * Start a new business day when the branch's local date has moved on: numbering restarts
 * (sequences are keyed by day) and tickets still active from an earlier day are closed as
 * "reset". Returns no event when the day has not changed.
 */
export function rollover(state: QueueState, branchId: string, ctx: CommandContext): Result<DomainEvent[]> {
  const branch = state.branches.get(branchId);
  if (!branch) return fail('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
  const day = businessDay(ctx.now, branch.timezone);
  if (state.currentDay.get(branchId) === day) return ok([]);
  const closed = [...state.tickets.values()]
    .filter((t) => t.branchId === branchId && t.businessDay < day)
    .filter(
      (t) =>
        t.status === 'waiting' || t.status === 'called' || t.status === 'serving' || t.status === 'parked',
    )
    .map((t) => t.id);
  return ok([
    {
      type: 'day.rolled',
      businessDay: day,
      closedTicketIds: closed,
      at: ctx.now,
      actor: ctx.actor,
      branchId,
      counterId: null,
      ticketId: null,
      reason: 'new business day',
    },
  ]);
}
