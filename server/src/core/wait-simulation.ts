import { serviceMinutes, type WaitEstimate } from './estimate.js';
import { levelMap, walkOrder } from './routing.js';
import type { QueueState } from './state.js';
import type { Counter, Service, Ticket } from './types.js';

/**
 * The wait estimate by simulation: the open counters call in the order core routing gives
 * each of them (transfers to the counter, priority class, overdue rules, levels of its work
 * profile), each busy for the service's mean handle time (serviceMinutes) plus a short walk;
 * the estimate is the simulated time at which some counter calls the ticket.
 *
 * This replaces `ahead × time ÷ capacity`, which was wrong in two ways the estimate report
 * showed: with every counter closed it counted the configured counters as open (a closed hall
 * promised "0–1 min"), and it ignored work profiles (a ticket first in its queue waits behind
 * every level-1 ticket of the only counter that serves its service at level 2).
 *
 * When no open counter would ever call the ticket, there is no estimate: status
 * `no_counter_open`, minutes null — never 0. Paused counters are staffed and count, from the
 * end of one service time (a pause has no announced end). The overdue rules are evaluated at
 * `now`, not at each simulated instant, and tickets still to come are not simulated (a
 * projection of the last hour's arrivals was tried on the replayed day and made the estimate
 * worse: hours-long projections of a rate that changes by the hour overshoot).
 */
export type EstimateStatus = 'ok' | 'no_counter_open';
export interface SimulatedEstimate extends WaitEstimate {
  /** null: the ticket no longer waits. */
  status: EstimateStatus | null;
}

/** The walk from the hall to the window after a call, before the handle time starts. */
export const WALK_MS = 30_000;
const MINUTE = 60_000;

export const NO_COUNTER_OPEN: SimulatedEstimate = {
  minutes: null,
  low: null,
  high: null,
  status: 'no_counter_open',
};

/**
 * Estimated wait of `ticket` (a waiting ticket of the state, or one about to be issued and not
 * in the state yet), or — without a ticket — of the next normal ticket to join `service`.
 */
export function simulateWait(
  state: QueueState,
  service: Service,
  now: number,
  ticket?: Ticket,
): SimulatedEstimate {
  return simulateWith(state, service, now, ticket, (target) => {
    return (c) => laneOrder(state, c, now, target);
  });
}

/** Each open counter's call order with the target among the waiting tickets. */
export type LaneOrders = (target: Ticket) => (counter: Counter) => Ticket[];

/** The simulation over the lanes' orders `orders` gives (tests give it a plain implementation). */
export function simulateWith(
  state: QueueState,
  service: Service,
  now: number,
  ticket: Ticket | undefined,
  orders: LaneOrders,
): SimulatedEstimate {
  const target = ticket ?? phantomTicket(service, now);
  const counters = [...state.counters.values()].filter(
    (c) => c.branchId === service.branchId && c.state !== 'closed',
  );
  const servesTarget = (c: Counter) => target.targetCounterId === c.id || levelMap(c).has(target.serviceId);
  if (!counters.some(servesTarget)) return NO_COUNTER_OPEN;

  const orderOf = orders(target);
  const occupancy = occupancyOf(state);
  const lanes = counters.map((c) => ({
    order: orderOf(c),
    next: 0,
    freeAt: freeAt(state, c, now, occupancy),
  }));
  for (const call of simulatedCalls(lanes, occupancy)) {
    if (call.ticket.id === target.id) return rangeOf((call.at - now) / MINUTE);
  }
  return NO_COUNTER_OPEN;
}

/**
 * Every waiting ticket's estimate in one simulation run to its end. For a ticket already
 * waiting, the simulated calls before its own do not depend on which ticket is asked about, so
 * one run answers them all: a pass over the phones following a hall's tickets asks for hundreds.
 * A waiting ticket missing from the map is one no open counter would call (NO_COUNTER_OPEN).
 */
export function waitEstimates(
  state: QueueState,
  branchId: string,
  now: number,
): Map<string, SimulatedEstimate> {
  const occupancy = occupancyOf(state);
  const lanes = [...state.counters.values()]
    .filter((c) => c.branchId === branchId && c.state !== 'closed')
    .map((c) => ({
      order: laneOrder(state, c, now),
      next: 0,
      freeAt: freeAt(state, c, now, occupancy),
    }));
  const out = new Map<string, SimulatedEstimate>();
  for (const call of simulatedCalls(lanes, occupancy))
    out.set(call.ticket.id, rangeOf((call.at - now) / MINUTE));
  return out;
}

interface Lane {
  order: Ticket[];
  next: number;
  freeAt: number;
}

/** The calls in simulated time: the counter free first calls the next ticket of its order not yet called. */
function* simulatedCalls(
  lanes: Lane[],
  occupancy: (serviceId: string) => number,
): Generator<{ ticket: Ticket; at: number }> {
  const taken = new Set<string>();
  for (;;) {
    let lane: Lane | undefined;
    for (const l of lanes) {
      while (l.next < l.order.length && taken.has(l.order[l.next]!.id)) l.next++;
      if (l.next >= l.order.length) continue;
      if (!lane || l.freeAt < lane.freeAt) lane = l;
    }
    if (!lane) return;
    const ticket = lane.order[lane.next++]!;
    taken.add(ticket.id);
    yield { ticket, at: lane.freeAt };
    lane.freeAt += occupancy(ticket.serviceId);
  }
}

/** A counter's call order as tickets (with `extra` among the waiting): what its lane works through. */
function laneOrder(state: QueueState, c: Counter, now: number, extra?: Ticket): Ticket[] {
  const order: Ticket[] = [];
  const visit = (t: Ticket) => {
    order.push(t);
    return false;
  };
  walkOrder(state, c, now, visit, extra);
  return order;
}

/** The range shown to citizens: −20 % … +25 % of the point estimate, at least one minute wide. */
function rangeOf(raw: number): SimulatedEstimate {
  const minutes = Math.round(raw);
  const low = Math.max(0, Math.floor(raw * 0.8));
  const high = Math.max(low + 1, Math.ceil(raw * 1.25));
  return { minutes, low, high, status: 'ok' };
}

/** How long a counter is busy with one ticket of a service: walk + mean handle time. */
function occupancyOf(state: QueueState): (serviceId: string) => number {
  const memo = new Map<string, number>();
  return (serviceId) => {
    let ms = memo.get(serviceId);
    if (ms === undefined) {
      const s = state.services.get(serviceId);
      ms = WALK_MS + (s ? serviceMinutes(state, s) * MINUTE : 0);
      memo.set(serviceId, ms);
    }
    return ms;
  };
}

/** When a counter can call again: now when idle, at the end of its current ticket's mean time. */
function freeAt(
  state: QueueState,
  c: Counter,
  now: number,
  occupancy: (serviceId: string) => number,
): number {
  const current = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
  if (current) {
    const since = current.calledAt ?? c.stateSince;
    return Math.max(now, since + occupancy(current.serviceId));
  }
  if (c.state === 'paused') {
    const first = c.profile.services[0];
    return now + (first ? occupancy(first.serviceId) : 0);
  }
  return now;
}

/** The next normal ticket to join a service: after every ticket already in it. */
function phantomTicket(service: Service, now: number): Ticket {
  return {
    id: '\u0000next',
    branchId: service.branchId,
    serviceId: service.id,
    issuedServiceId: service.id,
    ticketClass: 'normal',
    status: 'waiting',
    rank: Number.MAX_SAFE_INTEGER,
    issuedAt: now,
    queuedAt: now,
    seq: Number.MAX_SAFE_INTEGER,
    targetCounterId: null,
  } as Ticket;
}
