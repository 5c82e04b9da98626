import type { DomainEvent } from './events.js';
import {
  indexIssued,
  type QueueState,
  rebuildIssueIndexes,
  rebuildWaitingIndex,
  reindexTicket,
  sequenceKey,
} from './state.js';
import type { BranchNotices, Counter, Ticket } from './types.js';

/**
 * Evolves the state by one event. It mutates `state` in place: the live state of a hall is a
 * few thousand objects and copying it per event would cost more than the rest of a command.
 * Callers that need the old state (property tests) clone it first.
 */
export function applyEvent(state: QueueState, event: DomainEvent): void {
  evolve(state, event);
  if (event.type === 'day.rolled') {
    rebuildWaitingIndex(state);
    rebuildIssueIndexes(state);
  } else if (event.ticketId) reindexTicket(state, event.ticketId);
}

function evolve(state: QueueState, event: DomainEvent): void {
  const ticket = event.ticketId ? state.tickets.get(event.ticketId) : undefined;
  const counter = event.counterId ? state.counters.get(event.counterId) : undefined;
  switch (event.type) {
    case 'ticket.issued': {
      const t = { ...event.ticket };
      state.tickets.set(t.id, t);
      const key = sequenceKey(t.serviceId, t.businessDay);
      state.sequences.set(key, Math.max(state.sequences.get(key) ?? 0, t.seq));
      indexIssued(state, t);
      return;
    }
    case 'ticket.called':
      if (!ticket || !counter) return;
      Object.assign(ticket, {
        status: 'called',
        counterId: counter.id,
        targetCounterId: null,
        calledAt: event.at,
        callCount: event.callCount,
        callRule: event.rule,
        callRuleDetail: event.detail,
      } satisfies Partial<Ticket>);
      setCounter(counter, 'calling', event.at, ticket.id);
      return;
    case 'ticket.recalled':
      if (!ticket) return;
      ticket.callCount = event.callCount;
      ticket.calledAt = event.at;
      return;
    case 'ticket.started':
      if (!ticket || !counter) return;
      ticket.status = 'serving';
      ticket.startedAt = event.at;
      setCounter(counter, 'serving', event.at, ticket.id);
      return;
    case 'ticket.finished':
      if (!ticket) return;
      recordDuration(state, ticket, event.at);
      Object.assign(ticket, { status: 'done', finishedAt: event.at, outcome: event.outcome });
      if (counter) setCounter(counter, 'idle', event.at, null);
      return;
    case 'ticket.no_show':
      if (!ticket) return;
      Object.assign(ticket, { status: 'no_show', finishedAt: event.at, outcome: 'no_show' });
      if (counter) setCounter(counter, 'idle', event.at, null);
      return;
    case 'ticket.reinstated':
      if (!ticket) return;
      Object.assign(ticket, requeue(event.rank, event.at), { outcome: null, finishedAt: null });
      return;
    case 'ticket.transferred':
      if (!ticket) return;
      if (ticket.status === 'serving') recordDuration(state, ticket, event.at);
      Object.assign(ticket, requeue(event.rank, event.at), {
        originServiceId: ticket.originServiceId ?? ticket.serviceId,
        serviceId: event.toServiceId,
        targetCounterId: event.targetCounterId,
      });
      if (counter && counter.currentTicketId === ticket.id) setCounter(counter, 'idle', event.at, null);
      return;
    case 'ticket.parked':
      if (!ticket) return;
      ticket.status = 'parked';
      if (counter) setCounter(counter, 'idle', event.at, null);
      return;
    case 'ticket.cancelled':
      if (!ticket) return;
      Object.assign(ticket, {
        status: 'cancelled',
        finishedAt: event.at,
        outcome:
          event.by === 'holder'
            ? 'cancelled_by_holder'
            : event.by === 'staff'
              ? 'cancelled_by_staff'
              : 'reset',
      } satisfies Partial<Ticket>);
      return;
    case 'counter.opened':
      if (!counter) return;
      counter.clerkId = event.clerkId;
      setCounter(counter, 'idle', event.at, null);
      return;
    case 'counter.closed':
      if (!counter) return;
      counter.clerkId = null;
      setCounter(counter, 'closed', event.at, null);
      counter.pauseReason = event.reason;
      return;
    case 'counter.paused':
      if (!counter) return;
      setCounter(counter, 'paused', event.at, null);
      counter.pauseReason = event.reason;
      return;
    case 'counter.resumed':
      if (!counter) return;
      setCounter(counter, 'idle', event.at, null);
      return;
    case 'counter.taken_over':
      // The counter changes hands as it is: its state and current ticket stay.
      if (counter) counter.clerkId = event.clerkId;
      return;
    case 'branch.notice_set':
      state.notices.set(event.branchId, { ...noticesOf(state, event.branchId), notice: event.notice });
      return;
    case 'branch.emergency_raised':
    case 'branch.emergency_lifted':
      state.notices.set(event.branchId, {
        ...noticesOf(state, event.branchId),
        emergency: event.type === 'branch.emergency_raised' ? event.emergency : null,
      });
      return;
    case 'day.rolled': {
      state.currentDay.set(event.branchId, event.businessDay);
      for (const key of [...state.sequences.keys()]) {
        const [serviceId, day] = key.split('|');
        if (day !== event.businessDay && state.services.get(serviceId ?? '')?.branchId === event.branchId) {
          state.sequences.delete(key);
        }
      }
      for (const id of event.closedTicketIds) {
        const t = state.tickets.get(id);
        if (t) Object.assign(t, { status: 'cancelled', outcome: 'reset', finishedAt: event.at });
      }
      // Yesterday's tickets leave the live state; the database keeps the history.
      for (const [id, t] of state.tickets) {
        if (t.branchId === event.branchId && t.businessDay !== event.businessDay) state.tickets.delete(id);
      }
      for (const c of state.counters.values()) {
        if (c.branchId === event.branchId && c.currentTicketId && !state.tickets.has(c.currentTicketId)) {
          setCounter(c, 'idle', event.at, null);
        }
      }
      return;
    }
  }
}

/** A branch's notices; none when it never had any. */
export function noticesOf(state: QueueState, branchId: string): BranchNotices {
  return state.notices.get(branchId) ?? { notice: null, emergency: null };
}

function setCounter(counter: Counter, state: Counter['state'], at: number, ticketId: string | null): void {
  counter.state = state;
  counter.stateSince = at;
  counter.currentTicketId = ticketId;
  if (state !== 'paused' && state !== 'closed') counter.pauseReason = null;
}

function requeue(rank: number, at: number): Partial<Ticket> {
  return {
    status: 'waiting',
    rank,
    queuedAt: at,
    counterId: null,
    calledAt: null,
    startedAt: null,
    callCount: 0,
    callRule: null,
    callRuleDetail: null,
  };
}

function recordDuration(state: QueueState, ticket: Ticket, at: number): void {
  const maxSamples = state.branches.get(ticket.branchId)?.ewtSampleSize ?? 50;
  const from = ticket.startedAt ?? ticket.calledAt;
  if (from === null) return;
  const list = state.serviceDurations.get(ticket.serviceId) ?? [];
  list.push(Math.max(0, at - from));
  while (list.length > maxSamples) list.shift();
  state.serviceDurations.set(ticket.serviceId, list);
}
