import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { auditLog, branches, counters, devices, services, serviceTargets, users } from './schema/index.js';
import { finishAsRead } from './unfold.js';

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

  /**
   * Audit entries in a time range, newest first; by actor and branch when given: the rows of
   * `audit_log` and the queue's staff actions, which are their `events` rows (those with an
   * address; their id is the event's, negated). An action's detail is the event's reason, ticket,
   * counter and payload; the event itself says what changed (no before / after copies).
   */
  audit(q: {
    from: number;
    to: number;
    branchId?: string;
    actorId?: string;
    limit: number;
    offset?: number;
  }): AuditRow[] {
    const actor = q.actorId ? 'and actor_id = @actorId' : '';
    // Events of each branch by events_branch_at; installation-wide entries are audit rows only.
    const eventBranch = q.branchId ? 'branch_id = @branchId' : 'branch_id in (select id from branches)';
    const rows = this.db.$client
      .prepare(
        `select id, at, actor_kind, actor_id, branch_id, action, target, detail, before, after, ip,
                null as reason, null as payload, null as ticket_id, null as counter_id
         from audit_log where at >= @from and at <= @to ${actor} ${q.branchId ? 'and branch_id = @branchId' : ''}
         union all
         select -id, at, actor_kind, actor_id, branch_id, type, coalesce(counter_id, ticket_id, branch_id),
                null, null, null, nullif(ip, ''), reason, payload, ticket_id, counter_id
         from events where ${eventBranch} and at >= @from and at <= @to and ip is not null ${actor}
         order by at desc, id desc limit @limit offset @offset`,
      )
      .all({
        from: q.from,
        to: q.to,
        limit: q.limit,
        offset: q.offset ?? 0,
        ...(q.actorId ? { actorId: q.actorId } : {}),
        ...(q.branchId ? { branchId: q.branchId } : {}),
      }) as RawAudit[];
    return rows.map(toAuditRow);
  }
  count(): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(auditLog).get()?.n ?? 0;
  }
}

interface RawAudit {
  id: number;
  at: number;
  actor_kind: string;
  actor_id: string;
  branch_id: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  reason: string | null;
  payload: string | null;
  ticket_id: string | null;
  counter_id: string | null;
}

const json = (v: string | null) => (v === null ? null : JSON.parse(v));

function toAuditRow(r: RawAudit): AuditRow {
  const detail =
    r.payload === null
      ? json(r.detail)
      : eventDetail({
          type: r.action,
          reason: r.reason,
          ticketId: r.ticket_id,
          counterId: r.counter_id,
          payload: r.payload,
        });
  return {
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    branchId: r.branch_id,
    action: r.action,
    target: r.target,
    detail,
    before: json(r.before),
    after: json(r.after),
    ip: r.ip,
  };
}

/** What the audit log says of a staff action from its event: ticket, counter, reason, payload. */
function eventDetail(e: {
  type: string;
  reason: string | null;
  ticketId: string | null;
  counterId: string | null;
  payload: string;
}): Record<string, unknown> {
  const stored = JSON.parse(e.payload) as Record<string, unknown>;
  // A finish reads as its outcome, whether the row spelt it out or left the usual one out.
  const payload = e.type === 'ticket.finished' ? finishAsRead(stored) : stored;
  const out: Record<string, unknown> = {
    ticketId: e.ticketId,
    counterId: e.counterId,
    reason: e.reason,
    ...payload,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== null && v !== undefined));
}
