/**
 * 5a. Every report of a day, a month and the year through the real server's HTTP routes: the
 * first summary of each period on an empty rollup cache (cold, once), then every report warm:
 * a warm-up request, then OPTIONS.reportRuns requests (at most OPTIONS.reportBudgetMs a report),
 * in OPTIONS.repetitions rounds over all the reports; p50 and p99 per round, median (min–max)
 * over the rounds.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { REPORT_TIMEOUT_MS } from '../../server/src/modules/reports/host.js';
import { request } from './http-load.js';
import { OPTIONS } from './options.js';
import { REPORT_BRANCH, type ReportsMeta } from './reports-db.js';
import { fmt, num, p, type Spread, spread, target } from './stats.js';
import { sleep } from './util.js';

export type PeriodName = 'day' | 'month' | 'year';
export interface Period {
  from: string;
  to: string;
}

/** The history's last day, its last whole calendar month (or its last 30 days), and all of it. */
export function periodsOf(meta: ReportsMeta): Record<PeriodName, Period> {
  const [y, m] = meta.to.split('-').map(Number) as [number, number];
  const lastOfMonth = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const monthEnd =
    lastOfMonth === meta.to ? meta.to : new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
  const month = { from: `${monthEnd.slice(0, 8)}01`, to: monthEnd };
  return { day: { from: meta.to, to: meta.to }, month, year: { from: meta.from, to: meta.to } };
}

const BY = ['day', 'hour', 'weekday-hour', 'service', 'counter', 'clerk'] as const;

/** Every report a manager reads for a period: [label, path]. */
export function reportPaths({ from, to }: Period): [string, string][] {
  const base = `/api/v1/branches/${REPORT_BRANCH}/reports`;
  const q = `from=${from}&to=${to}`;
  return [
    ...BY.map((by): [string, string] => [`summary by ${by}`, `${base}/summary?${q}&by=${by}`]),
    ['estimates by service', `${base}/estimates?${q}&by=service`],
    ['estimates by hour', `${base}/estimates?${q}&by=hour`],
    ['staff', `${base}/staff?${q}`],
    ['tickets, first page (500)', `${base}/tickets?${q}`],
    ['ratings by counter', `${base}/ratings?${q}&by=counter`],
    ['call order', `${base}/call-order?${q}`],
    ['open rate', `${base}/open-rate?${q}`],
  ];
}

export interface Timed {
  ms: number;
  status: number;
  bytes: number;
  body: string;
}

export async function timedGet(agent: http.Agent, port: number, path: string, token: string): Promise<Timed> {
  const t0 = performance.now();
  try {
    // As the manager's browser asks: large answers come gzipped.
    const r = await request(agent, port, 'GET', path, undefined, {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'gzip',
    });
    return { ms: performance.now() - t0, status: r.status, bytes: Buffer.byteLength(r.body), body: r.body };
  } catch (err) {
    // A connection closed without an answer (the reports routes answer 503 REPORT_TIMEOUT
    // before the server's 20 s idle-connection timeout; this says if one did not).
    const ms = performance.now() - t0;
    const why = err instanceof Error ? err.message : String(err);
    return {
      ms,
      status: 0,
      bytes: 0,
      body: `no answer, connection closed after ${(ms / 1000).toFixed(0)} s (${why})`,
    };
  }
}

export interface ReportFigure {
  period: PeriodName;
  report: string;
  runs: number;
  bytes: number;
  p50: Spread;
  p99: Spread;
  /** Answers that were not 200 (status → count); the report's figures exclude them. */
  failed: Record<string, number>;
}

/** Warm latencies of every report of every period, in rounds. */
export async function warmReports(
  o: { agent: http.Agent; port: number; token: string; periods: Record<PeriodName, Period> },
  say: (s?: string) => void,
): Promise<ReportFigure[]> {
  const list = (Object.keys(o.periods) as PeriodName[]).flatMap((period) =>
    reportPaths(o.periods[period]).map(([report, path]) => ({ period, report, path })),
  );
  const rounds = list.map(() => ({ p50: [] as number[], p99: [] as number[], runs: 0, bytes: 0 }));
  const failed = list.map(() => ({}) as Record<string, number>);
  const get = async (i: number) => {
    const r = await timedGet(o.agent, o.port, list[i]!.path, o.token);
    if (r.status === 0) {
      // The worker goes on with an abandoned report until the host stops it (REPORT_TIMEOUT_MS):
      // wait, so that the next report is not measured behind it.
      await sleep(Math.max(0, REPORT_TIMEOUT_MS + 1_000 - r.ms));
    }
    if (r.status !== 200) {
      const key =
        r.status === 0 ? r.body.replace(/after \d+ s/, 'after ~20 s') : `${r.status} ${r.body.slice(0, 80)}`;
      failed[i]![key] = (failed[i]![key] ?? 0) + 1;
    } else rounds[i]!.bytes = r.bytes;
    return r;
  };
  // Warm-up; a report that fails it (a year that takes longer than the route's timeout) is not
  // measured: each attempt would hold the worker for the whole timeout.
  const ok = [];
  for (let i = 0; i < list.length; i++) ok.push((await get(i)).status === 200);
  for (let round = 0; round < OPTIONS.repetitions; round++) {
    for (let i = 0; i < list.length; i++) {
      if (!ok[i]) continue;
      const times: number[] = [];
      const t0 = performance.now();
      // A slow report gets fewer runs (at least one a round): the runs column says how many.
      while (
        times.length < OPTIONS.reportRuns &&
        (times.length === 0 || performance.now() - t0 < OPTIONS.reportBudgetMs)
      ) {
        const r = await get(i);
        if (r.status === 200) times.push(r.ms);
        else if (times.length === 0) break; // a report that fails is not asked again this round
      }
      rounds[i]!.runs += times.length;
      if (times.length) {
        rounds[i]!.p50.push(p(times, 0.5));
        rounds[i]!.p99.push(p(times, 0.99));
      }
    }
  }
  const figures = list.map((l, i) => ({
    period: l.period,
    report: l.report,
    runs: rounds[i]!.runs,
    bytes: rounds[i]!.bytes,
    p50: spread(rounds[i]!.p50),
    p99: spread(rounds[i]!.p99),
    failed: failed[i]!,
  }));
  say(`   warm, ${OPTIONS.repetitions} rounds; p50 and p99 per round, median (min–max), ms:`);
  say(
    `   ${'period'.padEnd(7)}${'report'.padEnd(27)}${'runs'.padStart(5)}${'KiB'.padStart(7)}   p50${' '.repeat(21)}p99`,
  );
  for (const f of figures) {
    const goal = f.period === 'year' ? `   ${target(f.p99.median, '<=', 300)} (p99 < 300 ms)` : '';
    const bad = Object.entries(f.failed).map(([k, n]) => `${n}× ${k}`);
    if (f.runs === 0) {
      say(`   ${f.period.padEnd(7)}${f.report.padEnd(27)}    0  not measured: ${bad.join('; ')}${goal}`);
      continue;
    }
    say(
      `   ${f.period.padEnd(7)}${f.report.padEnd(27)}${String(f.runs).padStart(5)}${num(f.bytes / 1024).padStart(7)}   ${fmt(f.p50).padEnd(24)}${fmt(f.p99).padEnd(24)}${goal}`,
    );
    if (bad.length) say(`          failed: ${bad.join('; ')}`);
  }
  return figures;
}
