import { orderFor } from '../../core/routing.js';
import { emptyState, rebuildWaitingIndex } from '../../core/state.js';
import type { Counter, Ticket } from '../../core/types.js';
import type { CallOrderEntry } from '../http.js';
import type { BranchSnapshot, CounterView, TicketView } from '../views.js';

/**
 * A counter's call order from the snapshot the console already holds, computed by the server's
 * own routing (core/routing.ts `orderFor`), so the console needs no `GET /counters/:id/order`
 * after every change and has no queue rule of its own. The views are turned back into the
 * engine's shapes: the snapshot carries each ticket's `rank` (moved by transfers and
 * reinstatement) and `seq`, and each counter's overdue `rules`.
 */
export function callOrder(snapshot: BranchSnapshot, counterId: string, now: number): CallOrderEntry[] {
  const state = emptyState();
  for (const c of snapshot.counters) state.counters.set(c.id, toCounter(c));
  const counter = state.counters.get(counterId);
  if (!counter) return [];
  for (const t of snapshot.tickets) {
    if (t.status === 'waiting') state.tickets.set(t.id, toTicket(t, snapshot));
  }
  rebuildWaitingIndex(state);
  return orderFor(state, counter, now).map((p) => ({
    ticketId: p.ticket.id,
    code: p.ticket.code,
    rule: p.rule,
    detail: p.detail,
  }));
}

function toCounter(c: CounterView): Counter {
  return {
    id: c.id,
    branchId: c.branchId,
    number: c.number,
    name: c.name,
    profile: {
      services: c.services,
      rules: c.rules.map((r) => ({ kind: 'overdue' as const, ...r })),
    },
    state: c.state,
    pauseReason: c.pauseReason,
    currentTicketId: c.currentTicketId,
    clerkId: c.clerkId,
    stateSince: c.stateSince,
  };
}

/** The view's fields, and what the engine's ticket has beyond them filled in neutrally. */
function toTicket(t: TicketView, snapshot: BranchSnapshot): Ticket {
  return {
    ...t,
    branchId: snapshot.branch.id,
    businessDay: snapshot.branch.businessDay,
    estimatedWaitAtIssue: null,
    locale: snapshot.branch.defaultLocale,
    trackKey: '',
    personHash: null,
    issuedServiceId: t.originServiceId ?? t.serviceId,
    idempotencyKey: null,
    issuedBy: null,
  };
}
