import { integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Configuration of halls, queues and windows. JSON columns hold nested, validated config. */
export const branches = sqliteTable('branches', {
  id: text('id').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  timezone: text('timezone').notNull(),
  /** {locales, defaultLocale, hours, exceptions, issueCutoffMinutes, noShowAfterRecalls, …} */
  settings: text('settings', { mode: 'json' }).notNull(),
  /** The business day the branch numbers in; moved by the rollover. */
  currentDay: text('current_day'),
  noticeZh: text('notice_zh'),
  noticeEn: text('notice_en'),
  emergency: text('emergency', { mode: 'json' }),
});

export const services = sqliteTable(
  'services',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
    prefix: text('prefix').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    dailyCap: integer('daily_cap'),
    perPersonDailyLimit: integer('per_person_daily_limit'),
    targetWaitMinutes: integer('target_wait_minutes').notNull(),
    defaultServiceMinutes: real('default_service_minutes').notNull(),
    suspended: integer('suspended', { mode: 'boolean' }).notNull().default(false),
    suspendedReason: text('suspended_reason'),
    allowPriority: integer('allow_priority', { mode: 'boolean' }).notNull().default(true),
    requiresPersonId: integer('requires_person_id', { mode: 'boolean' }).notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    /** A deactivated service keeps its history and its prefix; it is no longer loaded or offered. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('services_branch_prefix').on(t.branchId, t.prefix)],
);

/** Each service's target wait with the time it took effect: a past report uses the target in force then. */
export const serviceTargets = sqliteTable(
  'service_targets',
  {
    serviceId: text('service_id').notNull(),
    effectiveFrom: integer('effective_from').notNull(),
    targetWaitMinutes: integer('target_wait_minutes').notNull(),
  },
  (t) => [uniqueIndex('service_targets_service_from').on(t.serviceId, t.effectiveFrom)],
);

export const counters = sqliteTable(
  'counters',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id')
      .notNull()
      .references(() => branches.id),
    number: integer('number').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    /** {services: [{serviceId, level}], rules: [{kind: 'overdue', serviceId, minutes}]} */
    profile: text('profile', { mode: 'json' }).notNull(),
    state: text('state').notNull().default('closed'),
    pauseReason: text('pause_reason'),
    currentTicketId: text('current_ticket_id'),
    clerkId: text('clerk_id'),
    stateSince: integer('state_since').notNull().default(0),
    /** A deactivated counter keeps its history; it is no longer loaded. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('counters_branch_number').on(t.branchId, t.number)],
);
