import { and, eq, gte, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { cases, events, ratings, tickets } from './schema/index.js';

export type RatingRow = typeof ratings.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

/**
 * "Not rated" records as rating rows: a ticket's `not_rated_at` with its branch, service, counter
 * and the clerk who finished it (its finish event). The row's id is the ticket's.
 */
const NOT_RATED = `select t.id as id, t.id as ticketId, t.branch_id as branchId, t.service_id as serviceId,
  t.counter_id as counterId,
  (select e.actor_id from events e where e.ticket_id = t.id and e.type = 'ticket.finished'
   order by e.id desc limit 1) as clerkId,
  null as score, null as reason, 'timeout' as source, t.not_rated_at as at, null as dimensions,
  null as reasons, null as text, null as comment, null as commentAt
  from tickets t`;

/**
 * "Not rated" records of a branch in [from, to), found through the finish times (tickets_finished):
 * a pad times out after the finish, a lost request is recorded at most two days after it.
 * `+branch_id` keeps the planner off tickets_day, which would walk the branch's whole history.
 */
export function notRatedIn(db: Db, branchId: string, from: number, to: number): RatingRow[] {
  return db.$client
    .prepare(
      `${NOT_RATED} where t.finished_at >= ? and t.finished_at < ? and +t.branch_id = ?
       and t.not_rated_at >= ? and t.not_rated_at < ?`,
    )
    .all(from - NOT_RATED_AFTER_FINISH_MS, to, branchId, from, to) as RatingRow[];
}

/** A "not rated" record is made at most this long after the finish (feedback: two days and the timeout). */
const NOT_RATED_AFTER_FINISH_MS = 3 * 86_400_000;

/** Ratings (one per ticket), follow-up cases, and the clerk's day figures. */
export class FeedbackStore {
  constructor(private readonly db: Db) {}

  /** What a rating needs of a ticket, from its row (for tickets no longer in the live state). */
  ticketForRating(ticketId: string) {
    return this.db
      .select({
        id: tickets.id,
        code: tickets.code,
        status: tickets.status,
        branchId: tickets.branchId,
        serviceId: tickets.serviceId,
        counterId: tickets.counterId,
      })
      .from(tickets)
      .where(eq(tickets.id, ticketId))
      .get();
  }

  caseOf(id: string): CaseRow | undefined {
    return this.db.select().from(cases).where(eq(cases.id, id)).get();
  }

  /** Tickets served (status done) between two times that have no rating row. */
  unratedFinished(from: number, to: number): string[] {
    return this.db.$client
      .prepare(
        `select t.id from tickets t left join ratings r on r.ticket_id = t.id
         where t.status = 'done' and t.finished_at >= ? and t.finished_at < ? and r.id is null
           and t.not_rated_at is null`,
      )
      .pluck()
      .all(from, to) as string[];
  }

  /** The ticket's rating, or its "not rated" record (score null, source timeout). */
  ratingOf(ticketId: string): RatingRow | undefined {
    return (
      this.db.select().from(ratings).where(eq(ratings.ticketId, ticketId)).get() ??
      (this.db.$client.prepare(`${NOT_RATED} where t.id = ? and t.not_rated_at is not null`).get(ticketId) as
        | RatingRow
        | undefined)
    );
  }

  /**
   * Inserts the rating and, for a bad one, its case (inside the command bus's transaction). A
   * "not rated" record of the same ticket gives way to a rating given later; a given rating
   * is never overwritten (the decision refused it before, the condition guards it here).
   */
  insertRating(rating: RatingRow, followUp: CaseRow | null): void {
    if (rating.score === null) {
      // "Not rated": a mark on the ticket's row, the first one stays.
      this.db
        .update(tickets)
        .set({ notRatedAt: rating.at })
        .where(and(eq(tickets.id, rating.ticketId), isNull(tickets.notRatedAt)))
        .run();
      return;
    }
    this.db
      .update(tickets)
      .set({ notRatedAt: null })
      .where(and(eq(tickets.id, rating.ticketId), isNotNull(tickets.notRatedAt)))
      .run();
    const { ticketId: _t, ...rest } = rating;
    this.db
      .insert(ratings)
      .values(rating)
      .onConflictDoUpdate({ target: ratings.ticketId, set: rest, setWhere: isNull(ratings.score) })
      .run();
    if (followUp) this.db.insert(cases).values(followUp).run();
  }

  /** The supplementary comment (补充评价): once, beside the rating, which itself stays as given. */
  commentRating(ticketId: string, comment: string, at: number): void {
    this.db
      .update(ratings)
      .set({ comment, commentAt: at })
      .where(and(eq(ratings.ticketId, ticketId), isNull(ratings.comment)))
      .run();
  }

  /** A clerk's figures at a counter since a time (the start of the local business day). */
  clerkDay(clerkId: string, since: number) {
    // Driven from the clerk's own finish events (partial index events_finished_by: the type is
    // written as the index's literal), never a scan of tickets.
    const served = this.db
      .select({
        n: sql<number>`count(*)`,
        avg: sql<number | null>`avg(t.finished_at - coalesce(t.started_at, t.called_at))`,
      })
      .from(events)
      .innerJoin(sql`tickets t`, sql`t.id = ${events.ticketId}`)
      .where(and(eq(events.actorId, clerkId), sql`${events.type} = 'ticket.finished'`, gte(events.at, since)))
      .get();
    const noShows = this.db
      .select({ n: sql<number>`count(*)` })
      .from(sql`events`)
      .where(sql`type = 'ticket.no_show' and actor_id = ${clerkId} and at >= ${since}`)
      .get();
    const rated = this.db
      .select({
        n: sql<number>`count(${ratings.score})`,
        avg: sql<number | null>`avg(${ratings.score})`,
        bad: sql<number>`sum(case when ${ratings.score} <= 2 then 1 else 0 end)`,
      })
      .from(ratings)
      .where(and(eq(ratings.clerkId, clerkId), gte(ratings.at, since), isNotNull(ratings.score)))
      .get();
    return {
      served: served?.n ?? 0,
      averageServiceSeconds: served?.avg ? Math.round(served.avg / 1000) : null,
      noShows: noShows?.n ?? 0,
      ratings: { count: rated?.n ?? 0, average: rated?.avg ?? null, bad: rated?.bad ?? 0 },
    };
  }

  /** Tickets issued before a time that still hold personal data. */
  countPersonalData(before: number): number {
    return (
      this.db.select({ n: sql<number>`count(*)` }).from(tickets).where(this.personal(before)).get()?.n ?? 0
    );
  }

  /** Personal data older than the retention period: the masked number and the keyed hash go. */
  purgePersonalData(before: number): number {
    // The callback numbers of complaints go with the tickets' personal numbers.
    this.db
      .update(cases)
      .set({ contactPhone: null })
      .where(and(lt(cases.openedAt, before), isNotNull(cases.contactPhone)))
      .run();
    return this.db
      .update(tickets)
      .set({ personHash: null, personMasked: null })
      .where(this.personal(before))
      .run().changes;
  }

  // Same terms, same order as the partial index tickets_personal, or SQLite scans the table.
  private personal(before: number) {
    return and(
      lt(tickets.issuedAt, before),
      or(isNotNull(tickets.personHash), isNotNull(tickets.personMasked)),
    );
  }
}
