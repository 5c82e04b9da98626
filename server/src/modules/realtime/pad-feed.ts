import type { QueueState } from '../../core/index.js';
import type { PadClerk, PadIdentity, RatingRequest } from '../../protocol/index.js';
import type { GuichetIo } from './socket-server.js';

export const padRoom = (counterId: string) => `pad:${counterId}`;

export interface PadFeedDeps {
  state: QueueState;
  /** Name, 工号 and photo of a staff member. */
  staffCard(userId: string): PadClerk | null;
  /** Who finished a ticket: the rating is about her even if another clerk holds the window now. */
  finishedBy(ticketId: string): string | null;
}

/**
 * What a rating pad shows about whom the citizen rates. A pad learns its window and clerk when
 * it subscribes, again whenever the window's clerk changes, and with each rating request (the
 * clerk who finished that ticket), so the idle and the asking screens both name the person.
 */
export function createPadFeed(io: GuichetIo, deps: PadFeedDeps) {
  const identity = (counterId: string, clerkId?: string | null): PadIdentity | null => {
    const c = deps.state.counters.get(counterId);
    if (!c) return null;
    const who = clerkId === undefined ? c.clerkId : clerkId;
    return {
      counterId,
      counter: { number: c.number, name: c.name },
      clerk: who ? deps.staffCard(who) : null,
    };
  };
  /** The clerk last told to each pad room: a commit that changes nothing sends nothing. */
  const told = new Map<string, string | null>();
  return {
    identity,
    requested(counterId: string, r: RatingRequest): void {
      const id = identity(counterId, deps.finishedBy(r.ticketId) ?? undefined);
      io.to(padRoom(counterId)).emit('rating:requested', id ? { ...r, identity: id } : r);
    },
    closed(counterId: string, ticketId: string): void {
      io.to(padRoom(counterId)).emit('rating:closed', { ticketId });
    },
    subscribed(counterId: string): void {
      told.set(counterId, deps.state.counters.get(counterId)?.clerkId ?? null);
    },
    /** After each commit: tell the pads whose window changed hands. */
    refresh(): void {
      for (const [counterId, last] of told) {
        if (!io.sockets.adapter.rooms.get(padRoom(counterId))?.size) {
          told.delete(counterId);
          continue;
        }
        const now = deps.state.counters.get(counterId)?.clerkId ?? null;
        if (now === last) continue;
        told.set(counterId, now);
        const id = identity(counterId);
        if (id) io.to(padRoom(counterId)).emit('pad:identity', id);
      }
    },
  };
}

export type PadFeed = ReturnType<typeof createPadFeed>;
