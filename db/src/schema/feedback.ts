import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** 好差评: one rating per ticket, bound to the clerk, counter and service that served it. */
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
    reason: text('reason'),
    source: text('source').notNull(), // pad | phone | keypad | timeout
    at: integer('at').notNull(),
  },
  (t) => [uniqueIndex('ratings_ticket').on(t.ticketId), index('ratings_clerk').on(t.clerkId, t.at)],
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
    status: text('status').notNull(), // open | assigned | answered | closed
    summary: text('summary').notNull(),
    assigneeId: text('assignee_id'),
    answer: text('answer'),
    openedAt: integer('opened_at').notNull(),
    dueAt: integer('due_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [index('cases_status').on(t.branchId, t.status)],
);
