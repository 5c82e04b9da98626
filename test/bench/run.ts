/**
 * `npm run bench` (add `-- --quick` for a short development run): Guichet beside the bare stack,
 * measured in the same run, interleaved, three repetitions, medians with their spread and the
 * targets computed beside each figure. See test/bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { daySection } from './day-report.js';
import { measureFanout } from './fanout.js';
import { type IssueTarget, measureIssue } from './issue.js';
import { OPTIONS, runs } from './options.js';
import { ENTRY, ROOT, startBare, startGuichet } from './procs.js';
import { reportSection } from './report-part.js';
import { startToHealthy } from './startup.js';
import { fmt, mib, num, spread, target } from './stats.js';
import { yearDataDir } from './year-db.js';

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};
const walBytes = (dir: string) => {
  try {
    return statSync(join(dir, 'guichet.sqlite-wal')).size;
  } catch {
    return 0;
  }
};
const walMiB = (dir: string) => mib(walBytes(dir));
/**
 * Checkpoints aim at 1,000 pages (4 MiB): a -wal file that grew past this during the load means
 * the checkpoints fell that far behind the writes. The file is cut back to the database's
 * journal_size_limit when the log next restarts, so its size is sampled during the load.
 */
const WAL_KEPT_UP_BYTES = 64 * 1024 * 1024;

/** The largest size each -wal file reached while `during` ran (sampled every 250 ms). */
async function walPeaks<T>(
  dirs: string[],
  during: () => Promise<T>,
): Promise<{ result: T; peaks: number[] }> {
  const peaks = dirs.map(walBytes);
  const timer = setInterval(() => {
    dirs.forEach((d, i) => {
      peaks[i] = Math.max(peaks[i]!, walBytes(d));
    });
  }, 250);
  try {
    return { result: await during(), peaks };
  } finally {
    clearInterval(timer);
  }
}

/** 1. Spawn to the first healthy answer, on the year of history and on a fresh database. */
async function startSection(work: string, year: string, freshDir: string) {
  say(`1. Start to healthy (spawn → GET /api/v1/health 200), ${OPTIONS.startReps} starts each`);
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
  say();
  return starts;
}

/** 2. Issue throughput: both bare routes and Guichet on a fresh database and on the year. */
async function issueSection(work: string, year: string, freshDir: string) {
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
    const { result: figures, peaks } = await walPeaks([freshDir, year], () => measureIssue(targets, say));
    const kept = Math.max(...peaks) <= WAL_KEPT_UP_BYTES;
    // Before the stop: a graceful close checkpoints the WAL away.
    say(
      `   -wal files, largest during the load: Guichet fresh ${mib(peaks[0]!)}, Guichet year ${mib(peaks[1]!)} ` +
        (kept
          ? '(at most 64 MiB: checkpoints kept up)'
          : '(over 64 MiB: at some point the checkpoints did NOT keep up with the writes)'),
    );
    say(`   -wal files at the end: Guichet fresh ${walMiB(freshDir)}, Guichet year ${walMiB(year)}`);
    say();
    return figures;
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}

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
    if (!ENTRY.endsWith('.ts')) {
      // The built server must be the current sources, never a stale build.
      const t = performance.now();
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
      say(`Built with npm run build in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    }
    say();

    // The year of history and a seeded demo hall without one: the databases of parts 1 and 2.
    if (runs('start') || runs('issue')) {
      say(`0. Year of history (${OPTIONS.yearTickets.toLocaleString('en-US')} tickets)`);
      const year = await yearDataDir(join(work, 'year'), say);
      say(`   database ${mib(statSync(join(year, 'guichet.sqlite')).size)}`);
      say();
      const freshDir = join(work, 'fresh');
      mkdirSync(freshDir);
      await (await startGuichet({ dataDir: freshDir, logFile: join(work, 'fresh.log') })).stop();
      if (runs('start')) json.startToHealthy = await startSection(work, year, freshDir);
      if (runs('issue')) json.issue = await issueSection(work, year, freshDir);
    }
    if (runs('fanout')) {
      say(
        `3. Call → ${OPTIONS.screens} hall screens (Socket.IO websocket, one process), clerk at one counter`,
      );
      json.fanout = await measureFanout(work, say);
      say();
    }

    if (runs('day')) json.longDay = await daySection(work, say);
    if (runs('reports')) {
      json.reports = await reportSection(work, say);
      say();
    }

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
