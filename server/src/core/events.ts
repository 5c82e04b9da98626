import type { Actor, CallRule, EmergencyNotice, LocalizedText, Outcome, Ticket } from './types.js';
import type { EstimateStatus } from './wait-simulation.js';

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
    | {
        type: 'ticket.issued';
        ticket: Ticket;
        /**
         * Why the estimate given at issue had no minutes (past closing time, no counter open);
         * absent when it had. The printed ticket says what the kiosk's screen said.
         */
        estimateStatus?: Exclude<EstimateStatus, 'ok'>;
      }
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
    | { type: 'counter.taken_over'; clerkId: string; fromClerkId: string | null }
    | { type: 'day.rolled'; businessDay: string; closedTicketIds: string[] }
    | { type: 'branch.notice_set'; notice: LocalizedText | null }
    | { type: 'branch.emergency_raised'; emergency: EmergencyNotice }
    | { type: 'branch.emergency_lifted' }
  );

/** Every queue event type, for registries that handle them all. */
export const DOMAIN_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.reinstated',
  'ticket.transferred',
  'ticket.parked',
  'ticket.cancelled',
  'counter.opened',
  'counter.closed',
  'counter.paused',
  'counter.resumed',
  'counter.taken_over',
  'day.rolled',
  'branch.notice_set',
  'branch.emergency_raised',
  'branch.emergency_lifted',
] as const satisfies readonly DomainEvent['type'][];

const DOMAIN_TYPES: ReadonlySet<string> = new Set(DOMAIN_EVENT_TYPES);
/** True for the queue's own events (other modules commit theirs through the same bus). */
export const isDomainEvent = (e: { type: string }): e is DomainEvent => DOMAIN_TYPES.has(e.type);

/** Events that change a branch's notices rather than its queue. */
export const NOTICE_EVENTS = [
  'branch.notice_set',
  'branch.emergency_raised',
  'branch.emergency_lifted',
] as const;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
