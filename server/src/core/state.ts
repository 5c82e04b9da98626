import type { Branch, Counter, Service, Ticket } from './types.js';

/**
 * The live queue state of one installation. The engine reads it to decide and evolves it by
 * applying events; the database is its durable log and rebuilds it at start.
 *
 * `tickets` holds today's tickets of every branch plus any older one still active (a rollover
 * closes those). Finished tickets stay until the rollover so that "today" questions need no I/O.
 */
export interface QueueState {
  branches: Map<string, Branch>;
  services: Map<string, Service>;
  counters: Map<string, Counter>;
  tickets: Map<string, Ticket>;
  /** Last sequence number issued per `${serviceId}|${businessDay}`. */
  sequences: Map<string, number>;
  /** Recent real service durations (ms) per service, newest last, for the wait estimate. */
  serviceDurations: Map<string, number[]>;
  /** The business day each branch is currently numbering in. */
  currentDay: Map<string, string>;
  /**
   * Index of waiting tickets per service, kept by applyEvent: routing, counts and estimates read
   * the few waiting tickets instead of the whole day's tickets.
   */
  waiting: Map<string, Map<string, Ticket>>;
  /** Reverse of `waiting`: the service a waiting ticket is indexed under. */
  waitingIn: Map<string, string>;
}

export function emptyState(): QueueState {
  return {
    branches: new Map(),
    services: new Map(),
    counters: new Map(),
    tickets: new Map(),
    sequences: new Map(),
    serviceDurations: new Map(),
    currentDay: new Map(),
    waiting: new Map(),
    waitingIn: new Map(),
  };
}

/** Puts one ticket where its status and service say in the waiting index. */
export function reindexTicket(state: QueueState, ticketId: string): void {
  const previous = state.waitingIn.get(ticketId);
  if (previous !== undefined) {
    state.waiting.get(previous)?.delete(ticketId);
    state.waitingIn.delete(ticketId);
  }
  const t = state.tickets.get(ticketId);
  if (t?.status !== 'waiting') return;
  let queue = state.waiting.get(t.serviceId);
  if (!queue) {
    queue = new Map();
    state.waiting.set(t.serviceId, queue);
  }
  queue.set(t.id, t);
  state.waitingIn.set(t.id, t.serviceId);
}

/** Rebuilds the waiting index from the tickets (after loading, or after tickets were changed by hand). */
export function rebuildWaitingIndex(state: QueueState): void {
  state.waiting.clear();
  state.waitingIn.clear();
  for (const id of state.tickets.keys()) reindexTicket(state, id);
}

/** Waiting tickets of one service (live view of the index: do not mutate). */
export function waitingIn(state: QueueState, serviceId: string): Iterable<Ticket> {
  return state.waiting.get(serviceId)?.values() ?? [];
}

/** Every waiting ticket of every service. */
export function* allWaiting(state: QueueState): Iterable<Ticket> {
  for (const queue of state.waiting.values()) yield* queue.values();
}

export const sequenceKey = (serviceId: string, day: string): string => `${serviceId}|${day}`;
