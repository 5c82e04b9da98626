import Database from 'better-sqlite3';
import type { events } from '../schema/index.js';
import { unfoldEvents } from '../unfold.js';

/**
 * Read-only queries for the reports engine, as prepared statements over the live tables. The
 * engine runs them on its own connection (`openReadOnly`) in a worker thread: a reader in WAL
 * mode sees a consistent snapshot and never blocks the writer.
 */
export interface ReportBranch {
  id: string;
  timezone: string;
  currentDay: string | null;
}
export interface ReportService {
  id: string;
  nameZh: string;
  nameEn: string;
  targetWaitMinutes: number;
}
export interface ReportServiceTarget {
  serviceId: string;
  effectiveFrom: number;
  targetWaitMinutes: number;
}
export interface ReportCounter {
  id: string;
  number: number;
  nameZh: string;
  nameEn: string;
  /** JSON text: {services: [{serviceId, level}], rules: [...]} */
  profile: string;
}
export interface ReportUser {
  id: string;
  displayName: string;
  username: string;
}
export interface DayTicketRow {
  rowid: number;
  id: string;
  code: string;
  serviceId: string;
  businessDay: string;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  status: string;
  outcome: string | null;
  counterId: string | null;
  estimatedWaitAtIssue: number | null;
  personMasked: string | null;
}
/**
 * An events row as EVENT_COLS reads it: the table's columns but the branch and the address, the
 * payload still its JSON text.
 */
export type EventRow = Omit<typeof events.$inferSelect, 'branchId' | 'ip' | 'payload'> & { payload: string };
/** A ticket's rating (score null: "not rated", a mark on the ticket's row). */
export interface TicketRatingRow {
  ticketId: string;
  score: number | null;
}
export interface EventSince {
  id: number;
  at: number;
  /** The business day of the event's ticket (null: no ticket). */
  day: string | null;
  /** A rating: the business day of the ticket it rates. */
  ratedDay: string | null;
}
/** Counted for the 好差评 rates: served tickets, given ratings (score), "not rated" records. */
export interface RateCount {
  kind: 'served' | 'rated' | 'not-rated';
  counterId: string | null;
  clerkId: string | null;
  serviceId: string | null;
  /** The rating's channel (pad, phone, keypad, kiosk, timeout); null for a served ticket. */
  source: string | null;
  score: number | null;
  n: number;
}
/** A "not rated" mark is made at most this long after the finish (as feedback-store's notRatedIn). */
export const NOT_RATED_AFTER_FINISH_MS = 3 * 86_400_000;
export interface TicketPageQuery {
  branchId: string;
  fromDay: string;
  toDay: string;
  /** Keyset: the last (business day, rowid) seen; null starts at the beginning. */
  after: { day: string; rowid: number } | null;
  serviceId: string | null;
  counterId: string | null;
  clerkId: string | null;
  limit: number;
}

const TICKET_COLS = `t.rowid as rowid, t.id, t.code, t.service_id as serviceId, t.business_day as businessDay,
  t.issued_at as issuedAt, t.called_at as calledAt, t.started_at as startedAt, t.finished_at as finishedAt,
  t.status, t.outcome, t.counter_id as counterId, t.estimated_wait_at_issue as estimatedWaitAtIssue,
  t.person_masked as personMasked`;
const EVENT_COLS = `e.id, e.at, e.type, e.actor_kind as actorKind, e.actor_id as actorId, e.counter_id as counterId,
  e.ticket_id as ticketId, e.reason, e.payload`;

/** Opens the database file for reading only; `query_only` refuses any write even by mistake. */
export function openReadOnly(file: string): Database.Database {
  const client = new Database(file, { readonly: true, fileMustExist: true });
  client.pragma('query_only = ON');
  client.pragma('busy_timeout = 5000');
  return client;
}

export class ReportReads {
  private readonly s: Record<string, Database.Statement>;

