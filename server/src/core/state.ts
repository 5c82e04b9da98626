import type { Branch, BranchNotices, Counter, Service, Ticket } from './types.js';

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
  /** Each branch's scrolling and emergency notices (an emergency may stop issuing). */
  notices: Map<string, BranchNotices>;
  /** Idempotency keys of the live tickets: `${branchId}|${key}` → ticket id. */
  issueKeys: Map<string, string>;
  /**
   * Ticket ids per person hash (tickets issued with a phone or ID number): the per-person daily
   * limit reads one person's few tickets, not the whole day's. Entries may be stale (a ticket
   * gone at the rollover, a number purged): readers check the ticket itself.
   */
  personTickets: Map<string, string[]>;
  /**
   * Index of waiting tickets per service, kept by applyEvent: routing, counts and estimates read
   * the few waiting tickets instead of the whole day's tickets.
   */
  waiting: Map<string, Map<string, Ticket>>;
  /** Reverse of `waiting`: the service a waiting ticket is indexed under. */
  waitingIn: Map<string, string>;
  /**
   * Per service: waiting tickets by class, and the highest rank ever indexed (it only grows, so
   * it may be stale-high; that only sends aheadOf down its slow path).
   */
  waitingStats: Map<string, { priority: number; normal: number; maxRank: number }>;
  /**
   * The waiting tickets sent to one counter (a transfer to a counter), by id, kept by applyEvent
   * with the index above: a walk of a counter's call order finds the tickets sent to it without
   * reading every queue.
   */
  sentWaiting: Map<string, Ticket>;
  /**
   * The tickets staff screens list (active ones and today's no-shows, see `isListedStatus`), kept
   * by applyEvent: a snapshot reads these few instead of the whole day's tickets.
   */
  listed: Map<string, Ticket>;
}

/** Active tickets and today's no-shows (staff may reinstate them): what a branch snapshot lists. */
export function isListedStatus(status: Ticket['status']): boolean {
  return (
    status === 'waiting' ||
    status === 'called' ||
    status === 'serving' ||
    status === 'parked' ||
    status === 'no_show'
  );
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
    notices: new Map(),
    issueKeys: new Map(),
    personTickets: new Map(),
    waiting: new Map(),
    waitingIn: new Map(),
    waitingStats: new Map(),
    sentWaiting: new Map(),
    listed: new Map(),
  };
}

/** Puts one ticket where its status and service say in the waiting index. */
export function reindexTicket(state: QueueState, ticketId: string): void {
  const t = state.tickets.get(ticketId);
  if (t && isListedStatus(t.status)) state.listed.set(ticketId, t);
  else state.listed.delete(ticketId);
  state.sentWaiting.delete(ticketId);
  const previous = state.waitingIn.get(ticketId);
  if (previous !== undefined) {
    const removed = state.waiting.get(previous)?.get(ticketId);
    state.waiting.get(previous)?.delete(ticketId);
    state.waitingIn.delete(ticketId);
    const stats = state.waitingStats.get(previous);
    if (stats && removed) stats[removed.ticketClass === 'normal' ? 'normal' : 'priority']--;
  }
  if (t?.status !== 'waiting') return;
  let queue = state.waiting.get(t.serviceId);
  if (!queue) {
    queue = new Map();
    state.waiting.set(t.serviceId, queue);
  }
  // A ticket joins (or rejoins) at the end: insertion order is queuedAt order.
  queue.set(t.id, t);
  state.waitingIn.set(t.id, t.serviceId);
  let stats = state.waitingStats.get(t.serviceId);
  if (!stats) {
    stats = { priority: 0, normal: 0, maxRank: Number.NEGATIVE_INFINITY };
    state.waitingStats.set(t.serviceId, stats);
  }
  stats[t.ticketClass === 'normal' ? 'normal' : 'priority']++;
  stats.maxRank = Math.max(stats.maxRank, t.rank);
  if (t.targetCounterId !== null) state.sentWaiting.set(t.id, t);
}

/** Rebuilds the waiting and listed indexes from the tickets (after loading, or after tickets were changed by hand). */
export function rebuildWaitingIndex(state: QueueState): void {
  state.waiting.clear();
  state.waitingIn.clear();
  state.waitingStats.clear();
  state.sentWaiting.clear();
  state.listed.clear();
  for (const t of state.tickets.values()) if (isListedStatus(t.status)) state.listed.set(t.id, t);
  const waiting = [...state.tickets.values()].filter((t) => t.status === 'waiting');
  waiting.sort((a, b) => a.queuedAt - b.queuedAt);
  for (const t of waiting) reindexTicket(state, t.id);
}

/** When the longest-waiting ticket of a service joined its queue (the first in insertion order). */
export function oldestQueuedAt(state: QueueState, serviceId: string): number | null {
  const first = state.waiting.get(serviceId)?.values().next();
  return first && !first.done ? first.value.queuedAt : null;
}

/** Waiting tickets of one service (live view of the index: do not mutate). */
export function waitingIn(state: QueueState, serviceId: string): Iterable<Ticket> {
  return state.waiting.get(serviceId)?.values() ?? [];
}

/** Every waiting ticket of every service. */
export function* allWaiting(state: QueueState): Iterable<Ticket> {
  for (const queue of state.waiting.values()) yield* queue.values();
}

export const issueKeyOf = (branchId: string, key: string): string => `${branchId}|${key}`;

/** The indexes issuing reads (idempotency keys, a person's tickets), from the live tickets. */
export function rebuildIssueIndexes(state: QueueState): void {
  state.issueKeys.clear();
  state.personTickets.clear();
  for (const t of state.tickets.values()) indexIssued(state, t);
}

/** Puts a ticket just issued (or loaded) in the indexes issuing reads. */
export function indexIssued(state: QueueState, t: Ticket): void {
  if (t.idempotencyKey) state.issueKeys.set(issueKeyOf(t.branchId, t.idempotencyKey), t.id);
  if (t.personHash) {
    const mine = state.personTickets.get(t.personHash);
    if (mine) mine.push(t.id);
    else state.personTickets.set(t.personHash, [t.id]);
  }
}

export const sequenceKey = (serviceId: string, day: string): string => `${serviceId}|${day}`;
