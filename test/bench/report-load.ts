/**
 * 5b. Call-next while reports run: the demo hall's clerks (one worker per counter that serves a
 * plain service) each call the next ticket and finish it, one cycle every OPTIONS.clerkCycleMs,
 * on the server that holds the year of history. Slices in turn, each repetition: clerks alone;
 * clerks while another client (its own process, report-client.ts) asks for year reports back to
 * back (the six summary groupings, estimates, staff, ratings, call order, open rate in turn;
 * 'summaries' in the figures).
 * Tickets are issued before each slice so that every counter has enough waiting.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { request } from './http-load.js';
import { BRANCH, OPTIONS, PLAIN_SERVICES } from './options.js';
import { type Guichet, usage } from './procs.js';
import { reportClient } from './report-client.js';
import { type Period, reportPaths } from './report-latency.js';
import { fmt, num, p, type Spread, spread, target } from './stats.js';
import { api, sleep } from './util.js';

type Kind = 'alone' | 'summaries';
const KINDS: Kind[] = ['alone', 'summaries'];
/** The demo counters whose first service is plain, with it (ctr-6 serves only the capped one). */
const CLERKS: [string, string][] = [
  ['ctr-1', 'svc-social'],
  ['ctr-2', 'svc-social'],
  ['ctr-3', 'svc-medical'],
  ['ctr-4', 'svc-employment'],
  ['ctr-5', 'svc-enquiry'],
  ['ctr-7', 'svc-pension'],
  ['ctr-8', 'svc-enquiry'],
];

interface Slice {
  call: number[];
  finish: number[];
  empty: number;
  reports: number[];
  reportFailures: number;
  /** Clerk requests whose connection the server dropped. */
  errors: number;
  elu: number;
}

export interface CallUnderReports {
  callP50: Record<Kind, Spread>;
  callP99: Record<Kind, Spread>;
  /** Per repetition: that repetition's loaded p99 over its alone p99. */
  ratioP99: Record<Exclude<Kind, 'alone'>, Spread>;
  /** The p99 of every call of a kind, all repetitions together (the judged figure). */
  pooledP99: Record<Kind, number>;
  pooledRatioP99: Record<Exclude<Kind, 'alone'>, number>;
  slices: Record<string, number | string>[];
}

