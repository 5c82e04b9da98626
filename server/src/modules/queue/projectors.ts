import type { QueueStore, TicketRow } from '@guichet/db';
import {
  applyEvent,
  DOMAIN_EVENT_TYPES,
  type DomainEvent,
  IMPLICIT_START,
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
    // Staff actions. The start a finish (or call-next) implies is no action of its own: the event
    // log has it, and the command's own row says what the clerk did.
    when: (e) => e.actor.kind === 'user' && !(e.type === 'ticket.started' && e.reason === IMPLICIT_START),
    target: (e) => e.counterId ?? e.ticketId ?? e.branchId,
    subject: auditSubject,
    changedOnly: true,
    detail: (e) => {
      const { at: _a, actor: _b, branchId: _c, counterId: _d, ticketId: _e, type: _f, ...rest } = e;
      // An issued ticket carries personal data and its tracking secret: the log names it only.
      if ('ticket' in rest) return { reason: e.reason };
      // A call's rule sentence is its reason: once is enough.
      if ('detail' in rest && rest.detail === e.reason) delete (rest as { detail?: unknown }).detail;
      return rest;
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
  if ('ticket' in payload)
    (payload as { ticket: unknown }).ticket = compactIssued(payload.ticket as Ticket, at);
  // A call's rule sentence is its reason: stored once (reports put it back).
  if ('detail' in payload && payload.detail === reason) delete (payload as { detail?: unknown }).detail;
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
 * An issued ticket as the log keeps it: without personal data and the tracking secret, and
 * without what the row's columns or the issue itself already say (id, branch, the issue time as
 * issued/queued/rank, status waiting, no call yet, empty fields). `expandIssued` (reports) puts
 * them back. A third of the bytes of a ticket's lifecycle were this payload.
 */
function compactIssued(t: Ticket, at: number): Record<string, unknown> {
  const { personHash: _h, personMasked: _m, trackKey: _k, id: _i, branchId: _b, status: _s, ...rest } = t;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value === null || (key === 'callCount' && value === 0)) continue;
    if ((key === 'issuedAt' || key === 'queuedAt' || key === 'rank') && value === at) continue;
    out[key] = value;
  }
  return out;
}
