import type { AlertCondition, AlertSource } from '../../core/alerts.js';
import type { Kernel } from '../../kernel/index.js';
import type { CaseView } from '../../protocol/schemas/case-views.js';
import type { CaseAlerts } from './service.js';

/** Deadlines move by working days: the branch's case list is read again at most this often. */
const REREAD_MS = 15_000;

export interface CachedCaseAlerts {
  /** The branch's open cases by deadline, read at most REREAD_MS ago (or since the last change). */
  get(branchId: string, now: number): CaseAlerts;
  /** A case opened or moved on: the next `get` reads again. */
  invalidate(): void;
}

/**
 * The branch's case deadlines, read once for everyone who needs them: the live monitor
 * evaluates after every queue commit (every 250 ms in a busy hall) and the ratings report
 * lists the overdue cases; reading every open case of the branch each time would put one query
 * per case on the event loop that serves the counters.
 */
export function cachedCaseAlerts(alerts: (branchId: string) => CaseAlerts): CachedCaseAlerts {
  const read = new Map<string, { at: number; alerts: CaseAlerts }>();
  return {
    get(branchId, now) {
      const cached = read.get(branchId);
      if (cached && now >= cached.at && now - cached.at < REREAD_MS) return cached.alerts;
      const fresh = alerts(branchId);
      read.set(branchId, { at: now, alerts: fresh });
      return fresh;
    },
    invalidate: () => read.clear(),
  };
}

/**
 * The cases' deadlines as live-monitor alerts: a case past its callback or resolution day is
 * critical (`case_overdue`), one due within a working day a warning (`case_due_soon`), and a bad
 * rating not yet called back a warning (`bad_rating`); each case its own alert, cleared by the
 * monitor when the case moves on or closes.
 */
export function caseAlertSource(cache: CachedCaseAlerts): AlertSource {
  // The same read gives the same conditions: built once per read, not once per evaluation.
  const built = new WeakMap<CaseAlerts, AlertCondition[]>();
  return (branchId, now) => {
    const alerts = cache.get(branchId, now);
    let conditions = built.get(alerts);
    if (!conditions) {
      conditions = conditionsOf(alerts);
      built.set(alerts, conditions);
    }
    return conditions;
  };
}

function conditionsOf({ dueSoon, overdue, fresh }: CaseAlerts): AlertCondition[] {
  const condition = (c: CaseView, kind: 'case_overdue' | 'case_due_soon' | 'bad_rating'): AlertCondition => ({
    key: `${kind}:${c.id}`,
    kind,
    level: kind === 'case_overdue' ? 'critical' : 'warning',
    serviceId: c.serviceId,
    counterId: c.counterId,
    value: 1,
    threshold: 0,
  });
  const late = new Set(overdue.map((c) => c.id));
  return [
    ...overdue.map((c) => condition(c, 'case_overdue')),
    ...dueSoon.filter((c) => !late.has(c.id)).map((c) => condition(c, 'case_due_soon')),
    ...fresh.filter((c) => !late.has(c.id)).map((c) => condition(c, 'bad_rating')),
  ];
}

/**
 * Feeds the branch's case deadlines to the live monitor, and has them read again after a commit
 * that opened or moved a case (a bad rating opens its case inside `rating.recorded`; the
 * workflow steps are `case.*`), rather than up to REREAD_MS later. Answers the same cached
 * read for the ratings report's overdue list.
 */
export function watchCaseAlerts(
  kernel: Kernel,
  monitor: { addSource(source: AlertSource): void },
  cases: { alerts(branchId: string): CaseAlerts },
): (branchId: string) => CaseAlerts {
  const cache = cachedCaseAlerts((branchId) => cases.alerts(branchId));
  monitor.addSource(caseAlertSource(cache));
  const moved = (e: { type: string }) =>
    e.type === 'rating.recorded' || (e.type.startsWith('case.') && e.type !== 'case.viewed');
  kernel.bus.onCommitted('case alerts', (batch) => {
    if (batch.events.some(moved)) cache.invalidate();
  });
  return (branchId) => cache.get(branchId, kernel.bus.now());
}
