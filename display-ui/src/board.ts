import type { BranchSnapshot, CallView } from '@guichet/server/protocol';
import { signal } from '@preact/signals';
import { type DisplayConfig, showsCall } from './config.js';

/** How many calls the board keeps (latest + history); older ones are let go. */
export const KEPT_CALLS = 10;
/** How long the latest call stays highlighted after it arrives. */
export const HIGHLIGHT_MS = 8_000;

export type Connection = 'connecting' | 'online' | 'offline';

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
    return this.mergeCalls(s.recentCalls, s, !first);
  }

  /** Applies a delta already judged 'apply'; returns the calls it added to the board. */
  setApplied(next: BranchSnapshot, call: CallView | undefined): CallView[] {
    this.snapshot.value = next;
    return call ? this.mergeCalls([call], next, true) : [];
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
