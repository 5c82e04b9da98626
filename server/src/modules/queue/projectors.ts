import { DEFAULT_FINISH_OUTCOME, type QueueStore, type TicketRow } from '@guichet/db';
import {
  applyEvent,
  DOMAIN_EVENT_TYPES,
  type DomainEvent,
  IMPLICIT_START,
  NOTICE_EVENTS,
  type Ticket,
} from '../../core/index.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';

const QUEUE_EVENTS = DOMAIN_EVENT_TYPES.filter(
  (t): t is Exclude<DomainEvent['type'], (typeof NOTICE_EVENTS)[number]> =>
    !(NOTICE_EVENTS as readonly string[]).includes(t),
);

/**
 * The queue's projections: every domain event evolves the live state (core's applyEvent), is
 * appended to the event log, and writes the ticket and counter rows it changed. Staff actions
 * are audited in the event log itself: their row keeps the address they came from, and the audit
 * log lists them (db admin-store) beside its own rows. A separate audit row copying the event,
 * the counter and the ticket before and after was two thirds of a ticket's bytes.
 */
export function registerQueueProjections(registry: Registry, store: QueueStore): void {
  registry.reduce(DOMAIN_EVENT_TYPES, applyEvent);
  // The start a finish implies is written into the finish's row (`implicitStartMs`, how long
  // before the finish it was), not a row of its own: core emits it just before the finish of the
  // same command, and the store's reads give it back as the event it was (db/src/unfold.ts). A
  // row and two index entries per ticket.
  let held: { event: DomainEvent; meta: CommandMeta } | null = null;
  registry.project(DOMAIN_EVENT_TYPES, (event, _state, meta) => {
    const start = held;
    held = null;
    const folds =
      start !== null &&
      start.meta === meta &&
      event.type === 'ticket.finished' &&
      event.ticketId === start.event.ticketId;
    // Not followed by its finish in the same command: written as it is. A start held by another
    // command was rolled back with it (its finish never came).
    if (start && start.meta === meta && !folds) appendToLog(store, start.event, meta);
    if (event.type === 'ticket.started' && event.reason === IMPLICIT_START) {
      held = { event, meta };
      return;
    }
    appendToLog(store, event, meta, folds ? start.event.at : undefined);
  });
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
}

/**
 * Staff actions, audited. The start a finish implies is no action of its own: the event log has
 * it, and the finish says what the clerk did. Notices are audited by their own module.
 */
function isStaffAction(e: DomainEvent): boolean {
  if (e.actor.kind !== 'user' || (NOTICE_EVENTS as readonly string[]).includes(e.type)) return false;
  return !(e.type === 'ticket.started' && e.reason === IMPLICIT_START);
}

/** Appends the event. Personal data and the tracking secret never enter the append-only log. */
function appendToLog(
  store: QueueStore,
  event: DomainEvent,
  meta: CommandMeta,
  implicitStartAt?: number,
): void {
  const { at, actor, branchId, counterId, ticketId, reason, type, ...rest } = event;
  // The start as an offset: a few digits where the instant takes thirteen.
  const payload: Record<string, unknown> =
    implicitStartAt === undefined ? rest : { ...rest, implicitStartMs: at - implicitStartAt };
  if ('ticket' in payload) payload.ticket = compactIssued(payload.ticket as Ticket, at, actor.id);
  // A call's rule sentence is its reason: stored once (reports put it back).
  if ('detail' in payload && payload.detail === reason) delete payload.detail;
  // A call is always its ticket's first call (a recall counts on): the count is left out and
  // read back as 1 (reports' toDomainEvent).
  if (type === 'ticket.called' && payload.callCount === 1) delete payload.callCount;
  // …and a finish's usual outcome, read back by every read of the log (db/src/unfold.ts).
  if (type === 'ticket.finished' && payload.outcome === DEFAULT_FINISH_OUTCOME) delete payload.outcome;
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
    // '' when the action came without an address: the row is still a staff action.
    ip: isStaffAction(event) ? (meta.ip ?? '') : null,
  });
}

/**
 * An issued ticket as the log keeps it: without personal data and the tracking secret, and
 * without what the row's columns or the issue itself already say (id, branch, the issue time as
 * issued/queued/rank, status waiting, no call yet, empty fields; its number, day and language,
 * which the row keeps unchanged; the issuing service and device when they are the service and
 * the actor). `expandIssued` (reports) puts the defaults back. A third of the bytes of a
 * ticket's lifecycle were this payload.
 */
function compactIssued(t: Ticket, at: number, actorId: string): Record<string, unknown> {
  const { personHash: _h, personMasked: _m, trackKey: _k, id: _i, branchId: _b, status: _s, ...rest } = t;
  const { businessDay: _d, seq: _n, code: _c, locale: _l, ...kept } = rest;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kept)) {
    if (value === null || (key === 'callCount' && value === 0)) continue;
    if ((key === 'issuedAt' || key === 'queuedAt' || key === 'rank') && value === at) continue;
    if (key === 'issuedServiceId' && value === t.serviceId) continue;
    if (key === 'issuedBy' && value === actorId) continue;
    if (key === 'ticketClass' && value === 'normal') continue;
    out[key] = value;
  }
  return out;
}
