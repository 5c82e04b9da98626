import type { BranchDelta, BranchSnapshot, ServicePatch, ServiceView } from './views.js';

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
  const call = delta.call;
  if (delta.tickets || delta.removedTicketIds || call) {
    const byId = new Map(snapshot.tickets.map((t) => [t.id, t]));
    for (const id of delta.removedTicketIds ?? []) byId.delete(id);
    // A call without its ticket (a hall room's): the held ticket is now called at that counter.
    const held =
      call && !delta.tickets?.some((t) => t.id === call.ticketId) ? byId.get(call.ticketId) : undefined;
    if (call && held) {
      byId.set(held.id, {
        ...held,
        status: 'called',
        counterId: call.counterId,
        targetCounterId: null,
        calledAt: call.calledAt,
        callCount: call.callCount,
      });
    }
    for (const t of delta.tickets ?? []) byId.set(t.id, t);
    next.tickets = [...byId.values()];
  }
  let counters = delta.counters;
  if (call && !counters?.some((c) => c.id === call.counterId)) {
    // …and its counter is calling it (a recall leaves the counter as it was).
    const c = snapshot.counters.find((x) => x.id === call.counterId);
    if (c && c.currentTicketId !== call.ticketId) {
      const calling = {
        ...c,
        state: 'calling' as const,
        currentTicketId: call.ticketId,
        stateSince: call.calledAt,
      };
      counters = [...(counters ?? []), calling];
    }
  }
  if (counters) next.counters = replaceById(snapshot.counters, counters);
  if (delta.services) next.services = mergeById(snapshot.services, delta.services);
  if (delta.branch) next.branch = delta.branch;
  if (delta.call) next.recentCalls = [delta.call, ...snapshot.recentCalls].slice(0, RECENT_CALLS);
  return next;
}

export const RECENT_CALLS = 10;

/** Full views replace; patches (a hall room's services) are merged; unknown patches are dropped. */
function mergeById(list: ServiceView[], updates: (ServiceView | ServicePatch)[]): ServiceView[] {
  const byId = new Map(updates.map((u) => [u.id, u]));
  const out = list.map((x) => {
    const u = byId.get(x.id);
    return u ? { ...x, ...u } : x;
  });
  for (const u of updates) if ('prefix' in u && !list.some((x) => x.id === u.id)) out.push(u);
  return out;
}

function replaceById<T extends { id: string }>(list: T[], updates: T[]): T[] {
  const byId = new Map(updates.map((u) => [u.id, u]));
  const out = list.map((x) => byId.get(x.id) ?? x);
  for (const u of updates) if (!list.some((x) => x.id === u.id)) out.push(u);
  return out;
}
