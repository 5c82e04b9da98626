/**
 * 5. The report workload on the real server: a year of generated history (reports-db.ts); the
 * first summary of a day, a month and the year on an empty rollup cache (cold, once each, on a
 * freshly started server); every report warm (report-latency.ts); call-next alone and while
 * reports run in a loop (report-load.ts).
 */
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type Guichet, startGuichet } from './procs.js';
import { type PeriodName, periodsOf, reportPaths, timedGet, warmReports } from './report-latency.js';
import { callNextUnderReports } from './report-load.js';
import { REPORT_BRANCH, reportsDataDir, rolledDays } from './reports-db.js';
import { mib, num } from './stats.js';
import { api, keepAlive } from './util.js';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

export async function reportSection(work: string, say: (s?: string) => void) {
  say(`5. Reports: a year of history, every report through the HTTP routes; call-next while reports run`);
  say(`   load average at the start: ${load()}`);
  const { dir, meta, prerolled } = await reportsDataDir(join(work, 'reports'), say);
  const dbFile = join(dir, 'guichet.sqlite');
  say(
    `   branch ${REPORT_BRANCH}: ${meta.tickets.toLocaleString('en-US')} tickets, ${meta.events.toLocaleString('en-US')} events, ${meta.ratings.toLocaleString('en-US')} ratings, ${meta.from} … ${meta.to}; database ${mib(statSync(dbFile).size)}`,
  );
  const periods = periodsOf(meta);
  say(
    `   day ${periods.day.from}; month ${periods.month.from} … ${periods.month.to}; year ${periods.year.from} … ${periods.year.to} (all closed days)`,
  );
  const rollup = `${dbFile}.reports.sqlite`;
  const logFile = join(work, 'reports.log');
  let agent = keepAlive();
  let g: Guichet | null = null;
  let token = '';
  const start = async () => {
    // A new agent: a kept-alive socket to the stopped server could be reused on the same port.
    agent.destroy();
    agent = keepAlive();
    g = await startGuichet({ dataDir: dir, logFile });
    token = (
      await api<{ token: string }>(agent, g.port, 'POST', '/api/v1/auth/login', {
        username: 'admin',
        password: 'bench-admin-password',
      })
    ).token;
    return g;
  };
  try {
    // Cold: a fresh server on an empty rollup cache for each period, asked at once (its worker
    // starts pre-rolling only after 5 s without a request).
    say('   cold: first summary by day of the period, fresh server, empty rollup cache (once each)');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: meta.timezone }).format(new Date());
    const cold: Record<string, { ms: number; status: number; cachedBefore: number; rolled: number }> = {};
    for (const period of ['day', 'month', 'year'] as PeriodName[]) {
      await (g as Guichet | null)?.stop();
      for (const f of [rollup, `${rollup}-wal`, `${rollup}-shm`]) rmSync(f, { force: true });
      const s = await start();
      // Today's summary (no closed day, nothing to roll up) first: the worker's start is not the report's.
      const boot = await timedGet(agent, s.port, reportPaths({ from: today, to: today })[0]![1], token);
      if (boot.status !== 200) throw new Error(`today's summary: ${boot.status} ${boot.body}`);
      const cachedBefore = rolledDays(rollup);
      const r = await timedGet(agent, s.port, reportPaths(periods[period])[0]![1], token);
      const rolled = rolledDays(rollup) - cachedBefore;
      cold[period] = { ms: r.ms, status: r.status, cachedBefore, rolled };
      const what =
        r.status === 200
          ? `${num(r.ms)} ms`
          : r.status === 0
            ? r.body
            : `${r.status} after ${num(r.ms)} ms: ${r.body.slice(0, 100)}`;
      say(
        `     ${period.padEnd(6)} ${what}  (${rolled} days rolled up; ${cachedBefore} cached before; server ready in ${num(s.readyMs / 1000)} s, today's summary first ${num(boot.ms)} ms)`,
      );
    }
    // Warm: the server restarted on the rollup cache its worker builds by itself at idle after a
    // start (kept with the cached database), whether or not the cold year finished in time.
    await (g as Guichet | null)?.stop();
    for (const f of [rollup, `${rollup}-wal`, `${rollup}-shm`]) rmSync(f, { force: true });
    copyFileSync(prerolled.file, rollup);
    await start();
    say(
      `   rollup cache: ${rolledDays(rollup)} days, ${mib(statSync(rollup).size)}, as the server's worker rolled them up at idle after a start (${num(prerolled.seconds)} s when the database was built)`,
    );
    const server = g as unknown as Guichet;
    const warm = await warmReports({ agent, port: server.port, token, periods }, say);
    say(`   load average after the reports: ${load()}`);
    say('   call-next while reports run:');
    const calls = await callNextUnderReports(server, { agent, managerToken: token, year: periods.year }, say);
    say(`   load average at the end: ${load()}`);
    return { meta, periods, cold, warm, calls };
  } finally {
    agent.destroy();
    await (g as Guichet | null)?.stop();
  }
}
