import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    staffNumber: text('staff_number'),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(), // admin | manager | clerk
    branchId: text('branch_id'),
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    /** A small JPEG/PNG data URL shown on the rating pad of the counter the person works at. */
    photo: text('photo'),
  },
  (t) => [uniqueIndex('users_username').on(t.username), uniqueIndex('users_staff_number').on(t.staffNumber)],
);

/** Only a hash of the bearer token is stored: a copied database holds no usable session. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    counterId: text('counter_id'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Kiosks, hall displays and rating pads, each paired to a branch (and a pad to a counter). */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(), // kiosk | display | pad
    branchId: text('branch_id').notNull(),
    counterId: text('counter_id'),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    config: text('config', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** The token stops working after this time unless it is used (each use moves it on); null: never. */
    expiresAt: integer('expires_at'),
    /** A revoked device is refused at once; the row stays for the audit log. */
    revokedAt: integer('revoked_at'),
    /** A one-time pairing code (hashed) and until when it may be exchanged for the token. */
    pairingHash: text('pairing_hash'),
    pairingExpiresAt: integer('pairing_expires_at'),
  },
  (t) => [uniqueIndex('devices_token').on(t.tokenHash), uniqueIndex('devices_pairing').on(t.pairingHash)],
);

/**
 * Written by the command bus from the events of each commit, in the same transaction. The queue's
 * staff actions (calls, finishes…) are not copied here: their `events` rows carry the address and
 * the audit read lists them with these (db admin-store).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    /** The branch the event belongs to (null for installation-wide ones: sign-ins, accounts). */
    branchId: text('branch_id'),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail', { mode: 'json' }),
    /** The audited subject as it was before the event and as it is after (JSON copies). */
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    ip: text('ip'),
  },
  (t) => [index('audit_at').on(t.at), index('audit_branch_at').on(t.branchId, t.at)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
