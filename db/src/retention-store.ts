import { and, eq, gt, isNotNull, lt, max, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from './open.js';
import { auditLog, caseSteps, cases, dayRollups, ratings, tickets } from './schema/index.js';

/** What a masked text reads after the retention period: the fact that there was one stays. */
export const MASKED_TEXT = '***';

/**
 * The retention's writes (housekeeping, inside the command bus's transaction) and the reads that
 * plan them: old days' ticket events for their report cells, old audit rows, old free texts.
 */
export class RetentionStore {
  constructor(private readonly db: Db) {}

  /** The last business day of the branch whose events were archived (null: none). */
  lastArchivedDay(branchId: string): string | null {
    return (
      this.db
        .select({ day: max(dayRollups.day) })
        .from(dayRollups)
        .where(eq(dayRollups.branchId, branchId))
        .get()?.day ?? null
    );
  }

  /** Business days of the branch with tickets, after `after` (exclusive) and before `before`, oldest first. */
  ticketDays(branchId: string, after: string | null, before: string, limit: number): string[] {
    return this.db
      .selectDistinct({ day: tickets.businessDay })
      .from(tickets)
      .where(
        and(
          eq(tickets.branchId, branchId),
          after === null ? undefined : gt(tickets.businessDay, after),
          lt(tickets.businessDay, before),
        ),
      )
      .orderBy(tickets.businessDay)
      .limit(limit)
      .all()
      .map((r) => r.day);
  }

  /**
   * Keeps a day's report cells and deletes the events of its tickets (the counter's own events
   * stay: the window open rate reads them). Answers how many events went.
   */
  archiveDay(
    branchId: string,
    day: string,
    cells: readonly { family: string; key: string; data: Buffer }[],
  ): number {
    for (const c of cells)
      this.db
        .insert(dayRollups)
        .values({ branchId, day, ...c })
        .onConflictDoNothing()
        .run();
    return this.db.$client
      .prepare(
        `delete from events where ticket_id in
           (select id from tickets where branch_id = ? and business_day = ?)`,
      )
      .run(branchId, day).changes;
  }

  countAuditBefore(before: number): number {
    return (
      this.db.select({ n: sql<number>`count(*)` }).from(auditLog).where(lt(auditLog.at, before)).get()?.n ?? 0
    );
  }

  purgeAudit(before: number): number {
    return this.db.delete(auditLog).where(lt(auditLog.at, before)).run().changes;
  }

  /** Rating texts and comments, case texts given before the time and not masked yet. */
  countTexts(before: number): { ratings: number; cases: number } {
    const r = this.db.$client
      .prepare(
        `select count(*) from ratings where at < ?
         and ((text is not null and text <> '${MASKED_TEXT}') or (comment is not null and comment <> '${MASKED_TEXT}'))`,
      )
      .pluck()
      .get(before) as number;
    const c = this.db.$client
      .prepare(
        `select count(*) from cases where opened_at < ? and closed_at is not null
         and ((citizen_text is not null and citizen_text <> '${MASKED_TEXT}')
           or (answer is not null and answer <> '${MASKED_TEXT}')
           or (contact_name is not null and contact_name <> '${MASKED_TEXT}'))`,
      )
      .pluck()
      .get(before) as number;
    return { ratings: r, cases: c };
  }

  /**
   * Masks the citizens' and staff's free texts of ratings given and of closed cases opened before
   * the time: rows, scores, statuses and dates stay (every count and rate is unchanged).
   */
  maskTexts(before: number): void {
    const mask = (col: SQLiteColumn) =>
      sql<string | null>`case when ${col} is null then null else ${MASKED_TEXT} end`;
    this.db
      .update(ratings)
      .set({ text: mask(ratings.text), comment: mask(ratings.comment) })
      .where(
        and(lt(ratings.at, before), sql`(${ratings.text} is not null or ${ratings.comment} is not null)`),
      )
      .run();
    const closedBefore = and(lt(cases.openedAt, before), isNotNull(cases.closedAt));
    this.db
      .update(cases)
      .set({
        citizenText: mask(cases.citizenText),
        answer: mask(cases.answer),
        contactName: mask(cases.contactName),
      })
      .where(closedBefore)
      .run();
    this.db
      .update(caseSteps)
      .set({ detail: sql`json_set(${caseSteps.detail}, '$.text', ${MASKED_TEXT})` })
      .where(
        and(
          sql`json_extract(${caseSteps.detail}, '$.text') is not null`,
          sql`${caseSteps.caseId} in (select id from cases where opened_at < ${before} and closed_at is not null)`,
        ),
      )
      .run();
  }
}
