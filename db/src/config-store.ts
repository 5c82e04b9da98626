import { eq, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { branches, counters, services } from './schema/index.js';

/** Hall configuration: branches, services and counters, and the branch's notices. */
export class ConfigStore {
  constructor(private readonly db: Db) {}

  isEmpty(): boolean {
    return (this.db.select({ n: sql<number>`count(*)` }).from(branches).get()?.n ?? 0) === 0;
  }

  insertHall(hall: {
    branch: typeof branches.$inferInsert;
    services: (typeof services.$inferInsert)[];
    counters: (typeof counters.$inferInsert)[];
  }): void {
    this.db.$client.transaction(() => {
      this.db.insert(branches).values(hall.branch).run();
      for (const s of hall.services) this.db.insert(services).values(s).run();
      for (const c of hall.counters) this.db.insert(counters).values(c).run();
    })();
  }

  setNotice(branchId: string, notice: { zh: string; en: string } | null): void {
    this.db
      .update(branches)
      .set({ noticeZh: notice?.zh ?? null, noticeEn: notice?.en ?? null })
      .where(eq(branches.id, branchId))
      .run();
  }

  setEmergency(branchId: string, emergency: unknown): void {
    this.db.update(branches).set({ emergency }).where(eq(branches.id, branchId)).run();
  }
}
