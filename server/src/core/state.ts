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
  };
}

export const sequenceKey = (serviceId: string, day: string): string => `${serviceId}|${day}`;

export function servicesOf(state: QueueState, branchId: string): Service[] {
  return [...state.services.values()]
    .filter((s) => s.branchId === branchId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.prefix.localeCompare(b.prefix));
}

export function countersOf(state: QueueState, branchId: string): Counter[] {
  return [...state.counters.values()]
    .filter((c) => c.branchId === branchId)
    .sort((a, b) => a.number - b.number);
}

export function ticketsOf(state: QueueState, branchId: string): Ticket[] {
  return [...state.tickets.values()].filter((t) => t.branchId === branchId);
}
