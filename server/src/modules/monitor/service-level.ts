import { businessDay, type QueueState } from '../../core/index.js';
import { serviceLevel } from '../../core/stats.js';

export interface ServiceLevelToday {
  /** Share of today's counted tickets called within the service's target wait (null: none yet). */
  percent: number | null;
  within: number;
  counted: number;
}

/**
 * Today's service level per service of a branch, from the day's tickets the live state holds
 * (no I/O): a called ticket counts with its wait in its current queue; one still waiting counts
 * as a miss once past the target, the way core/stats.ts `serviceLevel` counts legs. Transfers
 * count in the service they were last queued in: the live figure, the reports keep the legs.
 */
export function serviceLevelToday(
  state: QueueState,
  branchId: string,
  now: number,
): Map<string, ServiceLevelToday> {
  const branch = state.branches.get(branchId);
  const out = new Map<string, ServiceLevelToday>();
  if (!branch) return out;
  const today = businessDay(now, branch.timezone);
  const legs = new Map<string, Parameters<typeof serviceLevel>[0][number][]>();
  for (const t of state.tickets.values()) {
    if (t.branchId !== branchId || t.businessDay !== today) continue;
    const service = state.services.get(t.serviceId);
    if (!service) continue;
    const called = t.calledAt !== null;
    if (!called && t.status !== 'waiting') continue;
    const list = legs.get(t.serviceId) ?? [];
    list.push({
      waitSeconds: called ? Math.max(0, (t.calledAt! - t.queuedAt) / 1000) : null,
      uncalledWaitSeconds: called ? null : Math.max(0, (now - t.queuedAt) / 1000),
      targetSeconds: service.targetWaitMinutes * 60,
    });
    legs.set(t.serviceId, list);
  }
  for (const [serviceId, l] of legs) out.set(serviceId, serviceLevel(l));
  return out;
}
