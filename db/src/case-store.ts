import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { notRatedIn } from './feedback-store.js';
import type { Db } from './open.js';
import {
  appraisalDays,
  appraisalEntries,
  caseSteps,
  cases,
  events,
  ratings,
  tickets,
  users,
} from './schema/index.js';

export type CaseStepRow = typeof caseSteps.$inferSelect;
export type AppraisalEntryRow = typeof appraisalEntries.$inferSelect;
export type AppraisalDayRow = typeof appraisalDays.$inferSelect;

export interface CaseQuery {
  branchId: string;
  status?: string | undefined;
  kind?: string | undefined;
  channel?: string | undefined;
  counterId?: string | undefined;
  clerkId?: string | undefined;
  serviceId?: string | undefined;
  /** opened_at in [fromAt, toAt) */
  fromAt?: number | undefined;
  toAt?: number | undefined;
}

/**
 * Cases (差评 and complaints) with their append-only steps, and the appraisal entries about
 * clerks. Writes run inside the command bus's transaction (projectors only).
 */
export class CaseStore {
  constructor(private readonly db: Db) {}

  insertCase(row: typeof cases.$inferInsert): void {
    this.db.insert(cases).values(row).run();
  }

  addStep(step: Omit<CaseStepRow, 'id'>, status: string, assigneeId: string | null, closedAt: number | null) {
    this.db.insert(caseSteps).values(step).run();
    this.db.update(cases).set({ status, assigneeId, closedAt }).where(eq(cases.id, step.caseId)).run();
  }

  caseOf(id: string) {
    return this.db.select().from(cases).where(eq(cases.id, id)).get();
  }

  stepsOf(caseIds: readonly string[]): CaseStepRow[] {
    if (caseIds.length === 0) return [];
    const out: CaseStepRow[] = [];
    // SQLite caps bound parameters; a year's ledger is read in slices.
    for (let i = 0; i < caseIds.length; i += 500) {
      out.push(
        ...this.db
          .select()
          .from(caseSteps)
          .where(inArray(caseSteps.caseId, caseIds.slice(i, i + 500)))
          .orderBy(asc(caseSteps.id))
          .all(),
      );
    }
    return out;
  }

  listCases(q: CaseQuery) {
    const terms = [eq(cases.branchId, q.branchId)];
    if (q.status) terms.push(eq(cases.status, q.status));
    if (q.kind) terms.push(eq(cases.kind, q.kind));
    if (q.channel) terms.push(eq(cases.channel, q.channel));
    if (q.counterId) terms.push(eq(cases.counterId, q.counterId));
    if (q.clerkId) terms.push(eq(cases.clerkId, q.clerkId));
    if (q.serviceId) terms.push(eq(cases.serviceId, q.serviceId));
    if (q.fromAt !== undefined) terms.push(gte(cases.openedAt, q.fromAt));
    if (q.toAt !== undefined) terms.push(lt(cases.openedAt, q.toAt));
    return this.db
      .select()
      .from(cases)
      .where(and(...terms))
      .orderBy(asc(cases.openedAt))
      .all();
  }

  /** Complaints from the phone page about one ticket, and from one address since a time. */
  complaintCounts(ticketId: string, originHash: string, since: number) {
    const byTicket = this.db
      .select({ n: sql<number>`count(*)` })
      .from(cases)
      .where(and(eq(cases.ticketId, ticketId), eq(cases.kind, 'complaint'), eq(cases.channel, 'phone')))
      .get();
    const byOrigin = this.db
      .select({ n: sql<number>`count(*)` })
      .from(cases)
      .where(and(eq(cases.originHash, originHash), gte(cases.openedAt, since)))
      .get();
    return { byTicket: byTicket?.n ?? 0, byOrigin: byOrigin?.n ?? 0 };
  }

  /** Ratings recorded in [from, to) in a branch (given and not rated). */
  ratingsIn(branchId: string, from: number, to: number) {
    const given = this.db
      .select()
      .from(ratings)
      .where(and(eq(ratings.branchId, branchId), gte(ratings.at, from), lt(ratings.at, to)))
      .all();
    return [...given, ...notRatedIn(this.db, branchId, from, to)];
  }

