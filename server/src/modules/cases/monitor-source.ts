import type { AlertCondition, AlertSource } from '../../core/alerts.js';
import type { CaseView } from '../../protocol/schemas/case-views.js';

/**
 * The cases' deadlines as live-monitor alerts: a case past its callback or resolution day is
 * critical (`case_overdue`), one due within a working day a warning (`case_due_soon`); each case
 * its own alert, cleared by the monitor when the case moves on or closes.
 */
export function caseAlertSource(
  alerts: (branchId: string) => { dueSoon: CaseView[]; overdue: CaseView[] },
): AlertSource {
  return (branchId) => {
    const { dueSoon, overdue } = alerts(branchId);
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
  };
}
