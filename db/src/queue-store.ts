import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { and, eq, getTableColumns, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { Checkpointer } from './checkpointer.js';
import type { Db } from './open.js';
import { branches, counters, dailySequences, events, services, tickets } from './schema/index.js';
import { unfoldEvents } from './unfold.js';
import { WalSync } from './wal-sync.js';

export type TicketRow = typeof tickets.$inferSelect;
export type CounterRow = typeof counters.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type BranchRow = typeof branches.$inferSelect;

export interface EventRecord {
  branchId: string;
  at: number;
  type: string;
  actorKind: string;
  actorId: string;
  counterId: string | null;
  ticketId: string | null;
  reason: string | null;
  payload: unknown;
  /** Set on staff actions only (their audit entry): the client's address, '' when unknown. */
  ip?: string | null;
}

/** The columns the live state owns (`not_rated_at` is the feedback store's). */
const TICKET_COLUMNS = Object.entries(tickets).filter(
  ([key, c]) => typeof c === 'object' && c && 'name' in c && key !== 'notRatedAt',
);

/** Column kinds whose stored value is already the property's value (no conversion on read). */
const PLAIN_COLUMNS = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal']);

/**
 * The ticket columns and their properties, for reading many tickets at once: a start after a long
 * day reads 100,000 of today's tickets, and drizzle's mapping of each column of each row took a
 * quarter of that read (SQLite making the values takes the rest). A column that needs a
 * conversion on read would break the plain copy silently, so it stops the start here instead.
 */
const TICKET_READ = Object.entries(getTableColumns(tickets)).map(([key, c]) => {
  if (!PLAIN_COLUMNS.has(c.columnType))
    throw new Error(`tickets.${key} (${c.columnType}) needs a conversion on read; load it through drizzle`);
  return { key, name: c.name };
});

/**
 * A ticket row from its values in TICKET_READ's order, as one object literal with every key:
 * V8 then makes each object at its full size at once, where setting 35 keys one by one on `{}`
 * grew each object's property store several times (garbage for the collector, 100,000 times
 * over at a start after a long day). Made from the schema's column names, never from data.
 */
const ticketRow = new Function(
  'v',
  `return { ${TICKET_READ.map((c, i) => `${JSON.stringify(c.key)}: v[${i}]`).join(', ')} };`,
) as (values: unknown[]) => TicketRow;

/** The rows one by one: each array of values is garbage at once instead of living beside the objects. */
function ticketRows(rows: Iterable<unknown[]>, into: TicketRow[] = []): TicketRow[] {
  for (const v of rows) into.push(ticketRow(v));
  return into;
}
const ACTIVE = "status in ('waiting','called','serving','parked')";

/**
 * The writes every command makes, as prepared statements: they run inside one transaction per
 * batch of commands and are the hot path of the server (see docs on drizzle's builder cost).
 */
export class QueueStore {
  private readonly client: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly upsertTicket: Database.Statement;
  private readonly upsertCounter: Database.Statement;
  private readonly bumpSequence: Database.Statement;
  private readonly setDay: Database.Statement;
  private readonly closeTicket: Database.Statement;
  private readonly idempotencyLookup: Database.Statement;
  private readonly activeTickets: Database.Statement;
  private readonly activeBeforeDay: Database.Statement;
  private readonly dayTickets: Database.Statement;
  /** Set when commits can leave their fsync to `durable()`: a WAL file opened with synchronous=FULL. */
  private readonly walSync: WalSync | null;
  private readonly checkpointer: Checkpointer | null;

  constructor(readonly db: Db) {
    this.client = db.$client;
    const full = this.client.pragma('synchronous', { simple: true }) === 2;
    const wal = this.client.pragma('journal_mode', { simple: true }) === 'wal';
    const deferrable = full && wal && !this.client.memory;
    this.walSync = deferrable ? new WalSync(`${resolve(this.client.name)}-wal`) : null;
    this.checkpointer = deferrable
      ? new Checkpointer(
          resolve(this.client.name),
          (pages) => this.client.pragma(`wal_autocheckpoint = ${pages}`),
          // Twice what a restart cuts the file back to (open.ts: 16 MiB, so 32 MiB).
          2 * Number(this.client.pragma('journal_size_limit', { simple: true })),
        )
      : null;
    this.insertEvent = this.client.prepare(
      `insert into events (branch_id, at, type, actor_kind, actor_id, counter_id, ticket_id, reason, payload, ip)
       values (@branchId, @at, @type, @actorKind, @actorId, @counterId, @ticketId, @reason, @payload, @ip)`,
    );
    const cols = TICKET_COLUMNS.map(([key, col]) => [key, (col as { name: string }).name] as const);
    this.upsertTicket = this.client.prepare(
      `insert into tickets (${cols.map(([, n]) => n).join(', ')}) values (${cols.map(([k]) => `@${k}`).join(', ')})
       on conflict(id) do update set ${cols
         .filter(([k]) => k !== 'id')
         .map(([, n]) => `${n} = excluded.${n}`)
         .join(', ')}`,
    );
    this.upsertCounter = this.client.prepare(
      `update counters set state = @state, pause_reason = @pauseReason, current_ticket_id = @currentTicketId,
       clerk_id = @clerkId, state_since = @stateSince where id = @id`,
    );
    // Monotonic: a number once allocated stays allocated even if the ticket row were lost.
    this.bumpSequence = this.client.prepare(
      `insert into daily_sequences (service_id, business_day, last_seq) values (?, ?, ?)
       on conflict(service_id, business_day) do update set last_seq = max(last_seq, excluded.last_seq)`,
    );
    this.setDay = this.client.prepare('update branches set current_day = ? where id = ?');
    this.closeTicket = this.client.prepare(
      "update tickets set status = 'cancelled', outcome = 'reset', finished_at = ? where id = ?",
    );
    this.idempotencyLookup = this.client
      .prepare('select id from tickets where branch_id = ? and idempotency_key = ?')
      .pluck();
    // Each by its own index (tickets_active, tickets_day): an `or` of the two would walk the
    // branch's whole history.
    const ticketsWhere = (where: string) =>
      this.client
        .prepare(
          `select ${TICKET_READ.map((c) => c.name).join(', ')} from tickets where branch_id = ? and ${where}`,
        )
        .raw();
    this.activeTickets = ticketsWhere(ACTIVE);
    this.activeBeforeDay = ticketsWhere(`${ACTIVE} and business_day <> ?`);
    this.dayTickets = ticketsWhere('business_day = ?');
  }

  /** Runs `fn` in one transaction (a savepoint when nested), durable when it returns. */
  transaction<T>(fn: () => T): T {
    return this.client.transaction(fn)();
  }

  /**
   * Runs `fn` in one transaction whose COMMIT does not wait for the disk: the caller must await
   * `durable()` before anything it wrote is acknowledged or shown. Other writers on this
   * connection keep FULL (the setting is switched back when the commit returns).
   */
  transactionDeferred<T>(fn: () => T): T {
    if (!this.walSync || this.client.inTransaction) return this.transaction(fn);
    // Not a prepared statement: SQLite applies this pragma when it compiles it, not when it runs.
    this.client.pragma('synchronous = NORMAL');
    try {
      return this.client.transaction(fn)();
    } finally {
      this.client.pragma('synchronous = FULL');
    }
  }

  /** Resolves once every transaction committed so far is on disk (at once when commits already were). */
  durable(): Promise<void> {
    if (!this.walSync) return Promise.resolve();
    const done = this.walSync.durable();
    done.then(
      () => this.checkpointer?.committed(),
      () => {},
    );
    return done;
  }

  /** Null when a commit may go ahead now; else resolves when it may (the log is being copied, Checkpointer.room). */
  walRoom(): Promise<void> | null {
    return this.checkpointer?.room() ?? null;
  }

  /** Stops the fsyncs (after the last `durable()` settled) before the connection closes. */
  releaseWal(): void {
    this.checkpointer?.stop();
    this.walSync?.close();
  }

  appendEvent(e: EventRecord): void {
    this.insertEvent.run({ ...e, ip: e.ip ?? null, payload: JSON.stringify(e.payload) });
  }

  /** Writes the ticket row; a newly issued one also records its number as allocated. */
  saveTicket(t: TicketRow, issued = false): void {
    this.upsertTicket.run(t);
    if (issued) this.bumpSequence.run(t.issuedServiceId, t.businessDay, t.seq);
  }

  saveCounterState(
    c: Pick<CounterRow, 'id' | 'state' | 'pauseReason' | 'currentTicketId' | 'clerkId' | 'stateSince'>,
  ): void {
    this.upsertCounter.run(c);
  }

  /** The rollover closes yesterday's open tickets: cancelled, outcome reset. */
  closeTickets(ids: readonly string[], at: number): void {
    for (const id of ids) this.closeTicket.run(at, id);
  }

  saveCurrentDay(branchId: string, day: string): void {
    this.setDay.run(day, branchId);
  }

  loadBranches(): BranchRow[] {
    return this.db.select().from(branches).all();
  }
  loadServices(): ServiceRow[] {
    return this.db.select().from(services).where(eq(services.active, true)).all();
  }
  loadCounters(): CounterRow[] {
    return this.db.select().from(counters).where(eq(counters.active, true)).all();
  }

  /** A branch's tickets of `day` and its still-active ones of any day (the rollover closes those). */
  loadLiveTickets(branchId: string, day: string | null): TicketRow[] {
    const older = ticketRows(
      (day ? this.activeBeforeDay.iterate(branchId, day) : this.activeTickets.iterate(branchId)) as Iterable<
        unknown[]
      >,
    );
    return day ? ticketRows(this.dayTickets.iterate(branchId, day) as Iterable<unknown[]>, older) : older;
  }

  loadSequences(day: string, serviceIds: string[]): { serviceId: string; lastSeq: number }[] {
    if (serviceIds.length === 0) return [];
    return this.db
      .select({ serviceId: dailySequences.serviceId, lastSeq: dailySequences.lastSeq })
      .from(dailySequences)
      .where(and(eq(dailySequences.businessDay, day), inArray(dailySequences.serviceId, serviceIds)))
      .all();
  }

  /** Recent real service durations, newest last, to seed the wait estimate after a restart. */
  loadRecentDurations(serviceId: string, since: number, limit: number): number[] {
    const rows = this.db
      .select({ startedAt: tickets.startedAt, finishedAt: tickets.finishedAt })
      .from(tickets)
      .where(
        and(
          eq(tickets.serviceId, serviceId),
          eq(tickets.status, 'done'),
          isNotNull(tickets.startedAt),
          gte(tickets.finishedAt, since),
        ),
      )
      .orderBy(sql`${tickets.finishedAt} desc`)
      .limit(limit)
      .all();
    return rows.reverse().map((r) => Math.max(0, (r.finishedAt ?? 0) - (r.startedAt ?? 0)));
  }

  ticketIdByIdempotencyKey(branchId: string, key: string): string | null {
    return (this.idempotencyLookup.get(branchId, key) as string | undefined) ?? null;
  }

  eventsOfTicket(ticketId: string) {
    return unfoldEvents(
      this.db.select().from(events).where(eq(events.ticketId, ticketId)).orderBy(events.id).all(),
    );
  }

  eventCount(): number {
    return this.client.prepare('select count(*) as n from events').pluck().get() as number;
  }

  /** A cheap read that fails when the database does (health checks). */
  ping(): boolean {
    try {
      return this.client.prepare('select 1').pluck().get() === 1;
    } catch {
      return false;
    }
  }
}
