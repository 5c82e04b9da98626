import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { auditLog, devices, sessions, settings, users } from './schema/index.js';

export type UserRow = typeof users.$inferSelect;
export type DeviceRow = typeof devices.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/** Staff accounts, sessions, paired devices, settings and the audit log. */
export class AuthStore {
  // Every request resolves its token: prepared once, not rebuilt by the query builder each time.
  private readonly sessionQuery;
  private readonly deviceQuery;
  // Read on every staff request (resolving its session): prepared once.
  private readonly userQuery;

  constructor(private readonly db: Db) {
    this.userQuery = db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare();
    this.sessionQuery = db
      .select()
      .from(sessions)
      .where(
        and(eq(sessions.tokenHash, sql.placeholder('hash')), gt(sessions.expiresAt, sql.placeholder('now'))),
      )
      .prepare();
    this.deviceQuery = db
      .select()
      .from(devices)
      .where(
        and(
          eq(devices.tokenHash, sql.placeholder('hash')),
          isNull(devices.revokedAt),
          or(isNull(devices.expiresAt), gt(devices.expiresAt, sql.placeholder('now'))),
        ),
      )
      .prepare();
  }

  userByLogin(login: string): UserRow | undefined {
    return this.db
      .select()
      .from(users)
      .where(and(eq(users.active, true), or(eq(users.username, login), eq(users.staffNumber, login))))
      .get();
  }
  userById(id: string): UserRow | undefined {
    return this.userQuery.get({ id });
  }
  insertUser(row: typeof users.$inferInsert): void {
    this.db.insert(users).values(row).run();
  }

  setPasswordHash(userId: string, passwordHash: string): void {
    this.db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
  }
  /** Signs a user out everywhere, or everywhere but the session that asked. */
  deleteUserSessions(userId: string, keepTokenHash: string | null): void {
    const mine = eq(sessions.userId, userId);
    this.db
      .delete(sessions)
      .where(keepTokenHash ? and(mine, ne(sessions.tokenHash, keepTokenHash)) : mine)
      .run();
  }

  insertSession(row: SessionRow): void {
    this.db.insert(sessions).values(row).run();
  }
  sessionByHash(tokenHash: string, now: number): SessionRow | undefined {
    return this.sessionQuery.get({ hash: tokenHash, now });
  }
  setSessionCounter(tokenHash: string, counterId: string | null): void {
    this.db.update(sessions).set({ counterId }).where(eq(sessions.tokenHash, tokenHash)).run();
  }
  /** A closed counter is nobody's: every session signed in to it is signed out of it. */
  releaseCounter(counterId: string): void {
    this.db.update(sessions).set({ counterId: null }).where(eq(sessions.counterId, counterId)).run();
  }
  deleteSession(tokenHash: string): void {
    this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
  }
  purgeSessions(now: number): number {
    return this.db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
  }

  insertDevice(row: typeof devices.$inferInsert): void {
    this.db.insert(devices).values(row).run();
  }
  /** A paired device whose token is neither revoked nor expired. */
  deviceByHash(tokenHash: string, now: number): DeviceRow | undefined {
    return this.deviceQuery.get({ hash: tokenHash, now });
  }
  /** Every device not revoked (the registry drives their printers and LED displays). */
  allDevices(): DeviceRow[] {
    return this.db.select().from(devices).where(isNull(devices.revokedAt)).all();
  }

  audit(entry: typeof auditLog.$inferInsert): void {
    this.db.insert(auditLog).values(entry).run();
  }

  getSetting(key: string): string | undefined {
    return this.db.select().from(settings).where(eq(settings.key, key)).get()?.value;
  }
  deleteSetting(key: string): void {
    this.db.delete(settings).where(eq(settings.key, key)).run();
  }
  setSetting(key: string, value: string): void {
    this.db
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value } })
      .run();
  }
}
