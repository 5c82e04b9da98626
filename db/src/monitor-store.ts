import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { alertRules, alerts } from './schema/monitor.js';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertStatus = 'open' | 'unacknowledged' | 'acknowledged' | 'cleared' | 'all';

/** Alert rules per branch and the alerts raised, acknowledged and cleared (written by projectors). */
export class MonitorStore {
  // The monitor reads the rules and the open alerts inside every evaluation, which runs after
  // each queue commit: prepared once, not rebuilt by the query builder on every call.
  private readonly rulesOf;
  private readonly openOf;

  constructor(private readonly db: Db) {
    const branchId = sql.placeholder('branchId');
    this.rulesOf = db.select().from(alertRules).where(eq(alertRules.branchId, branchId)).prepare();
    this.openOf = db
      .select()
      .from(alerts)
      .where(and(eq(alerts.branchId, branchId), isNull(alerts.clearedAt)))
      .orderBy(alerts.raisedAt)
      .prepare();
  }

  rules(branchId: string): { rules: string; updatedAt: number; updatedBy: string | null } | undefined {
    return this.rulesOf.get({ branchId });
  }

  saveRules(branchId: string, rules: string, at: number, by: string | null): void {
    const row = { branchId, rules, updatedAt: at, updatedBy: by };
    this.db
      .insert(alertRules)
      .values(row)
      .onConflictDoUpdate({ target: alertRules.branchId, set: { rules, updatedAt: at, updatedBy: by } })
      .run();
  }

  /** Alerts not cleared yet, oldest first. */
  open(branchId: string): AlertRow[] {
    return this.openOf.all({ branchId });
  }

  get(id: string): AlertRow | undefined {
    return this.db.select().from(alerts).where(eq(alerts.id, id)).get();
  }

  /** Newest first, at most `limit`. */
  list(branchId: string, status: AlertStatus, limit: number): AlertRow[] {
    const where = [eq(alerts.branchId, branchId)];
    if (status === 'open') where.push(isNull(alerts.clearedAt));
    if (status === 'cleared') where.push(isNotNull(alerts.clearedAt));
    if (status === 'acknowledged') where.push(isNotNull(alerts.acknowledgedAt));
    if (status === 'unacknowledged') where.push(isNull(alerts.acknowledgedAt));
    return this.db
      .select()
      .from(alerts)
      .where(and(...where))
      .orderBy(desc(alerts.raisedAt), desc(alerts.id))
      .limit(limit)
      .all();
  }

  insert(row: AlertRow): void {
    this.db.insert(alerts).values(row).run();
  }

  update(id: string, set: Partial<Omit<AlertRow, 'id'>>): void {
    this.db.update(alerts).set(set).where(eq(alerts.id, id)).run();
  }
}
