/**
 * `npm run bench` (add `-- --quick` for a short development run): Guichet beside the bare stack,
 * measured in the same run, interleaved, three repetitions, medians with their spread and the
 * targets computed beside each figure. See test/bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { longDay } from './day.js';
import { measureFanout } from './fanout.js';
import { type IssueTarget, measureIssue } from './issue.js';
import { OPTIONS } from './options.js';
import { ENTRY, ROOT, startBare, startGuichet } from './procs.js';
import { bareReconnect } from './resync.js';
import { displayReconnect } from './screens.js';
import { startToHealthy } from './startup.js';
import { fmt, mib, num, spread, target } from './stats.js';
import { yearDataDir } from './year-db.js';

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};
const walMiB = (dir: string) => {
  try {
    return mib(statSync(join(dir, 'guichet.sqlite-wal')).size);
  } catch {
    return '0 MiB';
  }
};

async function main(): Promise<void> {
  const started = performance.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const work = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  const json: Record<string, unknown> = {};
  try {
    say(
      `Guichet bench ${new Date().toISOString()} — ${cpus().length} vCPU, Node ${process.version}, 127.0.0.1 only`,
    );
    say(
      OPTIONS.quick
        ? 'QUICK run (development only: slices of a few seconds, a small history) — do not quote these figures'
        : `Honest run: ${OPTIONS.sliceMs / 1000} s per slice after ${OPTIONS.warmupMs / 1000} s warm-up, ${OPTIONS.repetitions} interleaved repetitions`,
    );
    say(
      `Guichet: ${relative(ROOT, ENTRY)} in its own process, log level info written to a file, synchronous=FULL.`,
    );
    say('Load generator and screens run in this process on the same cores as the servers: read the ratios.');
    say();

    say(`0. Year of history (${OPTIONS.yearTickets.toLocaleString('en-US')} tickets)`);
    const year = await yearDataDir(join(work, 'year'), say);
    say(`   database ${mib(statSync(join(year, 'guichet.sqlite')).size)}`);
    say();

    say(`1. Start to healthy (spawn → GET /api/v1/health 200), ${OPTIONS.startReps} starts each`);
    const freshDir = join(work, 'fresh');
    mkdirSync(freshDir);
    await (await startGuichet({ dataDir: freshDir, logFile: join(work, 'fresh.log') })).stop();
    const starts = { year: [] as number[], fresh: [] as number[], ready: [] as number[] };
    for (let i = 0; i < OPTIONS.startReps; i++) {
      const y = await startToHealthy(year, join(work, 'year-start.log'));
      starts.year.push(y.healthyMs / 1000);
      starts.ready.push(y.readyMs / 1000);
      starts.fresh.push((await startToHealthy(freshDir, join(work, 'fresh.log'))).healthyMs / 1000);
    }
    const yearStart = spread(starts.year);
    say(
      `   year of history: ${fmt(yearStart, ' s')}   ${target(yearStart.median, '<=', 1.5)} (≤ 1.5 s for the built server)`,
    );
    say(`   (GUICHET_READY line on the year database: ${fmt(spread(starts.ready), ' s')})`);
    say(`   fresh database:  ${fmt(spread(starts.fresh), ' s')}`);
    json.startToHealthy = starts;
    say();

    say(`2. Ticket issue: POST, kiosk without printer, unique Idempotency-Key, 5 plain services`);
    mkdirSync(join(work, 'bare'));
    const procs = [
      await startBare('bare-http-full', join(work, 'bare')),
      await startBare('bare-http-normal', join(work, 'bare')),
      await startGuichet({ dataDir: freshDir, logFile: join(work, 'fresh.log') }),
      await startGuichet({ dataDir: year, logFile: join(work, 'year.log') }),
    ] as const;
    const targets: IssueTarget[] = [
      { label: 'bare FULL', proc: procs[0], token: null, role: 'bare-full' },
      { label: 'bare NORMAL', proc: procs[1], token: null, role: 'bare-normal' },
      { label: 'Guichet fresh', proc: procs[2], token: procs[2].devices['kiosk-2']!, role: 'guichet' },
      { label: 'Guichet year', proc: procs[3], token: procs[3].devices['kiosk-2']!, role: 'guichet' },
    ];
    try {
      json.issue = await measureIssue(targets, say);
      // Before the stop: a graceful close checkpoints the WAL away.
      say(
        `   -wal files at the end: Guichet fresh ${walMiB(freshDir)}, Guichet year ${walMiB(year)} (a few MiB: auto-checkpoint works)`,
      );
    } finally {
      await Promise.all(procs.map((p) => p.stop()));
    }
    say();

    say(`3. Call → ${OPTIONS.screens} hall screens (Socket.IO websocket, one process), clerk at one counter`);
    json.fanout = await measureFanout(work, say);
    say();

    const r = displayReconnect();
    say(
      `4. Long day: ${OPTIONS.longDayCycles.toLocaleString('en-US')} issue → call-next → finish cycles at 8 counters; resync of ${OPTIONS.screens} screens`,
    );
    say(
      `   (screens reconnect like the hall display: delay ${r.reconnectionDelay}–${r.reconnectionDelayMax} ms, randomization ${r.randomizationFactor})`,
    );
    const bare1 = await bareReconnect();
    const day = await longDay(work, say);
    const bare2 = await bareReconnect();
    const bareAll = spread([bare1.allMs, bare2.allMs].map((x) => x / 1000));
    const snap = (label: string, d: typeof day.fresh) =>
      say(
        `   ${label.padEnd(22)} snapshot (subscribe ack) p50 ${num(d.snapshotP50)} ms, p99 ${num(d.snapshotP99)} ms, ${num(d.snapshotBytes / 1024)} KiB; ${OPTIONS.screens} screens subscribed in ${num(d.subscribe1000Ms / 1000)} s`,
      );
    snap('fresh day:', day.fresh);
    snap(`after ${OPTIONS.longDayCycles.toLocaleString('en-US')} tickets:`, day.end);
    say(
      `   snapshot p50 at the day's end ${num(day.end.snapshotP50)} ms   ${target(day.end.snapshotP50, '<=', 3)} (≤ 3 ms at 100,000 tickets)`,
    );
    const c = day.cycles.issue;
    say(
      `   issue latency during the cycles: first 1,000 p50 ${num(c.firstP50)} / p99 ${num(c.firstP99)} ms; last 1,000 p50 ${num(c.lastP50)} / p99 ${num(c.lastP99)} ms`,
    );
    say(
      `   bare Socket.IO reconnect of ${OPTIONS.screens} clients after a restart: ${fmt(bareAll, ' s')} (before and after the day)`,
    );
    for (const [label, x] of [
      ['fresh day', day.resyncFresh],
      ['after the long day', day.resyncEnd],
    ] as const) {
      const ratio = x.allMs / 1000 / bareAll.median;
      say(
        `   Guichet resync, ${label}: all ${x.synced} screens in ${num(x.allMs / 1000)} s from the stop (${num(x.afterListenMs / 1000)} s after listening, p50 ${num(x.p50Ms / 1000)} s) ×${num(ratio)} bare   ${target(ratio, '<=', 1.5)}`,
      );
    }
    say(
      `   database: ${mib(day.dbBefore)} → ${mib(day.dbAfter)} (WAL checkpointed), ${num(day.dbBytesPerCycle)} B per cycle   ${target(day.dbBytesPerCycle, '<=', 1024)} (≤ 1 KiB)`,
    );
    say(
      `   log at info: ${num(day.logBytesPerCycle)} B per cycle (${mib(day.logBytesPerCycle * 100_000)} per 100,000)`,
    );
    json.longDay = { ...day, bareReconnect: [bare1, bare2] };

    const total = (performance.now() - started) / 1000;
    say();
    say(`Total ${num(total / 60)} min.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
    const name = `bench-${OPTIONS.quick ? 'quick-' : ''}${stamp}`;
    writeFileSync(join(ROOT, 'test/artifacts', `${name}.txt`), `${out.join('\n')}\n`);
    writeFileSync(
      join(ROOT, 'test/artifacts', `${name}.json`),
      `${JSON.stringify({ ...json, output: out }, null, 1)}\n`,
    );
    console.log(`Output: test/artifacts/${name}.txt and .json`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
