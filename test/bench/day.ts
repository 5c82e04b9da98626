/**
 * 3–5. A long day on one Guichet server: snapshot and subscribe latencies on a fresh day;
 * OPTIONS.apiCycles issue → call-next → finish cycles through the HTTP API at the demo counters,
 * with the database and log bytes they added; the rest of OPTIONS.dayTickets finished tickets
 * of today cloned into the database while the server is stopped (a real day through the API
 * would take an hour on a busy 2-core machine); then, at the day's end, OPTIONS.endCycles more
 * cycles, the same latencies, and 1,000 screens resyncing after a restart (also on the fresh day).
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { TicketCloner } from './clone.js';
import { BRANCH, OPTIONS } from './options.js';
import { type Guichet, startGuichet } from './procs.js';
import { type Resync, resync } from './resync.js';
import { Screens } from './screens.js';
import { p } from './stats.js';
import { api, keepAlive } from './util.js';

/** Checkpoints the WAL into the database and measures it: page_count × page_size. */
export function dbBytes(file: string): { bytes: number; walBytes: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    let walBytes = 0;
    try {
      walBytes = statSync(`${file}-wal`).size;
    } catch {}
    return { bytes: pages * size, walBytes };
  } finally {
    db.close();
  }
}

export interface DayLatencies {
  snapshotP50: number;
  snapshotP99: number;
  snapshotBytes: number;
  subscribe1000Ms: number;
  /** Screens subscribed when the harness stopped waiting (60 s). */
  subscribed: number;
  /** Snapshot requests lost with their socket (asked again). */
  lost: number;
}

/**
 * One `branch:subscribe` on a display socket that reconnects: a lost socket (a server holding its
 * event loop past the ping timeout drops it) is counted and the request made again.
 */
async function subscribeAck(one: Screens): Promise<{ ack: unknown; ms: number; lost: number }> {
  for (let lost = 0; ; lost++) {
    const socket = one.sockets[0]!;
    while (!socket.connected) await new Promise((res) => setTimeout(res, 20));
    const t0 = performance.now();
    try {
      const ack = await socket.timeout(60_000).emitWithAck('branch:subscribe', { branchId: BRANCH });
      return { ack, ms: performance.now() - t0, lost };
    } catch (err) {
      if (lost >= 10) throw err;
    }
  }
}

/** Sequential `branch:subscribe` acks on one display socket, then OPTIONS.screens screens subscribing. */
async function latencies(g: Guichet): Promise<{ figures: DayLatencies; screens: Screens }> {
  const one = new Screens({ port: g.port, count: 1, token: g.devices['display-1'], reconnect: true });
  await one.connect();
  const times: number[] = [];
  let bytes = 0;
  let lost = 0;
  const start = performance.now();
  // At least 10 samples, then until OPTIONS.snapshotSamples or a minute.
  for (let i = 0; i < OPTIONS.snapshotSamples && (i < 10 || performance.now() - start < 60_000); i++) {
    const r = await subscribeAck(one);
    times.push(r.ms);
    lost += r.lost;
    bytes = Buffer.byteLength(JSON.stringify(r.ack));
  }
  one.close();
  const screens = new Screens({
    port: g.port,
    count: OPTIONS.screens,
    token: g.devices['display-1'],
    subscribeTo: BRANCH,
    reconnect: true,
  });
  const subscribe1000Ms = await screens.connect();
  return {
    figures: {
      snapshotP50: p(times, 0.5),
      snapshotP99: p(times, 0.99),
      snapshotBytes: bytes,
      subscribe1000Ms,
      subscribed: [...screens.syncedAt].filter((t) => t > 0).length,
      lost,
    },
    screens,
  };
}

interface Cycles {
  cycles: number;
  seconds: number;
  issue: { firstP50: number; firstP99: number; lastP50: number; lastP99: number; p50: number; p99: number };
  refused: number;
}

/** One worker per counter: issue a ticket it serves, call the next, finish it. */
async function runCycles(g: Guichet, total: number, maxMs = Number.POSITIVE_INFINITY): Promise<Cycles> {
  const probe = new Screens({ port: g.port, count: 1, token: g.devices['display-1'], reconnect: true });
  await probe.connect();
  const snap = (await subscribeAck(probe)).ack as {
    data: { counters: { id: string; number: number; services: { serviceId: string }[] }[] };
  };
  probe.close();
  const agent = keepAlive();
  const kiosk = g.devices['kiosk-2']!;
  const issueTimes: number[] = [];
  let done = 0;
  let refused = 0;
  const t0 = performance.now();
  const worker = async (counter: (typeof snap.data.counters)[number]) => {
    const { token } = await api<{ token: string }>(agent, g.port, 'POST', '/api/v1/auth/login', {
      username: `clerk${counter.number}`,
      password: g.passwords[`clerk${counter.number}`] ?? '',
    });
    const base = `/api/v1/counters/${counter.id}`;
    await api(agent, g.port, 'POST', `${base}/open`, {}, token);
    const services = counter.services.map((s) => s.serviceId).filter((s) => s !== 'svc-business');
    for (let k = 0; done < total && performance.now() - t0 < maxMs; k++) {
      const t = performance.now();
      await api(
        agent,
        g.port,
        'POST',
        `/api/v1/branches/${BRANCH}/tickets`,
        { serviceId: services[k % services.length] },
        kiosk,
      );
      issueTimes.push(performance.now() - t);
      const called = await api<{ ticket: unknown }>(agent, g.port, 'POST', `${base}/call-next`, {}, token);
      if (!called.ticket) {
        refused++;
        continue;
      }
      await api(agent, g.port, 'POST', `${base}/finish`, {}, token);
      done++;
    }
  };
  // A counter that serves only the capped, person-checked service would be refused most issues.
  const plain = snap.data.counters.filter((c) => c.services.some((s) => s.serviceId !== 'svc-business'));
  await Promise.all(plain.map(worker));
  agent.destroy();
  const n = Math.min(1_000, Math.floor(issueTimes.length / 2));
  const first = issueTimes.slice(0, n);
  const last = issueTimes.slice(-n);
  return {
    cycles: done,
    seconds: (performance.now() - t0) / 1000,
    issue: {
      firstP50: p(first, 0.5),
      firstP99: p(first, 0.99),
      lastP50: p(last, 0.5),
      lastP99: p(last, 0.99),
      p50: p(issueTimes, 0.5),
      p99: p(issueTimes, 0.99),
    },
    refused,
  };
}