  /** Tickets finished as served in [from, to): who finished them, where, which service. */
  servedIn(branchId: string, from: number, to: number) {
    return this.db
      .select({
        ticketId: events.ticketId,
        at: events.at,
        clerkId: events.actorId,
        counterId: events.counterId,
        serviceId: tickets.serviceId,
      })
      .from(events)
      .innerJoin(tickets, eq(tickets.id, events.ticketId))
      .where(
        and(
          eq(events.branchId, branchId),
          eq(events.type, 'ticket.finished'),
          gte(events.at, from),
          lt(events.at, to),
        ),
      )
      .all();
  }

  ticketCodes(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .select({ id: tickets.id, code: tickets.code })
      .from(tickets)
      .where(inArray(tickets.id, [...new Set(ids)].slice(0, 5000)))
      .all();
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  /** The clerks of a branch (active ones), and one user by id: whose daily record is kept. */
  branchClerks(branchId: string) {
    return this.db
      .select({ id: users.id, name: users.displayName, staffNumber: users.staffNumber })
      .from(users)
      .where(and(eq(users.branchId, branchId), eq(users.role, 'clerk'), eq(users.active, true)))
      .orderBy(asc(users.staffNumber), asc(users.username))
      .all();
  }

  user(id: string) {
    return this.db
      .select({
        id: users.id,
        name: users.displayName,
        staffNumber: users.staffNumber,
        role: users.role,
        branchId: users.branchId,
      })
      .from(users)
      .where(eq(users.id, id))
      .get();
  }

  /** The person's photo (a data URL) or null: only for its address, never sent as it is. */
  userPhoto(id: string): string | null {
    return this.db.select({ photo: users.photo }).from(users).where(eq(users.id, id)).get()?.photo ?? null;
  }

  insertEntry(row: AppraisalEntryRow): void {
    this.db.insert(appraisalEntries).values(row).run();
  }

  updateEntry(id: string, set: Partial<AppraisalEntryRow>): void {
    this.db.update(appraisalEntries).set(set).where(eq(appraisalEntries.id, id)).run();
  }

  entry(id: string): AppraisalEntryRow | undefined {
    return this.db.select().from(appraisalEntries).where(eq(appraisalEntries.id, id)).get();
  }

  entriesOf(q: { userId?: string; branchId?: string; fromDay: string; toDay: string }): AppraisalEntryRow[] {
    const terms = [gte(appraisalEntries.day, q.fromDay), sql`${appraisalEntries.day} <= ${q.toDay}`];
    if (q.userId) terms.push(eq(appraisalEntries.userId, q.userId));
    if (q.branchId) terms.push(eq(appraisalEntries.branchId, q.branchId));
    return this.db
      .select()
      .from(appraisalEntries)
      .where(and(...terms))
      .orderBy(asc(appraisalEntries.at))
      .all();
  }

  /** Stores the nightly records; a day already stored for a clerk is kept as it was produced. */
  storeDays(rows: AppraisalDayRow[]): void {
    for (const row of rows) this.db.insert(appraisalDays).values(row).onConflictDoNothing().run();
  }

  storedDays(q: { branchId?: string; userId?: string; day: string }): AppraisalDayRow[] {
    const terms = [eq(appraisalDays.day, q.day)];
    if (q.userId) terms.push(eq(appraisalDays.userId, q.userId));
    if (q.branchId) terms.push(eq(appraisalDays.branchId, q.branchId));
    return this.db
      .select()
      .from(appraisalDays)
      .where(and(...terms))
      .all();
  }

  /** A later entry, answer or decision rewrites the stored day's entries and points. */
  reviseDay(userId: string, day: string, record: Record<string, unknown>, at: number): void {
    this.db
      .update(appraisalDays)
      .set({ record, revisedAt: at })
      .where(and(eq(appraisalDays.userId, userId), eq(appraisalDays.day, day)))
      .run();
  }
}
