import type { AlertCondition, AlertSource } from '../../core/alerts.js';
import type { CaseView } from '../../protocol/schemas/case-views.js';

/** Deadlines move by working days: the branch's case list is read again at most this often. */
const REREAD_MS = 15_000;

/**
 * The cases' deadlines as live-monitor alerts: a case past its callback or resolution day is
 * critical (`case_overdue`), one due within a working day a warning (`case_due_soon`); each case
 * its own alert, cleared by the monitor when the case moves on or closes.
 */
export function caseAlertSource(
  alerts: (branchId: string) => { dueSoon: CaseView[]; overdue: CaseView[] },
): AlertSource {
  // The monitor evaluates after every queue commit (every 250 ms in a busy hall); reading every
  // case of the branch each time would put one query per case on that path.
  const read = new Map<string, { at: number; conditions: AlertCondition[] }>();
  return (branchId, now) => {
    const cached = read.get(branchId);
    if (cached && now >= cached.at && now - cached.at < REREAD_MS) return cached.conditions;
    const conditions = conditionsOf(alerts(branchId));
    read.set(branchId, { at: now, conditions });
    return conditions;
  };
}

function conditionsOf({ dueSoon, overdue }: { dueSoon: CaseView[]; overdue: CaseView[] }): AlertCondition[] {
  const condition = (c: CaseView, kind: 'case_overdue' | 'case_due_soon'): AlertCondition => ({
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
  ];
}
