/**
 * Who may read a branch's reports: admins any branch; managers and supervisors their own branch
 * (or every branch when their account is not tied to one). Clerks and devices never: a clerk's
 * own day is on her console (`GET /counters/:id/today`).
 */
export function canReadReports(principal: unknown, branchId: string): boolean {
  const p = principal as { kind?: string; user?: { role?: string; branchId?: string | null } } | null;
  if (p?.kind !== 'user' || !p.user) return false;
  const { role, branchId: own } = p.user;
  if (role === 'admin') return true;
  if (role !== 'manager' && role !== 'supervisor') return false;
  return own === null || own === undefined || own === branchId;
}
