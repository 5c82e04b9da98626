import type { DomainEvent } from './events.js';
import type { Outcome } from './types.js';

/**
 * A ticket's legs, measured from its event log the way hall KPIs define them: a transfer ends
 * one leg and starts the next, so each service a citizen went through is measured on its own
 * (the ticket row keeps only its last leg's times).
 *
 * - Wait   = the call that led to service − the leg's start (issue, or the transfer);
 * - Walk   = start of service − that call;
 * - Handle = end of service (finish, or the transfer that ended it) − start − time parked;
 * - Stay   = the ticket's finish − its issue (a ticket figure, on its last leg only).
 *
 * Pure: events in, numbers out. A segment that cannot be measured is `null`; reports count
 * those, and implausible ones, as excluded (see `plausible`).
 */
export type LegEnd = Outcome | 'transferred' | 'open';

export interface Leg {
  ticketId: string;
  index: number;
  /** How the leg began: the issue, a transfer from another service, or a reinstated no-show. */
  origin: 'issue' | 'transfer' | 'reinstate';
  serviceId: string;
  counterId: string | null;
  /** The staff member who made the call that led to service (or the last call when none). */
  clerkId: string | null;
  startedAt: number; // when the leg began waiting: issue or transfer
  calledAt: number | null;
  serviceStartAt: number | null;
  endedAt: number | null;
  end: LegEnd;
  callRule: string | null;
  waitSeconds: number | null;
  walkSeconds: number | null;
  handleSeconds: number | null;
  /** Only on the last leg of a finished ticket. */
  staySeconds: number | null;
  parkedSeconds: number;
}

interface Draft {
  origin: Leg['origin'];
  serviceId: string;
  startedAt: number;
  counterId: string | null;
  clerkId: string | null;
  calledAt: number | null;
  callRule: string | null;
  serviceStartAt: number | null;
  parkedAt: number | null;
  parkedMs: number;
}

const seconds = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : Math.round((to - from) / 1000);

/** Legs of one ticket from its events in log order (the first must be `ticket.issued`). */
export function ticketLegs(events: readonly DomainEvent[]): Leg[] {
  const first = events[0];
  if (first?.type !== 'ticket.issued') return [];
  const ticketId = first.ticket.id;
  const issuedAt = first.at;
  const legs: Leg[] = [];
  let draft: Draft = fresh('issue', first.ticket.serviceId, issuedAt);
  let ended = false;

  const close = (endedAt: number | null, end: LegEnd, stay: boolean) => {
    const serviceEnd = draft.serviceStartAt === null ? null : endedAt;
    const handle = seconds(draft.serviceStartAt, serviceEnd);
    legs.push({
      ticketId,
      index: legs.length,
      origin: draft.origin,
      serviceId: draft.serviceId,
      counterId: draft.counterId,
      clerkId: draft.clerkId,
      startedAt: draft.startedAt,
      calledAt: draft.calledAt,
      serviceStartAt: draft.serviceStartAt,
      endedAt,
      end,
      callRule: draft.callRule,
      waitSeconds: seconds(draft.startedAt, draft.calledAt),
      walkSeconds: seconds(draft.calledAt, draft.serviceStartAt),
      handleSeconds: handle === null ? null : handle - Math.round(draft.parkedMs / 1000),
      staySeconds: stay ? seconds(issuedAt, endedAt) : null,
      parkedSeconds: Math.round(draft.parkedMs / 1000),
    });
  };

  for (const e of events.slice(1)) {
    switch (e.type) {
      case 'ticket.called':
        if (e.rule === 'callback' && draft.parkedAt !== null) {
          draft.parkedMs += e.at - draft.parkedAt;
          draft.parkedAt = null;
          break;
        }
        if (draft.calledAt !== null) break; // the first call of a leg ends its wait
        draft.calledAt = e.at;
        draft.callRule = e.rule;
        draft.counterId = e.counterId;
        draft.clerkId = e.actor.kind === 'user' ? e.actor.id : null;
        break;
      case 'ticket.started':
        draft.serviceStartAt ??= e.at;
        break;
      case 'ticket.parked':
        draft.parkedAt = e.at;
        break;
      case 'ticket.reinstated':
        // A no-show back in the queue waits again, measured from its reinstatement.
        draft = fresh('reinstate', draft.serviceId, e.at);
        ended = false;
        break;
      case 'ticket.transferred':
        close(e.at, 'transferred', false);
        draft = fresh('transfer', e.toServiceId, e.at);
        break;
      case 'ticket.finished':
        // A finish without a start event (a clerk who pressed finish at once) starts at the call.
        draft.serviceStartAt ??= draft.calledAt;
        close(e.at, e.outcome, true);
        return legs;
      case 'ticket.no_show':
        close(e.at, 'no_show', false);
        ended = true;
        break;
      case 'ticket.cancelled':
        if (ended) return legs;
        close(
          e.at,
          e.by === 'holder' ? 'cancelled_by_holder' : e.by === 'staff' ? 'cancelled_by_staff' : 'reset',
          false,
        );
        return legs;
      case 'day.rolled':
        // The rollover closes what is left of the day in one event that lists the tickets.
        if (!ended && e.closedTicketIds.includes(ticketId)) close(e.at, 'reset', false);
        return legs;
      default:
        break;
    }
  }
  // Still open (the day is not over); a no-show stays a no-show unless it was reinstated.
  if (!ended) close(null, 'open', false);
  return legs;
}

function fresh(origin: Leg['origin'], serviceId: string, startedAt: number): Draft {
  return {
    origin,
    serviceId,
    startedAt,
    counterId: null,
    clerkId: null,
    calledAt: null,
    callRule: null,
    serviceStartAt: null,
    parkedAt: null,
    parkedMs: 0,
  };
}

/** Segments longer than this are treated as mistakes (a clerk who never pressed finish). */
export const IMPLAUSIBLE_SECONDS = 4 * 3600;

export function plausible(value: number | null): value is number {
  return value !== null && value >= 0 && value <= IMPLAUSIBLE_SECONDS;
}
