/**
 * The report workload's database: the demo hall seeded by the real server (its clerks, kiosk and
 * accounts drive call-next), plus a second branch `b1` holding a year of generated history
 * (server/src/modules/reports/synthetic.ts: twenty counters with clerk sessions and pauses, six
 * services, transfers, parks, no-shows, cancellations, ratings) of OPTIONS.yearTickets tickets
 * ending yesterday. The generator writes its own hall, whose service and counter ids are the
 * demo's; it is written into a scratch database, its ids are prefixed with `b1-`, and its rows
 * are copied across. Cached under test/artifacts/ (keyed by the migrations and the generator),
 * copied for each run. `tsx test/bench/reports-db.ts [--quick]` builds it alone.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb, ROLLUP_SCHEMA_VERSION } from '@guichet/db';
import Database from 'better-sqlite3';
import { addDays } from '../../server/src/modules/reports/period.js';
import { writeSyntheticHall } from '../../server/src/modules/reports/synthetic.js';
import { OPTIONS } from './options.js';
import { ROOT, startGuichet } from './procs.js';
import { migrationsHash } from './year-db.js';

export const REPORT_BRANCH = 'b1';
const TIMEZONE = 'Asia/Shanghai';
const DAYS = 365;

export interface ReportsMeta {
  tickets: number;
  events: number;
  ratings: number;
  /** First and last day of the history (both closed). */
  from: string;
  to: string;
  seconds: number;
  timezone: string;
}

function cacheDir(tickets: number): string {
  // Bump BUILD when this file changes what it builds.
  const hash = createHash('sha256').update(`${BUILD}`).update(migrationsHash());
  for (const f of ['server/src/modules/reports/synthetic.ts', 'server/src/demo/demo-hall.json']) {
    hash.update(readFileSync(join(ROOT, f)));
  }
  return join(ROOT, 'test/artifacts', `bench-reports-${tickets}-${hash.digest('hex').slice(0, 10)}`);
}
const BUILD = 1;

/**
 * Copies the cached database into `dest` (building it, and its pre-rolled rollup cache, first
 * if needed) and gives the report branch settings the live server accepts.
 */
export async function reportsDataDir(
  dest: string,
  say: (s: string) => void,
): Promise<{ dir: string; meta: ReportsMeta; prerolled: { file: string; seconds: number } }> {
  const cache = cacheDir(OPTIONS.yearTickets);
  if (!existsSync(join(cache, 'meta.json'))) await build(cache, OPTIONS.yearTickets, say);
  else say(`   report database: cached ${cache}`);
  if (!existsSync(join(cache, PREROLLED))) await preroll(cache, say);
  cpSync(cache, dest, { recursive: true });
  withSettings(join(dest, 'guichet.sqlite'));
  const meta = JSON.parse(readFileSync(join(dest, 'meta.json'), 'utf8')) as ReportsMeta;
  const { seconds } = JSON.parse(readFileSync(join(dest, `${PREROLLED}.json`), 'utf8')) as {
    seconds: number;
  };
  return {
    dir: dest,
    meta: { ...meta, timezone: meta.timezone ?? TIMEZONE },
    prerolled: { file: join(dest, PREROLLED), seconds },
  };
}

/**
 * The rollup cache the server's worker builds at idle, kept beside the cached database; named
 * by the cache's schema version, which the server would otherwise drop and roll up anew.
 */
const PREROLLED = `prerolled-v${ROLLUP_SCHEMA_VERSION}.reports.sqlite`;

/**
 * The generator leaves the branch's settings empty, which the live state refuses (the branch
 * would be left out: 404 on the routes that read it live, such as the ratings report). It gets
 * the demo hall's settings with the generated opening hours, 08:30–17:30 every day.
 */
function withSettings(file: string): void {
  const db = new Database(file);
  try {
    const demo = JSON.parse(
      db.prepare("select settings from branches where id = 'demo-hall'").pluck().get() as string,
    ) as Record<string, unknown>;
    const day = [{ open: '08:30', close: '17:30' }];
    const hours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, day]));
    db.prepare('update branches set settings = ? where id = ?').run(
      JSON.stringify({ ...demo, hours }),
      REPORT_BRANCH,
    );
  } finally {
    db.close();
  }
}

/** Closed days of the report branch in a rollup cache (0 while the worker has not created it). */
export function rolledDays(file: string): number {
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('select count(*) from days where branch_id = ?').pluck().get(REPORT_BRANCH) as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // created but not initialised yet
  }
}

/**
 * Starts the real server on a copy of the cached database and lets its worker roll the year up
 * at idle, as it does after a start; keeps the result and how long it took.
 */
