/**
 * Who may read a branch's reports: admins any branch; managers and supervisors their own branch
 * (or every branch when their account is not tied to one). Devices never. A clerk reads only
 * her own day, narrowed to herself (routes.ts `ownDay`).
 */
export function canReadReports(principal: unknown, branchId: string): boolean {
  const p = principal as { kind?: string; user?: { role?: string; branchId?: string | null } } | null;
  if (p?.kind !== 'user' || !p.user) return false;
  const { role, branchId: own } = p.user;
  if (role === 'admin') return true;
  if (role !== 'manager' && role !== 'supervisor') return false;
  return own === null || own === undefined || own === branchId;
}
