import { counterIntervalsOn } from './hours.js';
import { eligibleFor, levelMap } from './routing.js';
import { oldestQueuedAt, type QueueState } from './state.js';
import { localParts, parseLocalTime } from './time.js';

/**
 * The live monitor's figures and the alert conditions they raise (kpis.md, "Live monitor and
 * alerts"). Pure: the live state, the branch's rules and the time in; figures and the set of
 * conditions that hold now out. The monitor module turns the difference between the
 * conditions and the open alerts into raised / updated / cleared alerts.
 */
export type AlertLevel = 'warning' | 'critical';

export interface AlertRules {
  /** Longest wait over the service's target (warning), over `criticalPercent` % of it (critical). */
  waitOverTarget: { enabled: boolean; criticalPercent: number };
  /** More than `warning` / `critical` tickets waiting in a service. */
  queueLength: { enabled: boolean; warning: number; critical: number };
  /** Tickets wait in a service that no open counter serves (critical). */
  noCounterOpen: { enabled: boolean };
  /** A counter paused longer than these minutes. */
  counterPaused: { enabled: boolean; warningMinutes: number; criticalMinutes: number };
  /**
   * A counter closed for more than `graceMinutes` inside its published hours (its own, else the
   * branch's: core/hours.ts), warning. Optional and off unless set: without counters' own hours
   * every closed counter of the hall would count as unstaffed.
   */
  counterUnstaffed?: { enabled: boolean; graceMinutes: number };
  /**
   * A counter open and idle (no ticket called) for more than these minutes while tickets it may
   * call are waiting: people wait in front of an open window. Optional (older rule sets lack it).
   */
  counterIdle?: { enabled: boolean; warningMinutes: number; criticalMinutes: number };
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  waitOverTarget: { enabled: true, criticalPercent: 150 },
  queueLength: { enabled: true, warning: 15, critical: 30 },
  noCounterOpen: { enabled: true },
  counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
  counterUnstaffed: { enabled: false, graceMinutes: 10 },
  counterIdle: { enabled: true, warningMinutes: 5, criticalMinutes: 15 },
};

/**
 * A condition that holds now. `kind` is open: the built-in kinds below, and those of other
 * sources (the cases module's `case_due_soon` / `case_overdue`, see `AlertSource`).
 */
export interface AlertCondition {
  /** One open alert per key: `kind:subject`. */
  key: string;
  kind: string;
  level: AlertLevel;
  serviceId: string | null;
  counterId: string | null;
  value: number;
  threshold: number;
}

/** Another module's conditions for a branch at a time (the extension point for case deadlines). */
export type AlertSource = (branchId: string, now: number) => AlertCondition[];

export interface ServiceFigures {
  serviceId: string;
  waiting: number;
  longestWaitSeconds: number | null;
  targetWaitMinutes: number;
  openCounters: number;
}

export function serviceFigures(state: QueueState, branchId: string, now: number): ServiceFigures[] {
  const open = [...state.counters.values()].filter((c) => c.branchId === branchId && c.state !== 'closed');
  return [...state.services.values()]
    .filter((s) => s.branchId === branchId)
    .map((s) => {
      const oldest = oldestQueuedAt(state, s.id);
      return {
        serviceId: s.id,
        waiting: state.waiting.get(s.id)?.size ?? 0,
        longestWaitSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
        targetWaitMinutes: s.targetWaitMinutes,
        openCounters: open.filter((c) => levelMap(c).has(s.id)).length,
      };
    });
}