async function preroll(cache: string, say: (s: string) => void): Promise<void> {
  const tmp = `${cache}.preroll`;
  rmSync(tmp, { recursive: true, force: true });
  cpSync(cache, tmp, { recursive: true });
  const db = join(tmp, 'guichet.sqlite');
  withSettings(db);
  const rollup = `${db}.reports.sqlite`;
  const t0 = performance.now();
  const g = await startGuichet({ dataDir: tmp, logFile: `${tmp}.log` });
  try {
    while (rolledDays(rollup) < DAYS) {
      if (performance.now() - t0 > 90 * 60_000) throw new Error('the year was not rolled up in 90 min');
      await new Promise((res) => setTimeout(res, 1_000));
    }
  } finally {
    await g.stop();
  }
  const seconds = Math.round((performance.now() - t0) / 1000);
  const r = new Database(rollup);
  r.pragma('wal_checkpoint(TRUNCATE)');
  r.close();
  cpSync(rollup, join(cache, PREROLLED));
  writeFileSync(join(cache, `${PREROLLED}.json`), `${JSON.stringify({ seconds })}\n`);
  rmSync(tmp, { recursive: true, force: true });
  rmSync(`${tmp}.log`, { force: true });
  say(`   report database: the server's worker rolled the year up at idle in ${seconds} s (kept)`);
}

/** Today's date in the generated branch's zone. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE }).format(new Date());

/**
 * Prefixes the generated hall's service and counter ids with `b1-` wherever they occur: id
 * columns, every *service_id / *counter_id column, the counters' profiles and the events'
 * payloads (serviceId, toServiceId).
 */
function rekey(db: Database.Database, tables: string[]): void {
  db.pragma('foreign_keys = OFF');
  const pre = `${REPORT_BRANCH}-`;
  db.transaction(() => {
    db.prepare(`update services set id = '${pre}' || id`).run();
    db.prepare(
      `update counters set id = '${pre}' || id, profile = replace(profile, '"svc-', '"${pre}svc-')`,
    ).run();
    db.prepare(`update events set payload = replace(payload, '"svc-', '"${pre}svc-')`).run();
    for (const t of tables) {
      for (const { name } of db.pragma(`table_info(${t})`) as { name: string }[]) {
        if (/(^|_)(service|counter)_id$/.test(name)) {
          db.prepare(`update ${t} set ${name} = '${pre}' || ${name} where ${name} is not null`).run();
        }
      }
    }
  })();
}

async function build(cache: string, total: number, say: (s: string) => void): Promise<void> {
  const t0 = performance.now();
  say(
    `   report database: building ${total.toLocaleString('en-US')} tickets into ${cache} (once, then cached)`,
  );
  const tmp = `${cache}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // The demo hall, seeded by the real server (accounts, devices, demo-credentials.json).
  await (await startGuichet({ dataDir: tmp, logFile: `${tmp}.log` })).stop();

  const scratch = join(tmp, 'scratch.sqlite');
  const to = addDays(today(), -1);
  const from = addDays(to, 1 - DAYS);
  const gen = openDb(scratch, { synchronous: 'NORMAL' });
  const made = writeSyntheticHall(gen, {
    branchId: REPORT_BRANCH,
    timezone: TIMEZONE,
    from,
    days: DAYS,
    ticketsPerDay: Math.round(total / DAYS),
    seed: 2026,
  });
  gen.$client.close();
  say(
    `   generated ${made.tickets.toLocaleString('en-US')} tickets, ${made.events.toLocaleString('en-US')} events`,
  );

  const db = new Database(join(tmp, 'guichet.sqlite'));
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.prepare('attach database ? as s').run(scratch);
  const tables = (
    db
      .prepare("select name from s.sqlite_master where type = 'table' and name not like '%migrations%'")
      .pluck()
      .all() as string[]
  ).filter(
    (t) => !t.startsWith('sqlite_') && db.prepare(`select exists (select 1 from s.${t})`).pluck().get(),
  );
  const sdb = new Database(scratch);
  rekey(sdb, tables);
  sdb.close();
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    for (const t of tables) {
      const cols = db.pragma(`s.table_info(${t})`) as { name: string; type: string; pk: number }[];
      // An integer primary key (the event log's sequence) is the destination's to assign.
      const pk = cols.filter((c) => c.pk > 0);
      const seq = pk.length === 1 && pk[0]!.type.toUpperCase() === 'INTEGER' ? pk[0]!.name : null;
      const own = cols.filter((c) => c.name !== seq).map((c) => c.name);
      const order = seq ? ` order by ${seq}` : '';
      db.prepare(`insert into main.${t} (${own}) select ${own} from s.${t}${order}`).run();
    }
  })();
  db.prepare('detach database s').run();
  const ratings = db
    .prepare('select count(*) from ratings where branch_id = ?')
    .pluck()
    .get(REPORT_BRANCH) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  rmSync(scratch, { force: true });
  rmSync(`${scratch}-wal`, { force: true });
  rmSync(`${scratch}-shm`, { force: true });
  const seconds = Math.round((performance.now() - t0) / 1000);
  const meta: ReportsMeta = {
    tickets: made.tickets,
    events: made.events,
    ratings,
    from,
    to,
    seconds,
    timezone: TIMEZONE,
  };
  writeFileSync(join(tmp, 'meta.json'), `${JSON.stringify(meta)}\n`);
  rmSync(cache, { recursive: true, force: true });
  renameSync(tmp, cache);
  rmSync(`${tmp}.log`, { force: true });
  say(`   report database: ${from} … ${to} built in ${seconds} s`);
}

if (process.argv[1] === import.meta.filename) {
  mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
  const cache = cacheDir(OPTIONS.yearTickets);
  if (!existsSync(join(cache, 'meta.json'))) await build(cache, OPTIONS.yearTickets, console.log);
  if (!existsSync(join(cache, PREROLLED))) await preroll(cache, console.log);
}