  constructor(readonly client: Database.Database) {
    const p = (sql: string) => client.prepare(sql);
    this.s = {
      branch: p('select id, timezone, current_day as currentDay from branches where id = ?'),
      branchIds: p('select id from branches order by id').pluck(),
      branchSettings: p('select settings from branches where id = ?').pluck(),
      firstDay: p('select min(business_day) from tickets where branch_id = ?').pluck(),
      services: p(
        `select id, name_zh as nameZh, name_en as nameEn, target_wait_minutes as targetWaitMinutes
         from services where branch_id = ? order by sort_order, prefix`,
      ),
      serviceTargets: p(
        `select st.service_id as serviceId, st.effective_from as effectiveFrom,
                st.target_wait_minutes as targetWaitMinutes
         from service_targets st join services s on s.id = st.service_id
         where s.branch_id = ? order by st.service_id, st.effective_from`,
      ),
      counters: p(
        `select id, number, name_zh as nameZh, name_en as nameEn, profile from counters
         where branch_id = ? order by number`,
      ),
      users: p('select id, display_name as displayName, username from users'),
      dayTickets: p(`select ${TICKET_COLS} from tickets t where t.branch_id = ? and t.business_day = ?`),
      // Events of the day's tickets, grouped by ticket and in log order inside each.
      dayEvents: p(
        `select ${EVENT_COLS} from tickets t join events e on e.ticket_id = t.id
         where t.branch_id = ? and t.business_day = ? order by e.ticket_id, e.id`,
      ),
      dayRatings: p(
        `select r.ticket_id as ticketId, r.score from tickets t join ratings r on r.ticket_id = t.id
         where t.branch_id = @branchId and t.business_day = @day
         union all
         select t.id, null from tickets t
         where t.branch_id = @branchId and t.business_day = @day and t.not_rated_at is not null`,
      ),
      counterEvents: p(
        `select ${EVENT_COLS} from events e where e.branch_id = ? and e.at >= ? and e.at < ?
         and e.type in ('counter.opened', 'counter.closed', 'counter.paused', 'counter.resumed') order by e.id`,
      ),
      maxEventId: p('select coalesce(max(id), 0) from events').pluck(),
      // What changed since the last look: each new event with the business day of its ticket,
      // and for a rating the day of the ticket it rates (it may clear an earlier "not rated").
      // `+branch_id` keeps the planner on the id range (the branch index would scan the year).
      eventsSince: p(
        `select e.id, e.at, t.business_day as day, r.business_day as ratedDay from events e
         left join tickets t on t.id = e.ticket_id
         left join tickets r on e.type = 'rating.recorded' and r.id = json_extract(e.payload, '$.rating.ticketId')
         where e.id > ? and +e.branch_id = ? order by e.id`,
      ),
      // 好差评 rates of [from, to), counted as CaseStore.servedIn / ratingsIn count them.
      servedCounts: p(
        `select e.counter_id as counterId, e.actor_id as clerkId, t.service_id as serviceId, count(*) as n
         from events e join tickets t on t.id = e.ticket_id
         where e.branch_id = ? and e.type = 'ticket.finished' and e.at >= ? and e.at < ? group by 1, 2, 3`,
      ),
      ratingCounts: p(
        `select counter_id as counterId, clerk_id as clerkId, service_id as serviceId, source, score,
         count(*) as n from ratings where branch_id = ? and at >= ? and at < ? group by 1, 2, 3, 4, 5`,
      ),
      // "Not rated" marks (feedback-store notRatedIn): found through the finish times, the clerk
      // who finished the ticket.
      notRatedCounts: p(
        `select t.counter_id as counterId, t.service_id as serviceId,
         (select e.actor_id from events e where e.ticket_id = t.id and e.type = 'ticket.finished'
          order by e.id desc limit 1) as clerkId
         from tickets t where t.finished_at >= @low and t.finished_at < @to and +t.branch_id = @branchId
         and t.not_rated_at >= @from and t.not_rated_at < @to`,
      ),
      ticketsPage: p(
        `select ${TICKET_COLS} from tickets t
         where t.branch_id = @branchId and t.business_day >= @lowDay and t.business_day <= @toDay
           and (t.business_day > @afterDay or (t.business_day = @afterDay and t.rowid > @afterRowid))
           and (@counterId is null or exists (select 1 from events e where e.ticket_id = t.id
                and e.type = 'ticket.called' and e.counter_id = @counterId))
           and (@clerkId is null or exists (select 1 from events e where e.ticket_id = t.id
                and e.type = 'ticket.called' and e.actor_id = @clerkId))
           and (@serviceId is null or t.service_id = @serviceId or t.issued_service_id = @serviceId
                or exists (select 1 from events e where e.ticket_id = t.id and e.type = 'ticket.transferred'))
         order by t.business_day, t.rowid limit @limit`,
      ),
      eventsOfTickets: p(
        `select ${EVENT_COLS} from events e where e.ticket_id in (select value from json_each(?))
         order by e.ticket_id, e.id`,
      ),
      archivedDays: p(
        'select distinct day from day_rollups where branch_id = ? and day >= ? and day <= ? order by day',
      ).pluck(),
      archivedCells: p(
        `select day, family, key, data from day_rollups where branch_id = ? and day >= ? and day <= ?
         and family in (select value from json_each(?))`,
      ),
      ratingsOfTickets: p(
        `select ticket_id as ticketId, score from ratings where ticket_id in (select value from json_each(@ids))
         union all
         select id, null from tickets where id in (select value from json_each(@ids)) and not_rated_at is not null`,
      ),
    };
  }

