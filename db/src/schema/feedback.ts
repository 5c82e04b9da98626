import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * 好差评: one rating per ticket across every channel, bound to the clerk, counter and service
 * that served it. Who rated is never stored. A given rating is never changed; a "not rated"
 * record (the pad's timeout) gives way to a rating given later on another channel.
 */
export const ratings = sqliteTable(
  'ratings',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    branchId: text('branch_id').notNull(),
    serviceId: text('service_id').notNull(),
    counterId: text('counter_id'),
    clerkId: text('clerk_id'),
    /** 5 very satisfied … 1 very dissatisfied; null = not rated in time. */
    score: integer('score'),
    /** The first 差评 reason (kept for older readers); all of them in `reasons`. */
    reason: text('reason'),
    source: text('source').notNull(), // pad | phone | keypad | kiosk | timeout
    at: integer('at').notNull(),
    /** {overall, efficiency, quality, attitude}: 1–5 each, where given. */
    dimensions: text('dimensions', { mode: 'json' }).$type<Record<string, number>>(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>(),
    /** The citizen's words, as given. */
    text: text('text'),
    /** The supplementary comment (补充评价), once, within the configured period. */
    comment: text('comment'),
    commentAt: integer('comment_at'),
  },
  (t) => [
    uniqueIndex('ratings_ticket').on(t.ticketId),
    index('ratings_clerk').on(t.clerkId, t.at),
    index('ratings_branch_at').on(t.branchId, t.at),
  ],
);

/** Follow-up cases: every bad rating and every complaint gets one, and every case an answer. */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id').notNull(),
    kind: text('kind').notNull(), // bad_rating | complaint
    ticketId: text('ticket_id'),
    ratingId: text('rating_id'),
    status: text('status').notNull(), // open | called_back | resolved | answered | closed
    /** System text in English (older rows); `summaryZh` beside it. */
    summary: text('summary').notNull(),
    assigneeId: text('assignee_id'),
    answer: text('answer'),
    openedAt: integer('opened_at').notNull(),
    dueAt: integer('due_at').notNull(),
    closedAt: integer('closed_at'),
    channel: text('channel').notNull().default('pad'),
    category: text('category'),
    summaryZh: text('summary_zh'),
    /** The complaint in the citizen's words. */
    citizenText: text('citizen_text'),
    serviceId: text('service_id'),
    counterId: text('counter_id'),
    clerkId: text('clerk_id'),
    contactName: text('contact_name'),
    /** Shown on screens and in exports. */
    contactMasked: text('contact_masked'),
    /** The number itself, for the callback only; deleted with other personal data. */
    contactPhone: text('contact_phone'),
    /** A keyed hash of the complaining address (phone page limit per address and day). */
    originHash: text('origin_hash'),
    openedDay: text('opened_day'),
    callbackDay: text('callback_day'),
    resolutionDay: text('resolution_day'),
  },
  (t) => [
    index('cases_status').on(t.branchId, t.status),
    index('cases_branch_opened').on(t.branchId, t.openedAt),
    index('cases_ticket').on(t.ticketId),
  ],
);

/** Every step of a case, in order; never updated or deleted. */
export const caseSteps = sqliteTable(
  'case_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id').notNull(),
    at: integer('at').notNull(),
    by: text('by').notNull(),
    kind: text('kind').notNull(),
    /** method, text, resolution, dueDay, satisfaction, assigneeId as given. */
    detail: text('detail', { mode: 'json' }).notNull().$type<Record<string, string>>(),
  },
  (t) => [index('case_steps_case').on(t.caseId, t.id)],
);

/** Inspection entries (巡查) about a clerk, her answer or appeal, and a manager's decision. */
export const appraisalEntries = sqliteTable(
  'appraisal_entries',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id').notNull(),
    userId: text('user_id').notNull(),
    day: text('day').notNull(),
    kind: text('kind').notNull(), // inspection
    observation: text('observation').notNull(),
    evidence: text('evidence'),
    points: integer('points').notNull(),
    authorId: text('author_id').notNull(),
    at: integer('at').notNull(),
    answer: text('answer'),
    answerAt: integer('answer_at'),
    appeal: integer('appeal', { mode: 'boolean' }).notNull().default(false),
    appealStatus: text('appeal_status'), // pending | upheld | overturned
    decision: text('decision'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
  },
  (t) => [
    index('appraisal_entries_user').on(t.userId, t.day),
    index('appraisal_entries_branch').on(t.branchId, t.day),
  ],
);

/**
 * The nightly record (逐日按人考评) of each clerk's day as it was produced when the day closed:
 * a past day reads back this row, so later changes of hours, targets or staff do not rewrite
 * it. Only its entries and points follow later inspection entries, answers and decisions
 * (each of them a command with an audit row), and `revised_at` says when that last happened.
 */
export const appraisalDays = sqliteTable(
  'appraisal_days',
  {
    userId: text('user_id').notNull(),
    day: text('day').notNull(),
    branchId: text('branch_id').notNull(),
    /** The AppraisalRecord as JSON. */
    record: text('record', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    producedAt: integer('produced_at').notNull(),
    revisedAt: integer('revised_at'),
  },
  (t) => [
    uniqueIndex('appraisal_days_user_day').on(t.userId, t.day),
    index('appraisal_days_branch').on(t.branchId, t.day),
  ],
);
