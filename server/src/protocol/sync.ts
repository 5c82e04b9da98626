import type { BranchDelta, BranchSnapshot } from './views.js';

/**
 * The client side of the sync model: apply a delta only if it is the next version of the
 * snapshot the client holds; otherwise the client asks for a new snapshot. Pure, so every UI
 * uses the same rule and it is tested once.
 */
export type DeltaVerdict = 'apply' | 'stale' | 'gap';

export function judgeDelta(
  held: { epoch: string; version: number } | null,
  delta: BranchDelta,
): DeltaVerdict {
  if (!held || held.epoch !== delta.epoch) return 'gap';
  if (delta.version <= held.version) return 'stale';
  return delta.version === held.version + 1 ? 'apply' : 'gap';
}

/** Returns a new snapshot with the delta applied (the caller has judged it 'apply'). */
export function applyDelta(snapshot: BranchSnapshot, delta: BranchDelta): BranchSnapshot {
  const next: BranchSnapshot = { ...snapshot, version: delta.version };
  if (delta.tickets || delta.removedTicketIds) {
    const byId = new Map(snapshot.tickets.map((t) => [t.id, t]));
    for (const id of delta.removedTicketIds ?? []) byId.delete(id);
    for (const t of delta.tickets ?? []) byId.set(t.id, t);
    next.tickets = [...byId.values()];
  }
  if (delta.counters) next.counters = replaceById(snapshot.counters, delta.counters);
  if (delta.services) next.services = replaceById(snapshot.services, delta.services);
  if (delta.branch) next.branch = delta.branch;
  if (delta.call) next.recentCalls = [delta.call, ...snapshot.recentCalls].slice(0, RECENT_CALLS);
  return next;
}

export const RECENT_CALLS = 10;

function replaceById<T extends { id: string }>(list: T[], updates: T[]): T[] {
  const byId = new Map(updates.map((u) => [u.id, u]));
  const out = list.map((x) => byId.get(x.id) ?? x);
  for (const u of updates) if (!list.some((x) => x.id === u.id)) out.push(u);
  return out;
}
