/**
 * `npm run bench`: Guichet against the bare stack, measured in the same run, printed as ratios.
 * See test/bench/README.md for what is measured and how to read it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { awaitDeliveries, closeFleet, connectFleet, Fanout, FanoutStats, sleep, sorted } from './fanout.js';
import { type LoadResult, quantile, request, runLoad } from './http-load.js';
import { type Child, startChild } from './ipc.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACT = join(ROOT, 'test/artifacts/bench.json');
const BRANCH = 'demo-hall';
const SERVICES = [
  'svc-social',
  'svc-medical',
  'svc-employment',
  'svc-enquiry',
  'svc-business',
  'svc-pension',
];

const CONNECTIONS = 50;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;
const ROUNDS = 2;
const CLIENTS = 1_000;
const CALLS = 100;
const WARMUP_CALLS = 5;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const walSize = (dbFile: string | null) => {
  const wal = dbFile ? `${dbFile}-wal` : '';
  return wal && existsSync(wal) ? statSync(wal).size : 0;
};
const parentCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Every personId is new (2 business tickets a day per person); the daily cap of 120 still applies. */
let person = 0;

/** The issue request: a rotating service, a unique Idempotency-Key, a personId where the service asks for one. */
function issueRequest(token: string | null, runId: string) {
  return (i: number) => {
    const serviceId = SERVICES[i % SERVICES.length]!;
    return {
      body:
        serviceId === 'svc-business'
          ? { serviceId, personId: `BENCH${String(person++).padStart(8, '0')}` }
          : { serviceId },
      headers: {
        'idempotency-key': `bench-${runId}-${i}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    };
  };
}

interface HttpFigures {
  requestsPerSecond: number;
  createdPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  refusals: Record<string, number>;
  serverCpuPercent: number;
  loadCpuPercent: number;
  walBytes: number;
}

interface IssueTarget {
  name: string;
  child: Child;
  path: string;
  token: string | null;
  results: LoadResult[];
  serverCpuMs: number;
  loadCpuMs: number;
}

/**
 * Every target gets a warm-up, then ROUNDS slices of DURATION_MS / ROUNDS each, taken in turn
 * (the order reversed every round): a machine whose load drifts affects every target alike.
 */
async function measureIssue(targets: IssueTarget[]): Promise<void> {
  for (const t of targets) {
    await runLoad({
      port: t.child.port,
      path: t.path,
      connections: CONNECTIONS,
      durationMs: WARMUP_MS,
      make: issueRequest(t.token, `${t.name}-warm`),
    });
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const cpu0 = await t.child.cpuMs();
      const own0 = parentCpuMs();
      t.results.push(
        await runLoad({
          port: t.child.port,
          path: t.path,
          connections: CONNECTIONS,
          durationMs: DURATION_MS / ROUNDS,
          make: issueRequest(t.token, `${t.name}-${round}`),
        }),
      );
      t.serverCpuMs += (await t.child.cpuMs()) - cpu0;
      t.loadCpuMs += parentCpuMs() - own0;
    }
  }
}

function issueFigures(t: IssueTarget): HttpFigures {
  const elapsed = t.results.reduce((a, r) => a + r.elapsedMs, 0);
  const latencies = sorted(t.results.flatMap((r) => [...r.latencies]));
  const statuses: Record<string, number> = {};
  const refusals: Record<string, number> = {};
  for (const r of t.results) {
    for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
    for (const [k, n] of Object.entries(r.refusals)) refusals[k] = (refusals[k] ?? 0) + n;
  }
  return {
    requestsPerSecond: round((latencies.length * 1000) / elapsed, 0),
    createdPerSecond: round(((statuses[201] ?? 0) * 1000) / elapsed, 0),
    p50Ms: round(quantile(latencies, 0.5)),
    p99Ms: round(quantile(latencies, 0.99)),
    statuses,
    refusals,
    serverCpuPercent: round((t.serverCpuMs / elapsed) * 100, 0),
    loadCpuPercent: round((t.loadCpuMs / elapsed) * 100, 0),
    walBytes: walSize(t.child.dbFile),
  };
}

interface FanoutFigures {
  calls: number;
  clients: number;
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  lastClientP50Ms: number;
  lastClientP99Ms: number;
  replyP50Ms: number;
  replyP99Ms: number;
  missed: number;
  payloadBytes: number;
}

function fanoutFigures(r: FanoutStats): FanoutFigures {
  const deliveries = sorted(r.deliveries);
  const last = sorted(r.lastOfCall);
  const reply = sorted(r.reply);
  return {
    calls: r.reply.length,
    clients: CLIENTS,
    deliveryP50Ms: round(quantile(deliveries, 0.5)),
    deliveryP99Ms: round(quantile(deliveries, 0.99)),
    lastClientP50Ms: round(quantile(last, 0.5)),
    lastClientP99Ms: round(quantile(last, 0.99)),
    replyP50Ms: round(quantile(reply, 0.5)),
    replyP99Ms: round(quantile(reply, 0.99)),
    missed: r.missed,
    payloadBytes: Buffer.byteLength(JSON.stringify(r.sample ?? null)),
  };
}

async function json<T>(
  agent: http.Agent,
  port: number,
  path: string,
  body: unknown,
  token?: string,
): Promise<T> {
  const r = await request(agent, port, 'POST', path, body, token ? { authorization: `Bearer ${token}` } : {});
  if (r.status >= 300) throw new Error(`POST ${path} → ${r.status} ${r.body}`);
  return JSON.parse(r.body) as T;
}

/**
 * Guichet and the bare Socket.IO server, each with CLIENTS subscribers, called in turn (the
 * order reversed every call). Guichet: clerk1 opens ctr-8, tickets are issued first, then each
 * measured call-next is followed by a finish. The bare server emits the very payload Guichet sent.
 */
async function measureFanouts(dir: string): Promise<{ guichet: FanoutStats; bare: FanoutStats }> {
  const g = await startChild('guichet', dir);
  const b = await startChild('bare-io');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const fleets: Socket[][] = [];
  try {
    const kiosk = g.devices['kiosk-2']!;
    const display = g.devices['display-1']!;
    const { token } = await json<{ token: string }>(agent, g.port, '/api/v1/auth/login', {
      username: 'clerk1',
      password: g.passwords.clerk1,
    });
    await json(agent, g.port, '/api/v1/counters/ctr-8/open', {}, token);
    const plain = SERVICES.filter((s) => s !== 'svc-business');
    for (let i = 0; i < WARMUP_CALLS + CALLS + 10; i++) {
      await json(
        agent,
        g.port,
        `/api/v1/branches/${BRANCH}/tickets`,
        { serviceId: plain[i % plain.length] },
        kiosk,
      );
    }
    const gSockets = await connectFleet({
      port: g.port,
      clients: CLIENTS,
      token: display,
      subscribeTo: BRANCH,
    });
    fleets.push(gSockets);
    const bSockets = await connectFleet({ port: b.port, clients: CLIENTS });
    fleets.push(bSockets);
    const gFan = new Fanout(gSockets, 'ticket:called');
    const bFan = new Fanout(bSockets, 'ticket:called');
    const stats = { guichet: new FanoutStats(), bare: new FanoutStats() };

    const guichetCall = async () => {
      const c = await gFan.call(async () => {
        const r = await json<{ ticket: unknown }>(
          agent,
          g.port,
          '/api/v1/counters/ctr-8/call-next',
          {},
          token,
        );
        if (!r.ticket) throw new Error('call-next found no waiting ticket');
      });
      const settled = awaitDeliveries(gSockets, 'ticket:updated', CLIENTS, 5_000);
      await json(agent, g.port, '/api/v1/counters/ctr-8/finish', {}, token);
      await settled;
      await sleep(20);
      return c;
    };
    const bareCall = async () => {
      const c = await bFan.call(async () => {
        await json(agent, b.port, '/call', {});
      });
      // Guichet's finish is one more broadcast to every client; the bare server only pauses.
      await sleep(20);
      return c;
    };

    for (let i = 0; i < WARMUP_CALLS + CALLS; i++) {
      const first = i % 2 === 0;
      const gc = first ? await guichetCall() : null;
      // The bare server emits the payload Guichet sent for its first call.
      if (i === 0) b.send({ type: 'payload', payload: gc?.payload ?? null });
      const bc = await bareCall();
      const gc2 = gc ?? (await guichetCall());
      if (i >= WARMUP_CALLS) {
        stats.guichet.add(gc2);
        stats.bare.add(bc);
      }
    }
    return stats;
  } finally {
    for (const f of fleets) closeFleet(f);
    agent.destroy();
    await Promise.all([g.stop(), b.stop()]);
  }
}

function fmtRefusals(f: HttpFigures): string {
  const statuses = Object.entries(f.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  const refusals = Object.entries(f.refusals)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  return `${statuses}${refusals ? `; refused: ${refusals}` : ''}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  const out: string[] = [];
  const say = (line = '') => {
    out.push(line);
    console.log(line);
  };
  try {
    say(`Guichet bench — ${cpus().length} vCPU, Node ${process.version}, 127.0.0.1 only`);
    say('Each server runs alone in a child process; the load generator (this process) competes');
    say('with it for the same cores, so absolute figures are understated — read the ratios.');
    say();

    // 1. Ticket issue over HTTP: the bare route and Guichet alive side by side, loaded in turn.
    mkdirSync(join(work, 'bare-http'));
    mkdirSync(join(work, 'guichet-http'));
    const bareChild = await startChild('bare-http', join(work, 'bare-http'));
    const gChild = await startChild('guichet', join(work, 'guichet-http'));
    const target = (name: string, child: Child, path: string, token: string | null): IssueTarget => ({
      name,
      child,
      path,
      token,
      results: [],
      serverCpuMs: 0,
      loadCpuMs: 0,
    });
    const ticketsPath = `/api/v1/branches/${BRANCH}/tickets`;
    const targets = [
      target('bare', bareChild, '/tickets', null),
      target('kiosk-1', gChild, ticketsPath, gChild.devices['kiosk-1']!),
      target('kiosk-2', gChild, ticketsPath, gChild.devices['kiosk-2']!),
    ];
    let bare: HttpFigures;
    let guichet: HttpFigures;
    let noPrinter: HttpFigures;
    try {
      await measureIssue(targets);
      [bare, guichet, noPrinter] = targets.map(issueFigures) as [HttpFigures, HttpFigures, HttpFigures];
    } finally {
      await Promise.all([bareChild.stop(), gChild.stop()]);
    }
    const issueRatio = round(guichet.createdPerSecond / bare.createdPerSecond);
    const noPrinterRatio = round(noPrinter.createdPerSecond / bare.createdPerSecond);
    say(
      `1. Ticket issue: POST, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s each ` +
        `(${ROUNDS} interleaved slices) after ${WARMUP_MS / 1000} s warm-up`,
    );
    say('                          req/s  201/s   p50 ms  p99 ms  server CPU  load-gen CPU  WAL after');
    const row = (name: string, f: HttpFigures) =>
      say(
        `   ${name.padEnd(22)} ${String(f.requestsPerSecond).padStart(6)} ${String(f.createdPerSecond).padStart(6)} ${String(f.p50Ms).padStart(8)} ${String(f.p99Ms).padStart(7)} ${`${f.serverCpuPercent}%`.padStart(11)} ${`${f.loadCpuPercent}%`.padStart(13)} ${`${mb(f.walBytes)} MB`.padStart(10)}`,
      );
    row('bare Fastify+SQLite', bare);
    row('Guichet kiosk-1', guichet);
    row('Guichet kiosk-2 (no prn)', noPrinter);
    say(`   kiosk-1: ${fmtRefusals(guichet)}`);
    say(`   kiosk-2: ${fmtRefusals(noPrinter)}`);
    if (Object.keys(bare.refusals).length) say(`   bare: ${fmtRefusals(bare)}`);
    say(
      '   (server CPU: % of one core; WAL: the -wal file after the run; Guichet rows share one server and WAL)',
    );
    say(
      // The bare route prints nothing; kiosk-1's reply waits for its ticket to print on the
      // simulated printer, so it shows the cost of printing, not of issuing.
      `   ratio kiosk-1/bare (with printing): tickets/s ${issueRatio}, ` +
        `all answers/s ${round(guichet.requestsPerSecond / bare.requestsPerSecond)}, ` +
        `p50 ×${round(guichet.p50Ms / bare.p50Ms, 1)}, p99 ×${round(guichet.p99Ms / bare.p99Ms, 1)}`,
    );
    say(
      `   ratio kiosk-2/bare (issue path): tickets/s ${noPrinterRatio} (target ≥ 0.5 ${noPrinterRatio >= 0.5 ? 'met' : 'MISSED'}), ` +
        `all answers/s ${round(noPrinter.requestsPerSecond / bare.requestsPerSecond)}, ` +
        `p50 ×${round(noPrinter.p50Ms / bare.p50Ms, 1)}, p99 ×${round(noPrinter.p99Ms / bare.p99Ms, 1)}`,
    );
    say();

    // 2. Call → subscribers.
    mkdirSync(join(work, 'guichet-io'));
    const fans = await measureFanouts(join(work, 'guichet-io'));
    const g2 = fanoutFigures(fans.guichet);
    const b2 = fanoutFigures(fans.bare);
    const fanRatio = round(g2.deliveryP99Ms / b2.deliveryP99Ms);
    say(
      `2. Call → ${CLIENTS} Socket.IO subscribers (websocket, one process), ${CALLS} calls after ${WARMUP_CALLS} warm-up, ms from before the HTTP call`,
    );
    say('                       deliv p50  deliv p99  last p50  last p99  reply p50  reply p99  missed');
    const row2 = (name: string, f: FanoutFigures) =>
      say(
        `   ${name.padEnd(19)} ${[
          f.deliveryP50Ms,
          f.deliveryP99Ms,
          f.lastClientP50Ms,
          f.lastClientP99Ms,
          f.replyP50Ms,
          f.replyP99Ms,
        ]
          .map((x) => String(x).padStart(9))
          .join('  ')}  ${String(f.missed).padStart(6)}`,
      );
    row2('bare io.emit', b2);
    row2('Guichet call-next', g2);
    say(
      `   ratio Guichet/bare: delivery p99 ×${fanRatio} (target ≤ 1.5 ${fanRatio <= 1.5 ? 'met' : 'MISSED'}), ` +
        `p50 ×${round(g2.deliveryP50Ms / b2.deliveryP50Ms)}, last-client p99 ×${round(g2.lastClientP99Ms / b2.lastClientP99Ms)}; ` +
        `payload ${g2.payloadBytes} B each (bare emits the same bytes)`,
    );
    const totalS = round((performance.now() - started) / 1000, 1);
    say();
    say(`Total ${totalS} s. Results: ${ARTIFACT}`);

    mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
    writeFileSync(
      ARTIFACT,
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: { cpus: cpus().length, node: process.version },
          note: 'load generator and server share the same cores; compare ratios, not absolutes',
          issue: {
            connections: CONNECTIONS,
            durationMs: DURATION_MS,
            bare,
            guichet,
            guichetKioskWithoutPrinter: noPrinter,
            ratio: {
              kioskWithoutPrinterCreatedPerSecond: noPrinterRatio,
              createdPerSecond: issueRatio,
              requestsPerSecond: round(guichet.requestsPerSecond / bare.requestsPerSecond),
              p50: round(guichet.p50Ms / bare.p50Ms),
              p99: round(guichet.p99Ms / bare.p99Ms),
            },
            target: { kioskWithoutPrinterCreatedPerSecondRatioAtLeast: 0.5, met: noPrinterRatio >= 0.5 },
          },
          fanout: {
            bare: b2,
            guichet: g2,
            ratio: {
              deliveryP99: fanRatio,
              deliveryP50: round(g2.deliveryP50Ms / b2.deliveryP50Ms),
              lastClientP99: round(g2.lastClientP99Ms / b2.lastClientP99Ms),
            },
            target: { deliveryP99RatioAtMost: 1.5, met: fanRatio <= 1.5 },
          },
          totalSeconds: totalS,
          output: out,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
