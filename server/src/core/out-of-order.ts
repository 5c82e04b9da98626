import type { Leg } from './legs.js';

/**
 * Out-of-order calls (kpis.md, "explainable call order"): a call made while a ticket that had
 * waited longer, and that the calling counter could serve, was still waiting. Each call
 * records the rule that placed it (core/routing.ts: counter_transfer, priority_class,
 * overdue_rule, level_fifo; or the clerk's manual / callback), so every such call comes with
 * its justification — a level_fifo call past an older ticket is the counter's work profile,
 * a manual one is the clerk's choice.
 *
 * Pure: legs in (core/legs.ts), calls out. "Waited longer" compares the leg's start (issue, or
 * the transfer that began it); "could serve" is the counter's work profile (`profiles`).
 * One sweep over the legs' start and call instants: O(legs × services per counter).
 */
export interface OutOfOrderCall {
  ticketId: string;
  serviceId: string;
  counterId: string;
  clerkId: string | null;
  calledAt: number;
  rule: string;
  /** How many eligible tickets that had waited longer were still waiting. */
  olderWaiting: number;
  /** The longest-waiting of them and how long it had waited at the call. */
  oldestTicketId: string;
  oldestWaitedSeconds: number;
}

export interface ClerkCallOrder {
  clerkId: string;
  calls: number;
  outOfOrder: number;
  byRule: Record<string, number>;
}

type Point = { at: number; kind: 0 | 1; leg: Leg };

export function outOfOrderCalls(
  legs: readonly Leg[],
  profiles: ReadonlyMap<string, ReadonlySet<string>>,
): OutOfOrderCall[] {
  // Calls (kind 0) before starts (kind 1) at the same instant: a ticket issued as another is
  // called had not waited longer.
  const points: Point[] = [];
  for (const leg of legs) {
    points.push({ at: leg.startedAt, kind: 1, leg });
    const left = leg.calledAt ?? leg.endedAt;
    if (left !== null) points.push({ at: left, kind: 0, leg });
  }
  points.sort((a, b) => a.at - b.at || a.kind - b.kind || a.leg.startedAt - b.leg.startedAt);
  // Per service, the legs waiting now, in the order they began waiting (Map keeps insertion order).
  const waiting = new Map<string, Map<Leg, Leg>>();
  const out: OutOfOrderCall[] = [];
  for (const p of points) {
    const leg = p.leg;
    if (p.kind === 1) {
      let q = waiting.get(leg.serviceId);
      if (!q) {
        q = new Map();
        waiting.set(leg.serviceId, q);
      }
      q.set(leg, leg);
      continue;
    }
    waiting.get(leg.serviceId)?.delete(leg);
    if (leg.calledAt === null || leg.counterId === null) continue;
    const serves = profiles.get(leg.counterId);
    if (!serves) continue;
    let older = 0;
    let oldest: Leg | null = null;
    for (const serviceId of serves) {
      for (const other of waiting.get(serviceId)?.values() ?? []) {
        if (other.startedAt >= leg.startedAt) break;
        older++;
        if (!oldest || other.startedAt < oldest.startedAt) oldest = other;
      }
    }
    if (!oldest) continue;
    out.push({
      ticketId: leg.ticketId,
      serviceId: leg.serviceId,
      counterId: leg.counterId,
      clerkId: leg.clerkId,
      calledAt: leg.calledAt,
      rule: leg.callRule ?? 'unknown',
      olderWaiting: older,
      oldestTicketId: oldest.ticketId,
      oldestWaitedSeconds: Math.round((leg.calledAt - oldest.startedAt) / 1000),
    });
  }
  return out;
}

/** Per clerk: calls made, those out of order, and those by the rule that justified them. */
export function callOrderByClerk(legs: readonly Leg[], calls: readonly OutOfOrderCall[]): ClerkCallOrder[] {
  const rows = new Map<string, ClerkCallOrder>();
  const row = (clerkId: string) => {
    let r = rows.get(clerkId);
    if (!r) {
      r = { clerkId, calls: 0, outOfOrder: 0, byRule: {} };
      rows.set(clerkId, r);
    }
    return r;
  };
  for (const leg of legs) if (leg.calledAt !== null && leg.clerkId) row(leg.clerkId).calls++;
  for (const c of calls) {
    if (!c.clerkId) continue;
    const r = row(c.clerkId);
    r.outOfOrder++;
    r.byRule[c.rule] = (r.byRule[c.rule] ?? 0) + 1;
  }
  return [...rows.values()].sort((a, b) => (a.clerkId < b.clerkId ? -1 : 1));
}
