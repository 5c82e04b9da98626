import type { BranchSnapshot, CallView, TicketView } from '@guichet/server/protocol';
import { signal } from '@preact/signals';
import { type DisplayConfig, showsCall } from './config.js';

/** How many calls the board keeps (latest + history); older ones are let go. */
export const KEPT_CALLS = 10;
/** How long the latest call stays highlighted after it arrives. */
export const HIGHLIGHT_MS = 8_000;

export type Connection = 'connecting' | 'online' | 'offline';

/** How many withdrawn calls the board remembers, so a resync snapshot cannot bring one back. */
const REMEMBERED_WITHDRAWN = 256;

/**
 * Whether a call still stands. The server's recent-calls list never forgets a call, but the
 * ticket moves on: marked a no-show, parked, transferred (back to waiting, in another queue) or
 * reinstated. A ticket that left the live list was finished or cancelled; only a waiting or
 * parked ticket can be cancelled, so a called one that left was served: its call stands.
 */
export function callStands(call: CallView, ticket: TicketView | undefined): boolean {
  if (!ticket) return true;
  return (
    (ticket.status === 'called' || ticket.status === 'serving') &&
    ticket.counterId === call.counterId &&
    (ticket.calledAt === null || ticket.calledAt <= call.calledAt)
  );
}

/**
 * What the board shows, as signals. Holds one ticket once in the call list (a recall moves it to
 * the top) and never more than KEPT_CALLS, so weeks of calls cost the same memory as ten.
 */
export class BoardState {
  readonly snapshot = signal<BranchSnapshot | null>(null);
  readonly calls = signal<CallView[]>([]);
  readonly connection = signal<Connection>('connecting');
  /**
   * Monotonic time (performance.now()) until which the latest call is highlighted: a correction
   * of the PC's wall clock neither freezes nor cuts short the highlight.
   */
  readonly highlightUntil = signal(0);
  /** Told of calls taken off the board (the voice drops them if they are still waiting). */
  onWithdraw: (calls: CallView[]) => void = () => undefined;
  /** `ticketId@calledAt` of withdrawn calls, insertion-ordered and bounded. */
  private readonly withdrawn = new Set<string>();

  constructor(
    readonly config: DisplayConfig,
    /** Monotonic milliseconds; never the wall clock. */
    readonly monoNow: () => number = () => performance.now(),
  ) {}

  highlighted(monoNow: number): boolean {
    return this.highlightUntil.value > monoNow;
  }

  /** `first`: the board's first snapshot is history, shown without highlighting. */
  setSnapshot(s: BranchSnapshot, first = false): CallView[] {
    this.snapshot.value = s;
    this.prune(s);
    return this.mergeCalls(this.standing(s.recentCalls, s), s, !first);
  }

  /** Applies a delta already judged 'apply'; returns the calls it added to the board. */
  setApplied(next: BranchSnapshot, call: CallView | undefined): CallView[] {
    this.snapshot.value = next;
    this.prune(next);
    return call ? this.mergeCalls(this.standing([call], next), next, true) : [];
  }

  /**
   * Takes off the board every call whose ticket has moved on since (no-show, park, transfer,
   * reinstatement), at once: "now calling A001 → 2" must not stay up after A001 was skipped.
   */
  private prune(s: BranchSnapshot): void {
    const current = this.calls.value;
    if (current.length === 0) return;
    const kept = this.standing(current, s);
    if (kept.length === current.length) return;
    if (kept[0]?.ticketId !== current[0]?.ticketId) this.highlightUntil.value = 0;
    this.calls.value = kept;
    this.onWithdraw(current.filter((c) => !kept.includes(c)));
  }

  /** The calls that still stand in this snapshot; the others are remembered as withdrawn. */
  private standing(calls: CallView[], s: BranchSnapshot): CallView[] {
    const ids = new Set(calls.map((c) => c.ticketId));
    const tickets = new Map<string, TicketView>();
    for (const t of s.tickets) if (ids.has(t.id)) tickets.set(t.id, t);
    return calls.filter((c) => {
      const key = withdrawnKey(c);
      if (this.withdrawn.has(key)) return false;
      if (callStands(c, tickets.get(c.ticketId))) return true;
      this.withdrawn.add(key);
      if (this.withdrawn.size > REMEMBERED_WITHDRAWN) {
        const oldest = this.withdrawn.values().next().value;
        if (oldest !== undefined) this.withdrawn.delete(oldest);
      }
      return false;
    });
  }

  /** Merges calls into the kept list; returns the ones that are new to the board, oldest first. */
  private mergeCalls(incoming: CallView[], s: BranchSnapshot, highlight: boolean): CallView[] {
    const visible = incoming.filter((c) => showsCall(this.config, c, s.services));
    if (visible.length === 0) return [];
    const current = this.calls.value;
    const added: CallView[] = [];
    const byTicket = new Map(current.map((c) => [c.ticketId, c]));
    for (const c of visible) {
      const held = byTicket.get(c.ticketId);
      if (
        held &&
        (held.callCount > c.callCount || (held.callCount === c.callCount && held.calledAt >= c.calledAt))
      )
        continue;
      byTicket.set(c.ticketId, c);
      added.push(c);
    }
    if (added.length === 0) return [];
    // Newest arrivals first before the (stable) sort, so calls in the same millisecond show the last one on top.
    const addedIds = new Set(added.map((c) => c.ticketId));
    const merged = [...added.slice().reverse(), ...current.filter((c) => !addedIds.has(c.ticketId))]
      .sort((a, b) => b.calledAt - a.calledAt)
      .slice(0, KEPT_CALLS);
    const previousTop = current[0];
    this.calls.value = merged;
    const top = merged[0];
    if (
      highlight &&
      top &&
      (top.ticketId !== previousTop?.ticketId || top.callCount !== previousTop.callCount)
    ) {
      this.highlightUntil.value = this.monoNow() + HIGHLIGHT_MS;
    }
    return added.filter((c) => merged.includes(c)).sort((a, b) => a.calledAt - b.calledAt);
  }
}

function withdrawnKey(c: CallView): string {
  return `${c.ticketId}@${c.calledAt}`;
}
