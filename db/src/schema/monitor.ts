import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Each branch's alert rules (JSON validated by the server's monitor module when written and read). */
export const alertRules = sqliteTable('alert_rules', {
  branchId: text('branch_id').primaryKey(),
  rules: text('rules').notNull(),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/**
 * Alerts raised and cleared by the server, acknowledged by a person; kept after they clear
 * (their history). `key` names the condition (`queue_length:svc-a`): one open alert per key.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    branchId: text('branch_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    serviceId: text('service_id'),
    counterId: text('counter_id'),
    /** JSON: {value, threshold} and whatever the rule adds. */
    detail: text('detail').notNull(),
    raisedAt: integer('raised_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    clearedAt: integer('cleared_at'),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [
    index('alerts_branch_raised').on(t.branchId, t.raisedAt),
    index('alerts_branch_open').on(t.branchId, t.clearedAt),
  ],
);
