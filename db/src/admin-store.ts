import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { auditLog, branches, counters, devices, services, serviceTargets, users } from './schema/index.js';

export type AuditRow = typeof auditLog.$inferSelect;
type BranchConfigRow = Omit<
  typeof branches.$inferInsert,
  'currentDay' | 'noticeZh' | 'noticeEn' | 'emergency'
>;
type CounterConfigRow = Omit<
  typeof counters.$inferInsert,
  'state' | 'pauseReason' | 'currentTicketId' | 'clerkId' | 'stateSince'
>;

/**
 * Hall configuration written by the configuration commands' projectors (inside the command
 * bus's transaction): branches, services and their target history, counters' configuration
 * (never their live columns), staff accounts and devices. Nothing is ever deleted: a service,
 * counter, account or device is deactivated so reports and the audit log keep their names.
 */
export class AdminStore {
  /** Prepared once: every request of a kiosk or screen checks its device (token refresh). */
  private readonly deviceQuery;

  constructor(private readonly db: Db) {
    this.deviceQuery = db
      .select()
      .from(devices)
      .where(eq(devices.id, sql.placeholder('id')))
      .prepare();
  }

  saveBranch(row: BranchConfigRow): void {
    const { id: _id, ...set } = row;
    this.db.insert(branches).values(row).onConflictDoUpdate({ target: branches.id, set }).run();
  }

  saveService(row: typeof services.$inferInsert): void {
    const { id: _id, ...set } = row;
    this.db.insert(services).values(row).onConflictDoUpdate({ target: services.id, set }).run();
  }
  /** Services of a branch, active or not (prefixes stay taken by deactivated services). */
  servicesOf(branchId: string) {
    return this.db.select().from(services).where(eq(services.branchId, branchId)).all();
  }
  addTarget(serviceId: string, effectiveFrom: number, targetWaitMinutes: number): void {
    this.db
      .insert(serviceTargets)
      .values({ serviceId, effectiveFrom, targetWaitMinutes })
      .onConflictDoUpdate({
        target: [serviceTargets.serviceId, serviceTargets.effectiveFrom],
        set: { targetWaitMinutes },
      })
      .run();
  }
  /** The target wait in force at `at` (null before the service had one). */
  targetAt(serviceId: string, at: number): number | null {
    return (
      this.db
        .select({ t: serviceTargets.targetWaitMinutes })
        .from(serviceTargets)
        .where(and(eq(serviceTargets.serviceId, serviceId), lte(serviceTargets.effectiveFrom, at)))
        .orderBy(desc(serviceTargets.effectiveFrom))
        .limit(1)
        .get()?.t ?? null
    );
  }

  saveCounter(row: CounterConfigRow): void {
    const { id: _id, ...set } = row;
    this.db.insert(counters).values(row).onConflictDoUpdate({ target: counters.id, set }).run();
  }
  countersOf(branchId: string) {
    return this.db.select().from(counters).where(eq(counters.branchId, branchId)).all();
  }

  saveUser(row: typeof users.$inferInsert): void {
    const { id: _id, createdAt: _c, ...set } = row;
    this.db.insert(users).values(row).onConflictDoUpdate({ target: users.id, set }).run();
  }
  userById(id: string) {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }
  usersOf(branchId: string) {
    return this.db.select().from(users).where(eq(users.branchId, branchId)).all();
  }
  /** Every account, active or not, by username (admins see the whole installation). */
  allUsers() {
    return this.db.select().from(users).orderBy(users.username).all();
  }
  /** A photo (data URL) or none; written by the photo projector only. */
  setPhoto(id: string, photo: string | null): void {
    this.db.update(users).set({ photo }).where(eq(users.id, id)).run();
  }
  userByUsername(username: string) {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }
  userByStaffNumber(staffNumber: string) {
    return this.db.select().from(users).where(eq(users.staffNumber, staffNumber)).get();
  }

  saveDevice(row: typeof devices.$inferInsert): void {
    const { id: _id, createdAt: _c, ...set } = row;
    this.db.insert(devices).values(row).onConflictDoUpdate({ target: devices.id, set }).run();
  }
  deviceById(id: string) {
    return this.deviceQuery.get({ id });
  }
  deviceByPairing(pairingHash: string) {
    return this.db.select().from(devices).where(eq(devices.pairingHash, pairingHash)).get();
  }
  devicesOf(branchId: string) {
    return this.db.select().from(devices).where(eq(devices.branchId, branchId)).all();
  }

  /** Audit rows in a time range, newest first; by actor and by targets when given. */
  audit(q: {
    from: number;
    to: number;
    branchId?: string;
    actorId?: string;
    limit: number;
    offset?: number;
  }): AuditRow[] {
    const where = [gte(auditLog.at, q.from), lte(auditLog.at, q.to)];
    if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
    if (q.branchId) where.push(eq(auditLog.branchId, q.branchId));
    return this.db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.limit)
      .offset(q.offset ?? 0)
      .all();
  }
  count(): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(auditLog).get()?.n ?? 0;
  }
}
