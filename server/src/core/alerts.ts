import { type AlertRules, rulesForCounter, rulesForPause, rulesForService } from './alerts-rules.js';
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
export * from './alerts-rules.js';

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
    const own = rulesForService(rules, f.serviceId);
    const wait = own.waitOverTarget;
    if (wait.enabled && f.longestWaitSeconds !== null && f.targetWaitMinutes > 0) {
      const target = f.targetWaitMinutes * 60;
      const warning = (target * (wait.warningPercent ?? 100)) / 100;
      const critical = (target * wait.criticalPercent) / 100;
      if (f.longestWaitSeconds > warning) {
        const level = f.longestWaitSeconds > critical ? 'critical' : 'warning';
        add({ kind: 'wait_over_target', level, ...service, value: f.longestWaitSeconds, threshold: target });
      }
    }
    const queue = own.queueLength;
    if (queue.enabled && f.waiting > queue.warning) {
      const level = f.waiting > queue.critical ? 'critical' : 'warning';
      add({ kind: 'queue_length', level, ...service, value: f.waiting, threshold: queue.warning });
    }
    if (own.noCounterOpen.enabled && f.waiting > 0 && f.openCounters === 0) {
      add({ kind: 'no_counter_open', level: 'critical', ...service, value: f.waiting, threshold: 0 });
    }
  }
  for (const c of state.counters.values()) {
    if (c.branchId !== branchId || c.state !== 'paused') continue;
    const paused = rulesForPause(rules, c.pauseReason);
    if (!paused.enabled) continue;
    const minutes = Math.floor((now - c.stateSince) / 60_000);
    if (minutes < paused.warningMinutes) continue;
    add({
      kind: 'counter_paused',
      level: minutes >= paused.criticalMinutes ? 'critical' : 'warning',
      serviceId: null,
      counterId: c.id,
      value: minutes,
      threshold: paused.warningMinutes,
    });
  }
  out.push(...unstaffed(state, branchId, rules, now));
  for (const c of state.counters.values()) {
    if (c.branchId !== branchId || c.state !== 'idle') continue;
    const idle = rulesForCounter(rules, c.id).counterIdle;
    if (!idle?.enabled) continue;
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
  return out;
}

/** Closed counters inside their published hours for longer than the grace: minutes closed in hours. */
function unstaffed(state: QueueState, branchId: string, rules: AlertRules, now: number): AlertCondition[] {
  const branch = state.branches.get(branchId);
  if (!branch) return [];
  const local = localParts(now, branch.timezone);
  const out: AlertCondition[] = [];
  for (const c of state.counters.values()) {
    if (c.branchId !== branchId || c.state !== 'closed') continue;
    const rule = rulesForCounter(rules, c.id).counterUnstaffed;
    if (!rule?.enabled) continue;
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
