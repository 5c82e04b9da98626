import { blob, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The report cells of the business days whose ticket events the retention removed (housekeeping):
 * the same cells the reports' rollup cache holds, kept here because they are now the only copy.
 * Written once per day, in the transaction that deletes the events; never changed.
 */
export const dayRollups = sqliteTable(
  'day_rollups',
  {
    branchId: text('branch_id').notNull(),
    day: text('day').notNull(),
    family: text('family').notNull(),
    key: text('key').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.day, t.family, t.key] })],
);
