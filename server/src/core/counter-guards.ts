import type { CommandContext } from './context.js';
import { type Failure, fail, ok, type Result } from './errors.js';
import type { DomainEvent } from './events.js';
import type { QueueState } from './state.js';
import type { Counter, Ticket } from './types.js';

/** Shared steps of the counter commands: building events, finding the counter, checking its state. */
/** What a counter command decided: the events to commit and the ticket it concerns, if any. */
export interface Decision {
  events: DomainEvent[];
  counterId: string;
  ticketId: string | null;
}
export type Decided = Result<Decision>;

export function event(
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
export type DistributiveBody = DomainEvent extends infer E
  ? E extends DomainEvent
    ? Omit<E, 'at' | 'actor' | 'branchId' | 'counterId' | 'ticketId' | 'reason'>
    : never
  : never;

export const decided = (counter: Counter, ticketId: string | null, events: DomainEvent[]): Decided =>
  ok({ events, counterId: counter.id, ticketId });

export function findCounter(state: QueueState, counterId: string): Counter | Failure {
  return state.counters.get(counterId) ?? fail('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
}
export const isFailure = (x: unknown): x is Failure =>
  typeof x === 'object' && x !== null && (x as Failure).ok === false;

/** An open counter that may be closed for `reason` (a reason is required). */
export function closableCounter(state: QueueState, counterId: string, reason: string): Counter | Failure {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  if (!reason.trim()) return fail('REASON_REQUIRED', 'closing a counter needs a reason');
  if (counter.state === 'closed')
    return fail('COUNTER_CLOSED', `counter ${counter.number} is already closed`);
  return counter;
}

/** The counter must be open and free to take a new ticket. */
export function requireIdle(counter: Counter): Failure | null {
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
export function requireCurrent(
  state: QueueState,
  counter: Counter,
  allowed: Counter['state'][],
): Ticket | Failure {
  const ticket = counter.currentTicketId ? state.tickets.get(counter.currentTicketId) : undefined;
  if (!ticket || !allowed.includes(counter.state)) {
    return fail(
      'TICKET_NOT_CURRENT',
      `counter ${counter.number} has no ticket in state ${allowed.join(' or ')}`,
    );
  }
  return ticket;
}

/** The counter and its current ticket, when the counter is in one of `allowed` states. */
export function currentAt(
  state: QueueState,
  counterId: string,
  allowed: Counter['state'][],
): { counter: Counter; ticket: Ticket } | Failure {
  const counter = findCounter(state, counterId);
  if (isFailure(counter)) return counter;
  const ticket = requireCurrent(state, counter, allowed);
  if (isFailure(ticket)) return ticket;
  return { counter, ticket };
}
