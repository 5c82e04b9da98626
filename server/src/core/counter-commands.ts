import type { CommandContext } from './context.js';
import {
  closableCounter,
  currentAt,
  type Decided,
  decided,
  event,
  findCounter,
  isFailure,
  requireCurrent,
  requireIdle,
} from './counter-guards.js';
import { fail } from './errors.js';
import type { DomainEvent } from './events.js';
import { eligibleFor, pickNext } from './routing.js';
import type { QueueState } from './state.js';
import { findTicket } from './ticket-guards.js';
import { type Counter, OUTCOMES, type Outcome, type Ticket } from './types.js';

export type { Decision } from './counter-guards.js';

export function openCounter(
  state: QueueState,
  counterId: string,
  clerkId: string | null,
  ctx: CommandContext,
): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (counter.state !== 'closed') {
    if (counter.clerkId && clerkId && counter.clerkId !== clerkId) {
      return fail('COUNTER_TAKEN', `counter ${counter.number} is open for another clerk`);
    }
    return fail('COUNTER_ALREADY_OPEN', `counter ${counter.number} is already open`);
  }
  return decided(counter, null, [event(ctx, counter, null, null, { type: 'counter.opened', clerkId })]);
}

export function closeCounter(
  state: QueueState,
  counterId: string,
  reason: string,
  ctx: CommandContext,
): Decided {
  const counter = closableCounter(state, counterId, reason);
  if (isFailure(counter)) return counter;
  if (counter.currentTicketId) {
    return fail(
      'COUNTER_BUSY',
      `counter ${counter.number} still has a current ticket; finish, park or transfer it`,
    );
  }
  return decided(counter, null, [event(ctx, counter, null, reason.trim(), { type: 'counter.closed' })]);
}

export function pauseCounter(
  state: QueueState,
  counterId: string,
  reason: string,
  ctx: CommandContext,
): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (!reason.trim()) return fail('REASON_REQUIRED', 'a pause needs a reason');
  const refusal = requireIdle(counter);
  if (refusal) return refusal;
  return decided(counter, null, [event(ctx, counter, null, reason.trim(), { type: 'counter.paused' })]);
}

export function resumeCounter(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (counter.state !== 'paused') return fail('COUNTER_IDLE', `counter ${counter.number} is not paused`);
  return decided(counter, null, [event(ctx, counter, null, null, { type: 'counter.resumed' })]);
}

/** Call next by the documented order; `ticketId: null` when nothing waits for this counter. */
export function callNext(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const refusal = requireIdle(counter);
  if (refusal) return refusal;
  const pick = pickNext(state, counter, ctx.now);
  if (!pick) return decided(counter, null, []);
  const e = event(ctx, counter, pick.ticket.id, pick.detail, {
    type: 'ticket.called',
    rule: pick.rule,
    detail: pick.detail,
    callCount: 1,
  });
  return decided(counter, pick.ticket.id, [e]);
}

/** Call a given waiting ticket out of order (指定呼叫), or call back a parked one (回呼). */
export function callTicket(
  state: QueueState,
  counterId: string,
  ticketId: string,
  ctx: CommandContext,
): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const refusal = requireIdle(counter);
  if (refusal) return refusal;
  const ticket = findTicket(state, ticketId, counter.branchId);
  if (isFailure(ticket)) return ticket;
  if (ticket.status !== 'waiting' && ticket.status !== 'parked') {
    return fail('TICKET_NOT_WAITING', `ticket ${ticket.code} is ${ticket.status}, not waiting`);
  }
  const callback = ticket.status === 'parked';
  const refused = notForCounter(state, counter, ticket);
  if (refused) return refused;
  const detail = callback ? `parked ticket called back` : `called out of order by counter ${counter.number}`;
  const e = event(ctx, counter, ticket.id, detail, {
    type: 'ticket.called',
    rule: callback ? 'callback' : 'manual',
    detail,
    callCount: 1,
  });
  return decided(counter, ticket.id, [e]);
}

/**
 * A counter calls only what is its own to call: a ticket it parked, one transferred to it, or one
 * waiting in a queue it serves (not sent to another open counter). Otherwise a clerk could take a
 * colleague's parked or transferred citizen, or a service she is not set up for (and see its
 * masked number).
 */
function notForCounter(state: QueueState, counter: Counter, ticket: Ticket) {
  const own =
    ticket.status === 'parked'
      ? ticket.counterId === counter.id
      : ticket.targetCounterId === counter.id || eligibleFor(state, counter).includes(ticket);
  return own
    ? null
    : fail('TICKET_NOT_FOR_COUNTER', `ticket ${ticket.code} is not for counter ${counter.number} to call`);
}

/** Recall the current ticket; past the branch's recall limit it becomes a no-show instead. */
export function recall(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const at = currentAt(state, counterId, ['calling']);
  if (isFailure(at)) return at;
  const { counter, ticket } = at;
  const branch = state.branches.get(counter.branchId);
  const maxRecalls = branch?.noShowAfterRecalls ?? 2;
  if (ticket.callCount - 1 >= maxRecalls) {
    const reason = `no answer after ${maxRecalls} recalls`;
    return decided(counter, ticket.id, [
      event(ctx, counter, ticket.id, reason, { type: 'ticket.no_show', auto: true }),
    ]);
  }
  const e = event(ctx, counter, ticket.id, null, {
    type: 'ticket.recalled',
    callCount: ticket.callCount + 1,
  });
  return decided(counter, ticket.id, [e]);
}

export function startService(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const at = currentAt(state, counterId, ['calling']);
  if (isFailure(at)) return at;
  const { counter, ticket } = at;
  return decided(counter, ticket.id, [event(ctx, counter, ticket.id, null, { type: 'ticket.started' })]);
}

/** The reason of the start a finish implies when the clerk skipped "start". */
export const IMPLICIT_START = 'implicit start';

export function finishService(
  state: QueueState,
  counterId: string,
  outcome: Outcome,
  ctx: CommandContext,
): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (
    !OUTCOMES.includes(outcome) ||
    outcome === 'no_show' ||
    outcome.startsWith('cancelled') ||
    outcome === 'reset'
  ) {
    return fail('INVALID_OUTCOME', `outcome must be served, served_incomplete or referred`);
  }
  const ticket = requireCurrent(state, counter, ['calling', 'serving']);
  if (isFailure(ticket)) return ticket;
  const events: DomainEvent[] = [];
  // A clerk who skips "start" still finishes: the service is taken to have started at the call,
  // so the implicit start is dated at the (last) call and the recorded duration is call → finish.
  if (counter.state === 'calling') {
    const start = event(ctx, counter, ticket.id, IMPLICIT_START, { type: 'ticket.started' });
    events.push({ ...start, at: ticket.calledAt ?? ctx.now });
  }
  events.push(event(ctx, counter, ticket.id, null, { type: 'ticket.finished', outcome }));
  return decided(counter, ticket.id, events);
}

export function markNoShow(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const at = currentAt(state, counterId, ['calling']);
  if (isFailure(at)) return at;
  const { counter, ticket } = at;
  return decided(counter, ticket.id, [
    event(ctx, counter, ticket.id, 'marked by clerk', { type: 'ticket.no_show', auto: false }),
  ]);
}

export function parkTicket(
  state: QueueState,
  counterId: string,
  reason: string | null,
  ctx: CommandContext,
): Decided {
  const at = currentAt(state, counterId, ['calling', 'serving']);
  if (isFailure(at)) return at;
  const { counter, ticket } = at;
  return decided(counter, ticket.id, [event(ctx, counter, ticket.id, reason, { type: 'ticket.parked' })]);
}
