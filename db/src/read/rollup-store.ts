import Database from 'better-sqlite3';

/**
 * The derived rollup cache of the reports engine: one SQLite file beside the database
 * (`<db>.reports.sqlite`), written only by the engine, never part of the durable write path.
 * Deleting it loses nothing: every closed day is rolled up again from the event log on demand.
 *
 * A day row records what it was computed from (its tickets' event count and highest event id,
 * and the highest event id in the whole log at the time) so a later change can be detected.
 */
// 4: service levels measured against the target in force when each leg began waiting.
// 5: call order, open rate and 好差评 rates per day (families order*, open-rate, rates-*).
export const ROLLUP_SCHEMA_VERSION = 5;

/** Every family a day's rollup holds: a day is replaced or dropped as a whole. */
export const ROLLUP_FAMILIES = [
  'day',
  'hour',
  'service',
  'counter',
  'clerk',
  'est-service',
  'est-hour',
  'staff',
  'order',
  'order-calls',
  'open-rate',
  'rates-total',
  'rates-counter',
  'rates-clerk',
  'rates-service',
  'rates-channel',
] as const;

export interface RollupDay {
  branchId: string;
  day: string;
  eventCount: number;
  maxEventId: number;
  /** The log's highest event id when the day was rolled up: later events touching it are changes. */
  seenMaxEventId: number;
  /** The targets (minutes per service) the service level was computed with. */
  targets: string;
  computedAt: number;
}
export interface RollupCellRow {
  day: string;
  family: string;
  key: string;
  data: Buffer;
}

export class RollupStore {
  private readonly s: Record<string, Database.Statement>;

  constructor(readonly client: Database.Database) {
    client.pragma('journal_mode = WAL');
    // A cache: losing the last write on power loss only means rolling a day up again.
    client.pragma('synchronous = OFF');
    const version = client.pragma('user_version', { simple: true }) as number;
    if (version !== ROLLUP_SCHEMA_VERSION) {
      client.exec(`drop table if exists days; drop table if exists cells; drop table if exists meta;
        pragma user_version = ${ROLLUP_SCHEMA_VERSION};`);
    }
    client.exec(`
      create table if not exists days (branch_id text not null, day text not null, event_count integer not null,
        max_event_id integer not null, seen_max_event_id integer not null, targets text not null,
        computed_at integer not null, primary key (branch_id, day)) without rowid;
      create table if not exists cells (branch_id text not null, day text not null, family text not null,
        key text not null, data blob not null, primary key (branch_id, family, day, key)) without rowid;
      create table if not exists meta (key text primary key, value text not null) without rowid;`);
    const p = (sql: string) => client.prepare(sql);
    this.s = {
      days: p(
        `select branch_id as branchId, day, event_count as eventCount, max_event_id as maxEventId,
         seen_max_event_id as seenMaxEventId, targets, computed_at as computedAt
         from days where branch_id = ? and day >= ? and day <= ?`,
      ),
      // Family leads the key: a report reads only its families' rows over the period.
      cells: p(
        `select day, family, key, data from cells where branch_id = ? and family = ? and day >= ? and day <= ?`,
      ),
      putDay: p(
        `insert or replace into days values (@branchId, @day, @eventCount, @maxEventId, @seenMaxEventId,
         @targets, @computedAt)`,
      ),
      putCell: p('insert into cells values (?, ?, ?, ?, ?)'),
      dropDay: p('delete from days where branch_id = ? and day = ?'),
      // Families listed so the delete seeks each (branch, family, day) instead of scanning.
      dropCells: p(
        `delete from cells where branch_id = ? and day = ? and family in
         (${ROLLUP_FAMILIES.map((f) => `'${f}'`).join(', ')})`,
      ),
      getMeta: p('select value from meta where key = ?').pluck(),
      setMeta: p('insert or replace into meta values (?, ?)'),
    };
  }

  static open(file: string): RollupStore {
    const client = new Database(file);
    client.pragma('busy_timeout = 5000');
    return new RollupStore(client);
  }

  days(branchId: string, from: string, to: string): RollupDay[] {
    return this.s.days!.all(branchId, from, to) as RollupDay[];
  }

  /**
   * The cells of some families over [from, to], one row at a time: the reader may pause
   * between two (reports give way to live work, server/src/modules/reports/give-way.ts).
   */
  *eachCell(
    branchId: string,
    from: string,
    to: string,
    families: readonly string[],
  ): Generator<RollupCellRow> {
    for (const f of families)
      yield* this.s.cells!.iterate(branchId, f, from, to) as IterableIterator<RollupCellRow>;
  }

  /** Replaces a day's rollup in one transaction: a reader never sees half a day. */
  putDay(day: RollupDay, cells: readonly { family: string; key: string; data: Buffer }[]): void {
    this.client.transaction(() => {
      this.s.dropCells!.run(day.branchId, day.day);
      for (const c of cells) this.s.putCell!.run(day.branchId, day.day, c.family, c.key, c.data);
      this.s.putDay!.run(day);
    })();
  }

  dropDay(branchId: string, day: string): void {
    this.client.transaction(() => {
      this.s.dropCells!.run(branchId, day);
      this.s.dropDay!.run(branchId, day);
    })();
  }

  meta(key: string): string | null {
    return (this.s.getMeta!.get(key) as string | undefined) ?? null;
  }
  setMeta(key: string, value: string): void {
    this.s.setMeta!.run(key, value);
  }

  close(): void {
    this.client.close();
  }
}