export function alertConditions(
  state: QueueState,
  branchId: string,
  rules: AlertRules,
  now: number,
): AlertCondition[] {
  const out: AlertCondition[] = [];
  const add = (c: Omit<AlertCondition, 'key'>) =>
    out.push({ ...c, key: `${c.kind}:${c.serviceId ?? c.counterId ?? branchId}` });
  for (const f of serviceFigures(state, branchId, now)) {
    const service = { serviceId: f.serviceId, counterId: null };
    if (rules.waitOverTarget.enabled && f.longestWaitSeconds !== null && f.targetWaitMinutes > 0) {
      const target = f.targetWaitMinutes * 60;
      const critical = (target * rules.waitOverTarget.criticalPercent) / 100;
      if (f.longestWaitSeconds > target) {
        const level = f.longestWaitSeconds > critical ? 'critical' : 'warning';
        add({ kind: 'wait_over_target', level, ...service, value: f.longestWaitSeconds, threshold: target });
      }
    }
    if (rules.queueLength.enabled && f.waiting > rules.queueLength.warning) {
      const level = f.waiting > rules.queueLength.critical ? 'critical' : 'warning';
      add({
        kind: 'queue_length',
        level,
        ...service,
        value: f.waiting,
        threshold: rules.queueLength.warning,
      });
    }
    if (rules.noCounterOpen.enabled && f.waiting > 0 && f.openCounters === 0) {
      add({ kind: 'no_counter_open', level: 'critical', ...service, value: f.waiting, threshold: 0 });
    }
  }
  if (rules.counterPaused.enabled) {
    for (const c of state.counters.values()) {
      if (c.branchId !== branchId || c.state !== 'paused') continue;
      const minutes = Math.floor((now - c.stateSince) / 60_000);
      if (minutes < rules.counterPaused.warningMinutes) continue;
      const level = minutes >= rules.counterPaused.criticalMinutes ? 'critical' : 'warning';
      add({
        kind: 'counter_paused',
        level,
        serviceId: null,
        counterId: c.id,
        value: minutes,
        threshold: rules.counterPaused.warningMinutes,
      });
    }
  }
  if (rules.counterUnstaffed?.enabled) out.push(...unstaffed(state, branchId, rules.counterUnstaffed, now));
  const idle = rules.counterIdle;
  if (idle?.enabled) {
    for (const c of state.counters.values()) {
      if (c.branchId !== branchId || c.state !== 'idle') continue;
      const minutes = Math.floor((now - c.stateSince) / 60_000);
      // The minutes first: the eligible tickets are only looked up for a counter idle long enough.
      if (minutes < idle.warningMinutes) continue;
      const waiting = eligibleFor(state, c).length;
      if (waiting === 0) continue;
      add({
        kind: 'counter_idle',
        level: minutes >= idle.criticalMinutes ? 'critical' : 'warning',
        serviceId: null,
        counterId: c.id,
        value: minutes,
        threshold: idle.warningMinutes,
      });
    }
  }
  return out;
}

/** Closed counters inside their published hours for longer than the grace: minutes closed in hours. */
function unstaffed(
  state: QueueState,
  branchId: string,
  rule: { graceMinutes: number },
  now: number,
): AlertCondition[] {
  const branch = state.branches.get(branchId);
  if (!branch) return [];
  const local = localParts(now, branch.timezone);
  const out: AlertCondition[] = [];
  for (const c of state.counters.values()) {
    if (c.branchId !== branchId || c.state !== 'closed') continue;
    const inside = counterIntervalsOn(branch, c.id, local.date, local.weekday).find(
      (i) => local.minuteOfDay >= parseLocalTime(i.open) && local.minuteOfDay < parseLocalTime(i.close),
    );
    if (!inside) continue;
    // Closed since the later of its close and the start of this published interval.
    const sinceOpen = local.minuteOfDay - parseLocalTime(inside.open);
    const minutes = Math.min(sinceOpen, Math.floor((now - c.stateSince) / 60_000));
    if (minutes < rule.graceMinutes) continue;
    out.push({
      key: `counter_unstaffed:${c.id}`,
      kind: 'counter_unstaffed',
      level: 'warning',
      serviceId: null,
      counterId: c.id,
      value: minutes,
      threshold: rule.graceMinutes,
    });
  }
  return out;
}

/** What changes between the open alerts (by key, with their level) and the conditions now. */
export function alertChanges(
  open: ReadonlyMap<string, AlertLevel>,
  now: readonly AlertCondition[],
): { raise: AlertCondition[]; relevel: AlertCondition[]; clear: string[] } {
  const seen = new Set<string>();
  const raise: AlertCondition[] = [];
  const relevel: AlertCondition[] = [];
  for (const c of now) {
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const level = open.get(c.key);
    if (level === undefined) raise.push(c);
    else if (level !== c.level) relevel.push(c);
  }
  const clear = [...open.keys()].filter((k) => !seen.has(k));
  return { raise, relevel, clear };
}
