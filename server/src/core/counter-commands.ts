import type { CommandContext } from './context.js';
import { type Failure, fail, ok, type Result } from './errors.js';
import type { DomainEvent, TransferPlacement } from './events.js';
import { pickNext } from './routing.js';
import { allWaiting, type QueueState } from './state.js';
import { type Counter, OUTCOMES, type Outcome, type Ticket } from './types.js';

/** What a counter command decided: the events to commit and the ticket it concerns, if any. */
export interface Decision {
  events: DomainEvent[];
  counterId: string;
  ticketId: string | null;
}
type Decided = Result<Decision>;

function event(
  ctx: CommandContext,
  counter: Counter,
  ticketId: string | null,
  reason: string | null,
  body: DistributiveBody,
): DomainEvent {
  return {
    at: ctx.now,
    actor: ctx.actor,
    branchId: counter.branchId,
    counterId: counter.id,
    ticketId,
    reason,
    ...body,
  } as DomainEvent;
}
type DistributiveBody = DomainEvent extends infer E
  ? E extends DomainEvent
    ? Omit<E, 'at' | 'actor' | 'branchId' | 'counterId' | 'ticketId' | 'reason'>
    : never
  : never;

const decided = (counter: Counter, ticketId: string | null, events: DomainEvent[]): Decided =>
  ok({ events, counterId: counter.id, ticketId });

function findCounter(state: QueueState, counterId: string): Counter | Failure {
  return state.counters.get(counterId) ?? fail('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
}
const isFailure = (x: unknown): x is Failure =>
  typeof x === 'object' && x !== null && (x as Failure).ok === false;

/** The counter must be open and free to take a new ticket. */
function requireIdle(counter: Counter): Failure | null {
  switch (counter.state) {
    case 'idle':
      return null;
    case 'closed':
      return fail('COUNTER_CLOSED', `counter ${counter.number} is closed`);
    case 'paused':
      return fail('COUNTER_PAUSED', `counter ${counter.number} is paused: ${counter.pauseReason}`);
    default:
      return fail('COUNTER_BUSY', `counter ${counter.number} already has a current ticket; finish it first`);
  }
}

/** The counter's current ticket, when its state is one of `allowed`. */
function requireCurrent(state: QueueState, counter: Counter, allowed: Counter['state'][]): Ticket | Failure {
  const ticket = counter.currentTicketId ? state.tickets.get(counter.currentTicketId) : undefined;
  if (!ticket || !allowed.includes(counter.state)) {
    return fail(
      'TICKET_NOT_CURRENT',
      `counter ${counter.number} has no ticket in state ${allowed.join(' or ')}`,
    );
  }
  return ticket;
}

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
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (!reason.trim()) return fail('REASON_REQUIRED', 'closing a counter needs a reason');
  if (counter.state === 'closed')
    return fail('COUNTER_CLOSED', `counter ${counter.number} is already closed`);
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
  const ticket = state.tickets.get(ticketId);
  if (!ticket || ticket.branchId !== counter.branchId)
    return fail('TICKET_NOT_FOUND', `ticket ${ticketId} does not exist`);
  if (ticket.status !== 'waiting' && ticket.status !== 'parked') {
    return fail('TICKET_NOT_WAITING', `ticket ${ticket.code} is ${ticket.status}, not waiting`);
  }
  const callback = ticket.status === 'parked';
  const detail = callback ? `parked ticket called back` : `called out of order by counter ${counter.number}`;
  const e = event(ctx, counter, ticket.id, detail, {
    type: 'ticket.called',
    rule: callback ? 'callback' : 'manual',
    detail,
    callCount: 1,
  });
  return decided(counter, ticket.id, [e]);
}

/** Recall the current ticket; past the branch's recall limit it becomes a no-show instead. */
export function recall(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const ticket = requireCurrent(state, counter, ['calling']);
  if (isFailure(ticket)) return ticket;
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
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const ticket = requireCurrent(state, counter, ['calling']);
  if (isFailure(ticket)) return ticket;
  return decided(counter, ticket.id, [event(ctx, counter, ticket.id, null, { type: 'ticket.started' })]);
}

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
    const start = event(ctx, counter, ticket.id, 'implicit start', { type: 'ticket.started' });
    events.push({ ...start, at: ticket.calledAt ?? ctx.now });
  }
  events.push(event(ctx, counter, ticket.id, null, { type: 'ticket.finished', outcome }));
  return decided(counter, ticket.id, events);
}

export function markNoShow(state: QueueState, counterId: string, ctx: CommandContext): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const ticket = requireCurrent(state, counter, ['calling']);
  if (isFailure(ticket)) return ticket;
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
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const ticket = requireCurrent(state, counter, ['calling', 'serving']);
  if (isFailure(ticket)) return ticket;
  return decided(counter, ticket.id, [event(ctx, counter, ticket.id, reason, { type: 'ticket.parked' })]);
}

export interface TransferInput {
  toServiceId?: string | undefined;
  toCounterId?: string | undefined;
  placement: TransferPlacement;
  reason?: string | null | undefined;
}

export function transferTicket(
  state: QueueState,
  counterId: string,
  input: TransferInput,
  ctx: CommandContext,
): Decided {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const ticket = requireCurrent(state, counter, ['calling', 'serving']);
  if (isFailure(ticket)) return ticket;
  if (!input.toServiceId && !input.toCounterId)
    return fail('INVALID_TARGET', 'a transfer needs a service or a counter');
  const toService = state.services.get(input.toServiceId ?? ticket.serviceId);
  if (!toService || toService.branchId !== counter.branchId)
    return fail('INVALID_TARGET', 'the target service does not exist here');
  let targetCounterId: string | null = null;
  if (input.toCounterId) {
    const target = state.counters.get(input.toCounterId);
    if (!target || target.branchId !== counter.branchId)
      return fail('INVALID_TARGET', 'the target counter does not exist here');
    targetCounterId = target.id;
  }
  const rank = placementRank(state, ticket, toService.id, targetCounterId, input.placement, ctx.now);
  const e = event(ctx, counter, ticket.id, input.reason ?? null, {
    type: 'ticket.transferred',
    toServiceId: toService.id,
    targetCounterId,
    placement: input.placement,
    rank,
  });
  return decided(counter, ticket.id, [e]);
}

/** Rank that puts a ticket first, last or at its original arrival in the queue it joins. */
export function placementRank(
  state: QueueState,
  ticket: Ticket,
  serviceId: string,
  targetCounterId: string | null,
  placement: TransferPlacement,
  now: number,
): number {
  if (placement === 'arrival') return ticket.issuedAt;
  const ranks: number[] = [];
  for (const t of allWaiting(state)) {
    if (t.id === ticket.id) continue;
    const sameQueue = targetCounterId
      ? t.targetCounterId === targetCounterId
      : t.serviceId === serviceId && !t.targetCounterId;
    if (sameQueue) ranks.push(t.rank);
  }
  if (placement === 'first') return ranks.length ? Math.min(...ranks) - 1 : now;
  return Math.max(now, ...ranks.map((r) => r + 1));
}
