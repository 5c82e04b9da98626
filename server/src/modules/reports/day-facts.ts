import type { DayTicketRow, EventRow, TicketRatingRow } from '@guichet/db';
import type { DomainEvent } from '../../core/events.js';
import { type Leg, ticketLegs } from '../../core/legs.js';
import type { TicketFacts } from '../../core/report-summary.js';
import { UNCALLED } from '../../core/types.js';

/**
 * From stored rows to what the pure report functions take: event rows back into domain
 * events, grouped per ticket, then legs (core/legs.ts) and ticket facts.
 */
export function toDomainEvent(r: EventRow): DomainEvent {
  const payload = JSON.parse(r.payload) as { ticket?: object; detail?: unknown };
  // The log keeps an issued ticket compact (queue/projectors.ts): what it left out is put back.
  if (r.type === 'ticket.issued' && payload.ticket) payload.ticket = expandIssued(payload.ticket, r);
  // …and a call's rule sentence, stored once as its reason, and its count, always 1.
  if (r.type === 'ticket.called') Object.assign(payload, { detail: r.reason, callCount: 1, ...payload });
  return {
    ...payload,
    type: r.type,
    at: r.at,
    actor: { kind: r.actorKind, id: r.actorId },
    branchId: '',
    counterId: r.counterId,
    ticketId: r.ticketId,
    reason: r.reason,
  } as DomainEvent;
}

const ISSUED_DEFAULTS = {
  status: 'waiting',
  ...UNCALLED,
  estimatedWaitAtIssue: null,
  originServiceId: null,
  idempotencyKey: null,
  issuedBy: null,
};

/**
 * An issued ticket's payload, whole again but for what only its row says (number, day, language):
 * the defaults, the row's id, the issue time, the issuing service and device.
 */
export function expandIssued(
  stored: object,
  r: Pick<EventRow, 'ticketId' | 'at' | 'actorId' | 'actorKind'>,
): object {
  const s = stored as { serviceId?: string };
  return {
    ...ISSUED_DEFAULTS,
    ticketClass: 'normal',
    issuedServiceId: s.serviceId,
    issuedBy: r.actorKind === 'device' ? r.actorId : null,
    id: r.ticketId,
    issuedAt: r.at,
    queuedAt: r.at,
    rank: r.at,
    ...stored,
  };
}

/** Groups rows ordered by (ticket, id) into each ticket's events. */
export function eventsByTicket(rows: readonly EventRow[]): Map<string, DomainEvent[]> {
  const out = new Map<string, DomainEvent[]>();
  let current: DomainEvent[] = [];
  let currentId: string | null = null;
  for (const r of rows) {
    if (r.ticketId === null) continue;
    if (r.ticketId !== currentId) {
      currentId = r.ticketId;
      current = [];
      out.set(currentId, current);
    }
    current.push(toDomainEvent(r));
  }
  return out;
}

const TERMINAL = new Set(['ticket.finished', 'ticket.cancelled']);

/**
 * A ticket's events, with the day's rollover added when it closed the ticket: `day.rolled` is
 * one branch event listing the tickets it reset (no ticket id), and the projection row records
 * it as outcome `reset` at the rollover time, which is where it is read from.
 */
export function withRollover(t: DayTicketRow, events: DomainEvent[]): DomainEvent[] {
  if (t.outcome !== 'reset' || t.finishedAt === null) return events;
  if (events.some((e) => TERMINAL.has(e.type))) return events;
  const rolled = {
    type: 'day.rolled',
    at: t.finishedAt,
    actor: { kind: 'system', id: 'rollover' },
    branchId: '',
    counterId: null,
    ticketId: null,
    reason: null,
    businessDay: '',
    closedTicketIds: [t.id],
  } as DomainEvent;
  return [...events, rolled];
}

export interface TicketDetail {
  row: DayTicketRow;
  legs: Leg[];
  facts: TicketFacts;
}

export function ticketDetails(
  tickets: readonly DayTicketRow[],
  eventRows: readonly EventRow[],
  ratings: readonly TicketRatingRow[],
): TicketDetail[] {
  const events = eventsByTicket(eventRows);
  const rating = new Map(ratings.map((r) => [r.ticketId, r.score]));
  return tickets.map((row) => {
    const legs = ticketLegs(withRollover(row, events.get(row.id) ?? []));
    const facts: TicketFacts = { ticketId: row.id, issuedAt: row.issuedAt, legs };
    if (rating.has(row.id)) facts.rating = rating.get(row.id) ?? null;
    return { row, legs, facts };
  });
}
