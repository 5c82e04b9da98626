import type { Actor, CallRule, Outcome, Ticket } from './types.js';

/**
 * Every transition is an event with time, actor, branch, counter and reason. Events are
 * appended to the event table and applied to the live state; nothing else changes either.
 */
interface Base {
  at: number;
  actor: Actor;
  branchId: string;
  counterId: string | null;
  ticketId: string | null;
  reason: string | null;
}

export type TransferPlacement = 'first' | 'last' | 'arrival';

export type DomainEvent = Base &
  (
    | { type: 'ticket.issued'; ticket: Ticket }
    | { type: 'ticket.called'; rule: CallRule; detail: string; callCount: number }
    | { type: 'ticket.recalled'; callCount: number }
    | { type: 'ticket.started' }
    | { type: 'ticket.finished'; outcome: Outcome }
    | { type: 'ticket.no_show'; auto: boolean }
    | { type: 'ticket.reinstated'; rank: number }
    | {
        type: 'ticket.transferred';
        toServiceId: string;
        targetCounterId: string | null;
        placement: TransferPlacement;
        rank: number;
      }
    | { type: 'ticket.parked' }
    | { type: 'ticket.cancelled'; by: 'holder' | 'staff' | 'system' }
    | { type: 'counter.opened'; clerkId: string | null }
    | { type: 'counter.closed' }
    | { type: 'counter.paused' }
    | { type: 'counter.resumed' }
    | { type: 'day.rolled'; businessDay: string; closedTicketIds: string[] }
  );

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