export interface DayFigures {
  fresh: DayLatencies;
  end: DayLatencies;
  cycles: Cycles;
  endCycles: Cycles;
  dayTickets: number;
  dbBytesPerCycle: number;
  logBytesPerCycle: number;
  dbBefore: number;
  dbAfter: number;
  resyncFresh: Resync;
  resyncEnd: Resync;
}

export async function longDay(work: string, say: (s?: string) => void): Promise<DayFigures> {
  const dataDir = join(work, 'day');
  const logFile = join(work, 'day.log');
  mkdirSync(dataDir, { recursive: true });
  // The rating a finish waits for (then records as "not rated") is shortened to 5 s so that the
  // bytes below include every cycle's rating row; the other settings are production's.
  const env = { GUICHET_RATING_TIMEOUT_SECONDS: '5' };
  let g = await startGuichet({ dataDir, logFile, env });
  const port = g.port;
  const stop = () => g.stop();
  const start = async () => {
    g = await startGuichet({ dataDir, logFile, env, port });
  };
  try {
    const a = await latencies(g);
    const resyncFresh = await resync(a.screens, stop, start);
    a.screens.close();
    say(
      `   fresh day: snapshot ${a.figures.snapshotBytes} B; ${OPTIONS.screens} screens resynced after a restart in ${(resyncFresh.allMs / 1000).toFixed(2)} s`,
    );

    const before = dbBytes(join(dataDir, 'guichet.sqlite'));
    const logBefore = statSync(logFile).size;
    const cycles = await runCycles(g, OPTIONS.apiCycles);
    say(
      `   ${cycles.cycles.toLocaleString('en-US')} cycles in ${cycles.seconds.toFixed(0)} s (${(cycles.cycles / cycles.seconds).toFixed(0)} cycles/s, ${cycles.refused} call-next found nothing)`,
    );
    await new Promise((res) => setTimeout(res, 7_000));
    const after = dbBytes(join(dataDir, 'guichet.sqlite'));
    const logAfter = statSync(logFile).size;
    // Printed now: a day's end that goes wrong below must not lose them.
    say(
      `   database bytes per cycle ${((after.bytes - before.bytes) / cycles.cycles).toFixed(0)}, info log bytes per cycle ${((logAfter - logBefore) / cycles.cycles).toFixed(0)}`,
    );

    // The rest of the day, cloned from one of today's finished tickets while the server is down.
    await stop();
    const db = new Database(join(dataDir, 'guichet.sqlite'));
    const tplId = db.prepare("select id from tickets where status = 'done' limit 1").pluck().get() as string;
    const day = db.prepare('select business_day from tickets where id = ?').pluck().get(tplId) as string;
    const have = db.prepare('select count(*) from tickets where business_day = ?').pluck().get(day) as number;
    const now = Date.now();
    const n = Math.max(0, OPTIONS.dayTickets - have);
    const arrivals = Array.from(
      { length: n },
      (_, i) => now - 9 * 3_600_000 + Math.floor((i * 8 * 3_600_000) / n),
    );
    new TicketCloner(db, tplId).writeDay(day, arrivals, now);
    const dayTickets = db
      .prepare('select count(*) from tickets where business_day = ?')
      .pluck()
      .get(day) as number;
    db.close();
    say(
      `   today filled to ${dayTickets.toLocaleString('en-US')} tickets (${n.toLocaleString('en-US')} cloned, finished)`,
    );
    await start();
    // Bounded: at the end of a long day a server may answer very slowly.
    const endCycles = await runCycles(g, OPTIONS.endCycles, 180_000);
    say(`   at the day's end: ${endCycles.cycles} cycles in ${endCycles.seconds.toFixed(0)} s`);
    const b = await latencies(g);
    const resyncEnd = await resync(b.screens, stop, start);
    b.screens.close();
    return {
      fresh: a.figures,
      end: b.figures,
      cycles,
      endCycles,
      dayTickets,
      dbBytesPerCycle: (after.bytes - before.bytes) / cycles.cycles,
      logBytesPerCycle: (logAfter - logBefore) / cycles.cycles,
      dbBefore: before.bytes,
      dbAfter: after.bytes,
      resyncFresh,
      resyncEnd,
    };
  } finally {
    await g.stop();
  }
}
