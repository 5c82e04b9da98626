import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One row per ticket. The unique (issuing service, business day, seq) index is the last line of
 * defence against a repeated number: the engine allocates numbers from `daily_sequences` in
 * the same transaction, and SQLite refuses a duplicate even if the engine were wrong.
 */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id').notNull(),
    serviceId: text('service_id').notNull(),
    businessDay: text('business_day').notNull(),
    seq: integer('seq').notNull(),
    code: text('code').notNull(),
    ticketClass: text('ticket_class').notNull(),
    status: text('status').notNull(),
    rank: real('rank').notNull(),
    issuedAt: integer('issued_at').notNull(),
    queuedAt: integer('queued_at').notNull(),
    calledAt: integer('called_at'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    counterId: text('counter_id'),
    targetCounterId: text('target_counter_id'),
    callCount: integer('call_count').notNull().default(0),
    callRule: text('call_rule'),
    callRuleDetail: text('call_rule_detail'),
    outcome: text('outcome'),
    estimatedWaitAtIssue: real('estimated_wait_at_issue'),
    locale: text('locale').notNull(),
    trackKey: text('track_key').notNull(),
    personHash: text('person_hash'),
    personMasked: text('person_masked'),
    originServiceId: text('origin_service_id'),
    /** The service whose daily sequence gave the number; a transfer changes service_id, not this. */
    issuedServiceId: text('issued_service_id').notNull().default(''),
    idempotencyKey: text('idempotency_key'),
    issuedBy: text('issued_by'),
    /**
     * When the rating pad's time ran out with no answer ("not rated", 好差评): kept on the row
     * rather than as a `ratings` row with its five index entries; a rating given later clears it.
     * Written by the feedback store only (the queue's ticket upsert leaves it alone).
     */
    notRatedAt: integer('not_rated_at'),
  },
  (t) => [
    uniqueIndex('tickets_number').on(t.issuedServiceId, t.businessDay, t.seq),
    // Most tickets come without a key: only those with one are indexed (the lookup names the key).
    uniqueIndex('tickets_idempotency')
      .on(t.branchId, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    // Partial index: the live queue is a tiny slice of a year of history.
    index('tickets_active')
      .on(t.branchId, t.status)
      .where(sql`status in ('waiting','called','serving','parked')`),
    index('tickets_day').on(t.branchId, t.businessDay),
    // The retention purge finds the few rows that still hold personal data without a scan.
    index('tickets_personal').on(t.issuedAt).where(sql`person_hash is not null or person_masked is not null`),
    // Recent real service durations per service, read at start for the wait estimate.
    index('tickets_service_finished').on(t.serviceId, t.status, t.finishedAt),
    // Finished tickets without a rating are looked up by time.
    index('tickets_finished').on(t.finishedAt),
  ],
);

export const dailySequences = sqliteTable(
  'daily_sequences',
  {
    serviceId: text('service_id').notNull(),
    businessDay: text('business_day').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.businessDay] })],
);

/**
 * Append-only: every transition with time, actor, counter and reason. Never updated; deleted
 * only by the configured retention, for days the reports have rolled up (housekeeping).
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    branchId: text('branch_id').notNull(),
    at: integer('at').notNull(),
    type: text('type').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    counterId: text('counter_id'),
    ticketId: text('ticket_id'),
    reason: text('reason'),
    payload: text('payload', { mode: 'json' }).notNull(),
    /**
     * Set on staff actions only: the client's address ('' when unknown). These rows are the audit
     * log's entries for the queue (db admin-store lists them with `audit_log`); null elsewhere.
     */
    ip: text('ip'),
  },
  (t) => [
    index('events_ticket').on(t.ticketId),
    index('events_branch_at').on(t.branchId, t.at),
    // A clerk's day (served, no-shows) is read from the events they caused: only those two
    // kinds are indexed by actor (the queries name the type as this literal), not every event.
    index('events_finished_by').on(t.actorId, t.at).where(sql`type = 'ticket.finished'`),
    index('events_no_show_by').on(t.actorId, t.at).where(sql`type = 'ticket.no_show'`),
  ],
);
