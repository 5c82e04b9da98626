import type { QueueStore, TicketRow } from '@guichet/db';
import {
  applyEvent,
  DOMAIN_EVENT_TYPES,
  type DomainEvent,
  NOTICE_EVENTS,
  type QueueState,
  type Ticket,
} from '../../core/index.js';
import type { Registry } from '../../kernel/registry.js';

const QUEUE_EVENTS = DOMAIN_EVENT_TYPES.filter(
  (t): t is Exclude<DomainEvent['type'], (typeof NOTICE_EVENTS)[number]> =>
    !(NOTICE_EVENTS as readonly string[]).includes(t),
);

/**
 * The queue's projections: every domain event evolves the live state (core's applyEvent), is
 * appended to the event log, and writes the ticket and counter rows it changed. Staff actions
 * are audited with the ticket and counter before and after.
 */
export function registerQueueProjections(registry: Registry, store: QueueStore): void {
  registry.reduce(DOMAIN_EVENT_TYPES, applyEvent);
  registry.project(DOMAIN_EVENT_TYPES, (event) => appendToLog(store, event));
  registry.project(QUEUE_EVENTS, (event, state) => {
    if (event.type === 'day.rolled') {
      store.closeTickets(event.closedTicketIds, event.at);
      store.saveCurrentDay(event.branchId, event.businessDay);
      for (const c of state.counters.values()) if (c.branchId === event.branchId) store.saveCounterState(c);
      return;
    }
    const t = event.ticketId ? state.tickets.get(event.ticketId) : undefined;
    if (t) store.saveTicket(t as TicketRow, event.type === 'ticket.issued');
    const c = event.counterId ? state.counters.get(event.counterId) : undefined;
    if (c) store.saveCounterState(c);
  });
  registry.audit(QUEUE_EVENTS, {
    when: (e) => e.actor.kind === 'user',
    target: (e) => e.counterId ?? e.ticketId ?? e.branchId,
    subject: auditSubject,
    detail: (e) => {
      const { at: _a, actor: _b, branchId: _c, counterId: _d, ticketId: _e, type: _f, ...rest } = e;
      // An issued ticket carries personal data and its tracking secret: the log names it only.
      return 'ticket' in rest ? { reason: e.reason } : rest;
    },
  });
}

/** The counter's live state and the ticket's status: what a queue event changes. */
function auditSubject(event: DomainEvent, state: QueueState) {
  const c = event.counterId ? state.counters.get(event.counterId) : undefined;
  const t = event.ticketId ? state.tickets.get(event.ticketId) : undefined;
  return {
    counter: c ? { state: c.state, clerkId: c.clerkId, currentTicketId: c.currentTicketId } : null,
    ticket: t ? { status: t.status, serviceId: t.serviceId, counterId: t.counterId } : null,
  };
}

/** Appends the event. Personal data and the tracking secret never enter the append-only log. */
function appendToLog(store: QueueStore, event: DomainEvent): void {
  const { at, actor, branchId, counterId, ticketId, reason, type, ...payload } = event;
  if ('ticket' in payload) {
    const { personHash: _h, personMasked: _m, trackKey: _k, ...ticket } = payload.ticket as Ticket;
    (payload as { ticket: unknown }).ticket = ticket;
  }
  store.appendEvent({
    branchId,
    at,
    type,
    actorKind: actor.kind,
    actorId: actor.id,
    counterId,
    ticketId,
    reason,
    payload,
  });
}
