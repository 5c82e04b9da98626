import type { CommandContext } from './context.js';
import { closableCounter, type Decided, decided, event, findCounter, isFailure } from './counter-guards.js';
import { fail, ok, type Result } from './errors.js';
import type { DomainEvent, TransferPlacement } from './events.js';
import type { QueueState } from './state.js';
import { findTicket, ticketEvent } from './ticket-guards.js';
import { placementRank } from './transfer.js';
import type { Counter } from './types.js';

/**
 * What a shift change leaves behind. A counter is either closed (nobody's; its current ticket
 * handed back to the front of its service's queue, never lost), kept by its clerk (open, paused
 * "away", or with its ticket still current, taken back after the next sign-in), or taken over
 * by a supervisor as it is. Nothing here leaves a counter open under a clerk who holds another.
 */

/** The reason a counter is paused with when its clerk steps away without closing it. */
export const AWAY_REASON = 'away';

/** The counter's current ticket back at the front of its service's queue (none when it has none). */
export function handBack(
  state: QueueState,
  counter: Counter,
  reason: string,
  ctx: CommandContext,
): DomainEvent[] {
  const ticket = counter.currentTicketId ? state.tickets.get(counter.currentTicketId) : undefined;
  if (!ticket) return [];
  const rank = placementRank(state, ticket, ticket.serviceId, null, 'first', ctx.now);
  return [
    event(ctx, counter, ticket.id, reason, {
      type: 'ticket.transferred',
      toServiceId: ticket.serviceId,
      targetCounterId: null,
      placement: 'first',
      rank,
    }),
  ];
}

/** Close a counter at a shift change: its current ticket goes back to the queue first. */
export function closeForShift(
  state: QueueState,
  counterId: string,
  reason: string,
  ctx: CommandContext,
): Decided {
  const counter = closableCounter(state, counterId, reason);
  if (isFailure(counter)) return counter;
  const ticketId = counter.currentTicketId;
  const events = handBack(state, counter, `handed back: ${reason.trim()}`, ctx);
  events.push(event(ctx, counter, null, reason.trim(), { type: 'counter.closed' }));
  return decided(counter, ticketId, events);
}

/** Keep the counter for its clerk: an idle counter is paused "away"; a current ticket stays current. */
export function stepAway(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (counter.state !== 'idle') return decided(counter, counter.currentTicketId, []);
  return decided(counter, null, [event(ctx, counter, null, AWAY_REASON, { type: 'counter.paused' })]);
}

/** A supervisor takes over an open counter as it is (its current ticket included). */
export function takeOverCounter(
  state: QueueState,
  counterId: string,
  clerkId: string,
  ctx: CommandContext,
): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (counter.state === 'closed')
    return fail('COUNTER_CLOSED', `counter ${counter.number} is closed; open it instead`);
  if (counter.clerkId === clerkId) return decided(counter, counter.currentTicketId, []);
  return decided(counter, counter.currentTicketId, [
    event(ctx, counter, null, 'taken over', {
      type: 'counter.taken_over',
      clerkId,
      fromClerkId: counter.clerkId,
    }),
  ]);
}

/** Every open counter a staff member holds, except one (the counter they are opening). */
export function countersHeldBy(state: QueueState, clerkId: string, except: string | null = null): Counter[] {
  return [...state.counters.values()].filter(
    (c) => c.clerkId === clerkId && c.state !== 'closed' && c.id !== except,
  );
}

/**
 * Move a waiting ticket to another service from the front desk (no counter involved), placed
 * first, last or by its original arrival.
 */
export function moveWaiting(
  state: QueueState,
  ticketId: string,
  serviceId: string,
  placement: TransferPlacement,
  ctx: CommandContext,
): Result<DomainEvent[]> {
  const ticket = findTicket(state, ticketId);
  if (isFailure(ticket)) return ticket;
  if (ticket.status !== 'waiting')
    return fail('TICKET_NOT_WAITING', `ticket ${ticket.code} is ${ticket.status}, not waiting`);
  const service = state.services.get(serviceId);
  if (!service || service.branchId !== ticket.branchId)
    return fail('INVALID_TARGET', 'the target service does not exist here');
  if (service.id === ticket.serviceId && !ticket.targetCounterId)
    return fail('INVALID_TARGET', `ticket ${ticket.code} already waits for this service`);
  const rank = placementRank(state, ticket, service.id, null, placement, ctx.now);
  return ok([
    ticketEvent(ctx, ticket, 'moved at the front desk', {
      type: 'ticket.transferred',
      toServiceId: service.id,
      targetCounterId: null,
      placement,
      rank,
    }),
  ]);
}

/** How a clerk leaves at sign-out: close the counter (the default) or keep it, away. */
export type SignOutMode = 'close' | 'away';

/** What signing out does to the counter the session is signed in to (nothing when it is not hers). */
export function leaveAtSignOut(
  state: QueueState,
  counterId: string,
  clerkId: string,
  mode: SignOutMode,
  ctx: CommandContext,
): Result<DomainEvent[]> {
  const counter = state.counters.get(counterId);
  if (!counter || counter.clerkId !== clerkId || counter.state === 'closed') return ok([]);
  const r =
    mode === 'away' ? stepAway(state, counterId, ctx) : closeForShift(state, counterId, 'signed out', ctx);
  return r.ok ? ok(r.data.events) : r;
}
