import type { Actor, DomainEvent } from '../core/index.js';

/** What every event carries: its type, when, who caused it, and the branch it belongs to (if any). */
export interface EventBase {
  type: string;
  at: number;
  actor: Actor;
  branchId: string | null;
}

type QueueEvents = { [K in DomainEvent['type']]: Extract<DomainEvent, { type: K }> };

/**
 * Every event type the bus can commit, by name. The queue's events come from core; a feature
 * module adds its own by declaration merging, next to the command that emits them:
 *
 *   declare module '../../kernel/events.js' {
 *     interface EventCatalog { 'rating.recorded': RatingRecorded }
 *   }
 *
 * so a new command, its events and their projectors never touch the bus.
 */
export interface EventCatalog extends QueueEvents {}

export type AnyEventType = keyof EventCatalog;
export type EventNamed<T extends AnyEventType> = EventCatalog[T];
export type AnyEvent = EventCatalog[AnyEventType];

/** Who asked for a command and from where: recorded in the audit log with its events. */
export interface CommandMeta {
  actor: Actor;
  /** The client's address (after trusted proxies), for the audit log. */
  ip?: string | null;
  /** The address the client used (scheme and host), for links printed on its behalf. */
  baseUrl?: string | null;
}