  /** Runs `fn` in one read transaction: every statement in it sees the same snapshot. */
  snapshot<T>(fn: () => T): T {
    return this.client.transaction(fn)();
  }

  branch(id: string): ReportBranch | undefined {
    return this.s.branch!.get(id) as ReportBranch | undefined;
  }
  /** The branch's settings JSON (opening hours and dated exceptions among them). */
  branchSettings(id: string): string | undefined {
    return this.s.branchSettings!.get(id) as string | undefined;
  }
  branchIds(): string[] {
    return this.s.branchIds!.all() as string[];
  }
  /** The business day of the branch's first ticket (null: none yet). */
  firstDay(branchId: string): string | null {
    return (this.s.firstDay!.get(branchId) as string | null) ?? null;
  }
  services(branchId: string): ReportService[] {
    return this.s.services!.all(branchId) as ReportService[];
  }
  /** Every target each service of the branch had, with the time it took effect, oldest first. */
  serviceTargets(branchId: string): ReportServiceTarget[] {
    return this.s.serviceTargets!.all(branchId) as ReportServiceTarget[];
  }
  counters(branchId: string): ReportCounter[] {
    return this.s.counters!.all(branchId) as ReportCounter[];
  }
  users(): ReportUser[] {
    return this.s.users!.all() as ReportUser[];
  }
  dayTickets(branchId: string, day: string): DayTicketRow[] {
    return this.s.dayTickets!.all(branchId, day) as DayTicketRow[];
  }
  dayEvents(branchId: string, day: string): EventRow[] {
    return unfoldEvents(this.s.dayEvents!.all(branchId, day) as EventRow[]);
  }
  dayRatings(branchId: string, day: string): TicketRatingRow[] {
    return this.s.dayRatings!.all({ branchId, day }) as TicketRatingRow[];
  }
  counterEvents(branchId: string, fromAt: number, toAt: number): EventRow[] {
    return this.s.counterEvents!.all(branchId, fromAt, toAt) as EventRow[];
  }
  maxEventId(): number {
    return this.s.maxEventId!.get() as number;
  }
  eventsSince(branchId: string, afterId: number): EventSince[] {
    return this.s.eventsSince!.all(afterId, branchId) as EventSince[];
  }
  /**
   * Served tickets, ratings and "not rated" marks of [from, to) by counter, clerk, service and
   * channel (the rating's source; none for served), counted as the 好差评 report counts them.
   */
  rateCounts(branchId: string, from: number, to: number): RateCount[] {
    const out: RateCount[] = [];
    for (const r of this.s.servedCounts!.all(branchId, from, to) as Omit<RateCount, 'kind'>[])
      out.push({ ...r, kind: 'served', source: null, score: null });
    for (const r of this.s.ratingCounts!.all(branchId, from, to) as Omit<RateCount, 'kind'>[])
      out.push({ ...r, kind: r.score === null ? 'not-rated' : 'rated' });
    const low = from - NOT_RATED_AFTER_FINISH_MS;
    for (const r of this.s.notRatedCounts!.all({ branchId, from, to, low }) as RateCount[])
      out.push({ ...r, kind: 'not-rated', source: 'timeout', score: null, n: 1 });
    return out;
  }
  ticketsPage(q: TicketPageQuery): DayTicketRow[] {
    return this.s.ticketsPage!.all({
      branchId: q.branchId,
      // The cursor's day bounds the index range, so a deep page does not rescan earlier days.
      lowDay: q.after && q.after.day > q.fromDay ? q.after.day : q.fromDay,
      toDay: q.toDay,
      afterDay: q.after?.day ?? '',
      afterRowid: q.after?.rowid ?? 0,
      serviceId: q.serviceId,
      counterId: q.counterId,
      clerkId: q.clerkId,
      limit: q.limit,
    }) as DayTicketRow[];
  }
  eventsOfTickets(ids: readonly string[]): EventRow[] {
    return unfoldEvents(this.s.eventsOfTickets!.all(JSON.stringify(ids)) as EventRow[]);
  }
  /** Days of [from, to] whose ticket events the retention replaced with their cells (day_rollups). */
  archivedDays(branchId: string, from: string, to: string): string[] {
    return this.s.archivedDays!.all(branchId, from, to) as string[];
  }
  archivedCells(
    branchId: string,
    from: string,
    to: string,
    families: readonly string[],
  ): { day: string; family: string; key: string; data: Buffer }[] {
    return this.s.archivedCells!.all(branchId, from, to, JSON.stringify(families)) as {
      day: string;
      family: string;
      key: string;
      data: Buffer;
    }[];
  }
  ratingsOfTickets(ids: readonly string[]): TicketRatingRow[] {
    return this.s.ratingsOfTickets!.all({ ids: JSON.stringify(ids) }) as TicketRatingRow[];
  }
}
