import type { QueueStore, TicketRow } from '@guichet/db';
import type { DomainEvent, QueueState, Ticket } from '../core/index.js';

/** Appends the event. Personal data and the tracking secret never enter the append-only log. */
export function persistEvent(store: QueueStore, event: DomainEvent): void {
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

/**
 * Applies the event to the live state (through `apply`) and writes the projection rows it
 * changed, in the caller's transaction.
 */
export function persistTouched(
  store: QueueStore,
  state: QueueState,
  event: DomainEvent,
  apply: () => void,
): void {
  if (event.type === 'day.rolled') {
    // Closed tickets leave the live state when the event applies: write them first.
    for (const id of event.closedTicketIds) {
      const t = state.tickets.get(id);
      if (t)
        store.saveTicket({ ...t, status: 'cancelled', outcome: 'reset', finishedAt: event.at } as TicketRow);
    }
    apply();
    store.saveCurrentDay(event.branchId, event.businessDay);
    for (const c of state.counters.values()) if (c.branchId === event.branchId) store.saveCounterState(c);
    return;
  }
  apply();
  if (event.ticketId) {
    const t = state.tickets.get(event.ticketId);
    if (t) store.saveTicket(t as TicketRow, event.type === 'ticket.issued');
  }
  if (event.counterId) {
    const c = state.counters.get(event.counterId);
    if (c) store.saveCounterState(c);
  }
}