export async function callNextUnderReports(
  g: Guichet,
  o: { agent: http.Agent; managerToken: string; year: Period },
  say: (s?: string) => void,
): Promise<CallUnderReports> {
  const clerks = await Promise.all(
    CLERKS.map(async ([counterId, serviceId]) => {
      const n = counterId.slice(4);
      const { token } = await api<{ token: string }>(o.agent, g.port, 'POST', '/api/v1/auth/login', {
        username: `clerk${n}`,
        password: g.passwords[`clerk${n}`] ?? '',
      });
      // Already open after a restart is fine: only a failure to open is one.
      const r = await request(
        o.agent,
        g.port,
        'POST',
        `/api/v1/counters/${counterId}/open`,
        {},
        {
          authorization: `Bearer ${token}`,
        },
      );
      if (r.status >= 500) throw new Error(`open ${counterId}: ${r.status} ${r.body}`);
      return { counterId, serviceId, token };
    }),
  );
  const kiosk = g.devices['kiosk-2']!;
  const waiting = new Map(PLAIN_SERVICES.map((s) => [s, 0]));
  const cyclesPerSlice = Math.ceil((OPTIONS.warmupMs + OPTIONS.clerkSliceMs) / OPTIONS.clerkCycleMs) + 2;

  /** Tops each clerk's first service up to what its clerks call in a slice, with a margin. */
  const topUp = async () => {
    const want = new Map<string, number>();
    for (const c of clerks)
      want.set(c.serviceId, (want.get(c.serviceId) ?? 0) + Math.ceil(cyclesPerSlice * 1.3));
    const jobs = [...want].flatMap(([s, n]) => Array<string>(Math.max(0, n - (waiting.get(s) ?? 0))).fill(s));
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < jobs.length) {
          const serviceId = jobs[next++]!;
          await api(o.agent, g.port, 'POST', `/api/v1/branches/${BRANCH}/tickets`, { serviceId }, kiosk);
          waiting.set(serviceId, (waiting.get(serviceId) ?? 0) + 1);
        }
      }),
    );
  };

  const loopPaths: Record<Exclude<Kind, 'alone'>, string[]> = {
    summaries: reportPaths(o.year)
      .filter(([label]) => !label.startsWith('tickets'))
      .map(([, path]) => path),
  };

  const client = reportClient();
  const slice = async (kind: Kind): Promise<Slice> => {
    await topUp();
    const s: Slice = { call: [], finish: [], empty: 0, reports: [], reportFailures: 0, errors: 0, elu: 0 };
    // The manager's reports, from their own process (report-client.ts).
    const reporting =
      kind === 'alone'
        ? null
        : await client.run({ port: g.port, token: o.managerToken, paths: loopPaths[kind] });
    const t0 = performance.now();
    const measureFrom = t0 + OPTIONS.warmupMs;
    const end = measureFrom + OPTIONS.clerkSliceMs;
    let before: Awaited<ReturnType<Guichet['stats']>> | null = null;
    const eluStart = sleep(OPTIONS.warmupMs).then(async () => {
      before = await g.stats();
    });
    await Promise.all(
      clerks.map(async (c, i) => {
        const base = `/api/v1/counters/${c.counterId}`;
        const auth = { authorization: `Bearer ${c.token}` };
        // Clerks out of step, as in a hall.
        let next = t0 + (i * OPTIONS.clerkCycleMs) / clerks.length;
        await sleep(next - t0);
        while (performance.now() < end) {
          const at = performance.now();
          const called = await request(o.agent, g.port, 'POST', `${base}/call-next`, {}, auth).catch(
            (err: Error) => ({ status: 0, body: err.message }),
          );
          const callMs = performance.now() - at;
          if (called.status === 0)
            s.errors++; // a dropped connection: counted; the clerk goes on
          else if (called.status !== 200)
            throw new Error(`call-next ${c.counterId}: ${called.status} ${called.body}`);
          else {
            const ticket = (JSON.parse(called.body) as { ticket: { serviceId: string } | null }).ticket;
            if (ticket) {
              waiting.set(ticket.serviceId, (waiting.get(ticket.serviceId) ?? 0) - 1);
              const f0 = performance.now();
              const fin = await request(o.agent, g.port, 'POST', `${base}/finish`, {}, auth).catch(
                (err: Error) => ({ status: 0, body: err.message }),
              );
              if (fin.status === 0) s.errors++;
              else if (fin.status !== 200)
                throw new Error(`finish ${c.counterId}: ${fin.status} ${fin.body}`);
              else if (at >= measureFrom) s.finish.push(performance.now() - f0);
            }
            if (at >= measureFrom) {
              s.call.push(callMs);
              if (!ticket) s.empty++;
            }
          }
          // One cycle every clerkCycleMs; a clerk that fell behind starts the next at once, without a burst.
          next = Math.max(next + OPTIONS.clerkCycleMs, performance.now());
          await sleep(next - performance.now());
        }
      }),
    );
    await eluStart;
    const after = await g.stats();
    s.elu = before ? usage(before, after).elu : Number.NaN;
    // The next slice starts with no report in flight.
    const reported = await reporting?.stop();
    if (reported) {
      s.reports = reported.ms;
      s.reportFailures = reported.failures;
    }
    return s;
  };

  const slices: (Slice & { kind: Kind; rep: number })[] = [];
  try {
    for (let rep = 0; rep < OPTIONS.repetitions; rep++) {
      // Alone first, then loaded first: neither always runs first.
      const order = rep % 2 ? [...KINDS].reverse() : KINDS;
      for (const kind of order) slices.push({ kind, rep, ...(await slice(kind)) });
    }
  } finally {
    client.close();
  }

  const of = (kind: Kind) => slices.filter((x) => x.kind === kind);
  const q = (kind: Kind, at: number) => spread(of(kind).map((x) => p(x.call, at)));
  const ratio = (kind: Exclude<Kind, 'alone'>) =>
    spread(
      of(kind).map(
        (x) => p(x.call, 0.99) / p(slices.find((a) => a.kind === 'alone' && a.rep === x.rep)!.call, 0.99),
      ),
    );
  const callP50 = { alone: q('alone', 0.5), summaries: q('summaries', 0.5) };
  const callP99 = { alone: q('alone', 0.99), summaries: q('summaries', 0.99) };
  const ratioP99 = { summaries: ratio('summaries') };
  // One slice's p99 is about its 8th-slowest call of 840: one fsync or GC more or less moves it
  // by a quarter. The slices are interleaved, so a drift in the machine reaches both kinds alike;
  // pooling every repetition's calls gives each p99 three times the samples.
  const pooled = (kind: Kind) =>
    p(
      of(kind).flatMap((x) => x.call),
      0.99,
    );
  const pooledP99 = { alone: pooled('alone'), summaries: pooled('summaries') };
  const pooledRatioP99 = { summaries: pooledP99.summaries / pooledP99.alone };
  const label: Record<Kind, string> = { alone: 'clerks alone', summaries: 'while year reports loop' };
  say(
    `   ${clerks.length} clerks, one call-next + finish every ${OPTIONS.clerkCycleMs} ms each; slices of ${OPTIONS.clerkSliceMs / 1000} s after ${OPTIONS.warmupMs / 1000} s, ${OPTIONS.repetitions} repetitions in turn`,
  );
  for (const kind of KINDS) {
    const xs = of(kind);
    const calls = xs.reduce((a, x) => a + x.call.length, 0);
    const empty = xs.reduce((a, x) => a + x.empty, 0);
    say(
      `   ${label[kind].padEnd(27)} call-next p50 ${fmt(callP50[kind], ' ms')}, p99 ${fmt(callP99[kind], ' ms')}; finish p99 ${fmt(spread(xs.map((x) => p(x.finish, 0.99))), ' ms')}`,
    );
    const reports = xs.flatMap((x) => x.reports);
    const failures = xs.reduce((a, x) => a + x.reportFailures, 0);
    const errors = xs.reduce((a, x) => a + x.errors, 0);
    say(
      `   ${''.padEnd(27)} ${calls} calls (${empty} found nothing${errors ? `, ${errors} dropped connections` : ''}); server event loop ${fmt(spread(xs.map((x) => x.elu * 100)), ' %')}` +
        (kind === 'alone'
          ? ''
          : `; ${reports.length} reports done, p50 ${num(p(reports, 0.5))} ms${failures ? `, ${failures} failed` : ''}`),
    );
  }
  say(
    `   call-next p99 while year summaries loop / alone, every repetition's calls together: ${num(pooledP99.summaries)} / ${num(pooledP99.alone)} ms = ${num(pooledRatioP99.summaries)}×   ${target(pooledRatioP99.summaries, '<=', 1.2)}`,
  );
  say(
    `   the same ratio repetition by repetition: ${fmt(ratioP99.summaries, '×')}   ${target(ratioP99.summaries.median, '<=', 1.2)}`,
  );
  const brief = slices.map((x) => ({
    kind: x.kind,
    rep: x.rep,
    calls: x.call.length,
    callP50: p(x.call, 0.5),
    callP99: p(x.call, 0.99),
    finishP99: p(x.finish, 0.99),
    empty: x.empty,
    reports: x.reports.length,
    reportP50: p(x.reports, 0.5),
    reportFailures: x.reportFailures,
    elu: x.elu,
  }));
  return { callP50, callP99, ratioP99, pooledP99, pooledRatioP99, slices: brief };
}
