/**
 * A Guichet database with a year of history: the demo hall seeded by the real server, then
 * `OPTIONS.yearTickets` finished tickets (with the events Guichet itself writes for an
 * issue → call → finish) spread over the working days of the past year, with opening hours,
 * morning and afternoon peaks and a realistic service mix. Rows are cloned from one real cycle
 * run through the HTTP API, so their shape follows the schema. Cached under test/artifacts/
 * (keyed by the migrations), copied for each run. `tsx test/bench/year-db.ts [--quick]` builds it alone.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { TicketCloner } from './clone.js';
import { OPTIONS } from './options.js';
import { ROOT, startGuichet } from './procs.js';
import { api, keepAlive } from './util.js';

/** A hash of db/migrations: a new migration builds new cached databases. */
export function migrationsHash(): string {
  const mig = join(ROOT, 'db/migrations');
  const hash = createHash('sha256');
  for (const f of readdirSync(mig)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(f).update(readFileSync(join(mig, f)));
  }
  return hash.digest('hex').slice(0, 10);
}

const cacheDir = (tickets: number) =>
  join(ROOT, 'test/artifacts', `bench-year-${tickets}-${migrationsHash()}`);

/** Copies the cached year database (building it first if needed) into `dest`; returns `dest`. */
export async function yearDataDir(dest: string, say: (s: string) => void): Promise<string> {
  const cache = cacheDir(OPTIONS.yearTickets);
  if (!existsSync(join(cache, 'meta.json'))) await build(cache, OPTIONS.yearTickets, say);
  else say(`   year database: cached ${cache}`);
  cpSync(cache, dest, { recursive: true });
  return dest;
}

/** One real issue → call-next → finish through the API: the rows it leaves are the template. */
async function template(dir: string): Promise<void> {
  const g = await startGuichet({ dataDir: dir, logFile: `${dir}.log` });
  const agent = keepAlive();
  try {
    const { token } = await api<{ token: string }>(agent, g.port, 'POST', '/api/v1/auth/login', {
      username: 'clerk1',
      password: g.passwords.clerk1 ?? '',
    });
    await api(agent, g.port, 'POST', '/api/v1/counters/ctr-1/open', {}, token);
    const kiosk = g.devices['kiosk-2']!;
    await api(
      agent,
      g.port,
      'POST',
      '/api/v1/branches/demo-hall/tickets',
      { serviceId: 'svc-social' },
      kiosk,
    );
    await api(agent, g.port, 'POST', '/api/v1/counters/ctr-1/call-next', {}, token);
    await api(agent, g.port, 'POST', '/api/v1/counters/ctr-1/finish', {}, token);
  } finally {
    agent.destroy();
    await g.stop();
  }
}

/** Local midnight of the day `daysAgo` before today in `tz`, with its weekday (0 = Sunday). */
function localDay(daysAgo: number, tz: string): { day: string; midnight: number; weekday: number } {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const day = fmt.format(Date.now() - daysAgo * 86_400_000);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // The zone's offset at noon that day (no zone changes offset around noon).
  const noon = new Date(utcMidnight + 12 * 3_600_000);
  const local = new Date(noon.toLocaleString('en-US', { timeZone: tz }));
  const offset = local.getTime() - new Date(noon.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
  return { day, midnight: utcMidnight - offset, weekday: new Date(utcMidnight).getUTCDay() };
}

/** Arrival minutes after opening: peaks mid-morning and mid-afternoon, a lunch dip. */
function arrivalCdf(openMin: number, closeMin: number): Float64Array {
  const w = new Float64Array(closeMin - openMin);
  const bump = (m: number, at: number, sd: number) => Math.exp(-(((m - at) / sd) ** 2) / 2);
  let sum = 0;
  for (let i = 0; i < w.length; i++) {
    const m = openMin + i;
    const lunch = m >= 720 && m < 810 ? 0.6 : 1;
    sum += (1 + 1.2 * bump(m, 600, 50) + 0.8 * bump(m, 870, 50)) * lunch;
    w[i] = sum;
  }
  return w.map((x) => x / sum);
}

function sampleMinute(cdf: Float64Array): number {
  const r = Math.random();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function build(cache: string, total: number, say: (s: string) => void): Promise<void> {
  const t0 = performance.now();
  say(
    `   year database: building ${total.toLocaleString('en-US')} tickets into ${cache} (once, then cached)`,
  );
  const tmp = `${cache}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await template(tmp);
  const db = new Database(join(tmp, 'guichet.sqlite'));
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const tplId = db.prepare('select id from tickets').pluck().get() as string;
  const cloner = new TicketCloner(db, tplId);
  const tz = cloner.timezone;
  // The template leaves: today starts empty.
  db.prepare('delete from events where ticket_id = ?').run(tplId);
  db.prepare('delete from tickets where id = ?').run(tplId);
  db.prepare('delete from daily_sequences').run();

  // Working days of the past year: Mon–Fri 08:30–17:00, Saturday 09:00–12:00.
  const days = [];
  for (let ago = 365; ago >= 1; ago--) {
    const d = localDay(ago, tz);
    if (d.weekday === 0) continue;
    const [open, close] = d.weekday === 6 ? [540, 720] : [510, 1020];
    const factor = d.weekday === 1 ? 1.2 : d.weekday === 5 ? 0.9 : 1;
    days.push({ ...d, open, close, weight: (close - open) * factor * (0.85 + Math.random() * 0.3) });
  }
  const weightSum = days.reduce((a, d) => a + d.weight, 0);
  let made = 0;
  days.forEach((d, i) => {
    const n = i === days.length - 1 ? total - made : Math.round((total * d.weight) / weightSum);
    made += n;
    const cdf = arrivalCdf(d.open, d.close);
    const arrivals = Array.from(
      { length: n },
      () => d.midnight + (d.open + sampleMinute(cdf)) * 60_000 + Math.floor(Math.random() * 60_000),
    ).sort((a, b) => a - b);
    cloner.writeDay(d.day, arrivals);
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = Math.round((performance.now() - t0) / 1000);
  writeFileSync(
    join(tmp, 'meta.json'),
    `${JSON.stringify({ tickets: total, days: days.length, seconds, events: cloner.eventTypes })}\n`,
  );
  rmSync(cache, { recursive: true, force: true });
  renameSync(tmp, cache);
  rmSync(`${tmp}.log`, { force: true });
  say(
    `   year database: ${total.toLocaleString('en-US')} tickets over ${days.length} working days built in ${seconds} s`,
  );
}

if (process.argv[1] === import.meta.filename) {
  mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
  const cache = cacheDir(OPTIONS.yearTickets);
  await build(cache, OPTIONS.yearTickets, console.log);
}
