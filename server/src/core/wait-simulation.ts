import { serviceMinutes, type WaitEstimate } from './estimate.js';
import { lastCloseToday } from './hours.js';
import { levelMap, waitsForService, walkOrder } from './routing.js';
import { allWaiting, type QueueState } from './state.js';
import { localParts } from './time.js';
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
 * `no_counter_open`, minutes null — never 0. A call the simulation places at or after the end
 * of the service's day (`horizonOf`) is not promised either: status `after_closing`, minutes
 * null ("you may not be served before closing time"). The simulation stops there, so its cost
 * is bounded by the calls a day can still hold, not by how many wait. Paused counters are staffed and count, from the
 * end of one service time (a pause has no announced end). The overdue rules are evaluated at
 * `now`, not at each simulated instant, and tickets still to come are not simulated (a
 * projection of the last hour's arrivals was tried on the replayed day and made the estimate
 * worse: hours-long projections of a rate that changes by the hour overshoot).
 */
export type EstimateStatus = 'ok' | 'no_counter_open' | 'after_closing';
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

export const AFTER_CLOSING: SimulatedEstimate = {
  minutes: null,
  low: null,
  high: null,
  status: 'after_closing',
};

/**
 * Where the simulation of a service's queue stops: its last close today (the hall's hours, and
 * its own inside them); once that has passed, or on a day it does not open, the end of the
 * business day, when the tickets still waiting are reset. Counted in whole local minutes from
 * this one (a daylight-saving change later in the day would move it by its hour).
 */
export function horizonOf(state: QueueState, service: Service, now: number): number {
  const branch = state.branches.get(service.branchId);
  if (!branch) return Number.POSITIVE_INFINITY;
  const close = lastCloseToday(branch, service.id, now) ?? 24 * 60;
  return Math.floor(now / MINUTE) * MINUTE + (close - localParts(now, branch.timezone).minuteOfDay) * MINUTE;
}

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
    return (c, places) => laneOrder(state, c, now, target, places);
  });
}

/**
 * Each open counter's call order with the target among the waiting tickets: its first `places`
 * places at least (all of them when it has fewer).
 */
export type LaneOrders = (target: Ticket) => (counter: Counter, places: number) => Ticket[];

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

  const occupancy = occupancyOf(state);
  const until = horizonOf(state, service, now);
  const lanes = lanesOf(counters, orders(target), (c) => freeAt(state, c, now, occupancy), until);
  // The calls come in time order: once one is past the horizon, the target's is too.
  for (const call of simulatedCalls(lanes, occupancy)) {
    if (call.at >= until) return AFTER_CLOSING;
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
  const open = [...state.counters.values()].filter((c) => c.branchId === branchId && c.state !== 'closed');
  const horizons = new Map<string, number>();
  for (const s of state.services.values())
    if (s.branchId === branchId) horizons.set(s.id, horizonOf(state, s, now));
  const last = Math.max(...horizons.values());
  const lanes = lanesOf(
    open,
    (c, places) => laneOrder(state, c, now, undefined, places),
    (c) => freeAt(state, c, now, occupancy),
    last,
  );
  const out = new Map<string, SimulatedEstimate>();
  for (const call of simulatedCalls(lanes, occupancy)) {
    if (call.at >= last) {
      // Past every service's day: what some open counter would still call gets no promise.
      const ids = new Set(open.map((c) => c.id));
      const served = new Set(open.flatMap((c) => c.profile.services.map((e) => e.serviceId)));
      for (const t of allWaiting(state)) {
        if (t.branchId !== branchId || out.has(t.id)) continue;
        const sent = t.targetCounterId !== null && ids.has(t.targetCounterId);
        if (sent || (waitsForService(state, t) && served.has(t.serviceId))) out.set(t.id, AFTER_CLOSING);
      }
      break;
    }
    const horizon = horizons.get(call.ticket.serviceId) ?? last;
    out.set(call.ticket.id, call.at >= horizon ? AFTER_CLOSING : rangeOf((call.at - now) / MINUTE));
  }
  return out;
}

/**
 * A counter's lane: the first places of its call order, read again twice as far should the
 * simulation need more (the walk gives the same places first each time).
 */
interface Lane {
  order: Ticket[];
  /** The whole order is read. */
  complete: boolean;
  read: (places: number) => Ticket[];
  next: number;
  freeAt: number;
}

const FIRST_PLACES = 64;

/**
 * The open counters' lanes, each reading at once as many places as a simulation that ends at
 * `until` can use. Every call keeps a counter at least a walk (WALK_MS), so before `until` the
 * lanes make at most Σ ((until − free) ÷ WALK_MS + 1) calls, and a lane passes no more places
 * than there are calls, and its next. One walk per lane: the first phases of a walk read the
 * whole queue, so reading again and again cost more than it saved (a late hall, one counter,
 * thousands waiting: a few hundred places of each order are read).
 */
function lanesOf(
  counters: readonly Counter[],
  read: (counter: Counter, places: number) => Ticket[],
  freeAtOf: (counter: Counter) => number,
  until: number,
): Lane[] {
  const free = counters.map(freeAtOf);
  let calls = 2;
  for (const f of free) calls += Math.floor(Math.max(0, until - f) / WALK_MS) + 1;
  const places = Math.max(FIRST_PLACES, calls);
  return counters.map((c, i) => {
    const order = read(c, places);
    return { order, complete: order.length < places, read: (p) => read(c, p), next: 0, freeAt: free[i]! };
  });
}

/** Moves the lane past tickets other lanes took, reading further while it can; false: it has none left. */
function nextOpen(l: Lane, taken: ReadonlySet<string>): boolean {
  for (;;) {
    while (l.next < l.order.length && taken.has(l.order[l.next]!.id)) l.next++;
    if (l.next < l.order.length) return true;
    if (l.complete) return false;
    const places = l.order.length * 2;
    l.order = l.read(places);
    l.complete = l.order.length < places;
  }
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
      if (!nextOpen(l, taken)) continue;
      if (!lane || l.freeAt < lane.freeAt) lane = l;
    }
    if (!lane) return;
    const ticket = lane.order[lane.next++]!;
    taken.add(ticket.id);
    yield { ticket, at: lane.freeAt };
    lane.freeAt += occupancy(ticket.serviceId);
  }
}

/** The first `places` of a counter's call order (with `extra` among the waiting): what its lane works through. */
function laneOrder(
  state: QueueState,
  c: Counter,
  now: number,
  extra: Ticket | undefined,
  places: number,
): Ticket[] {
  const order: Ticket[] = [];
  walkOrder(state, c, now, (t) => order.push(t) >= places, extra);
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
