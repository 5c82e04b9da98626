/**
 * The servers under test, each in its own process so that its event loop is not the load
 * generator's. Guichet is the real server entry (`npm start`'s scripts/run.mjs, or GUICHET_BENCH_ENTRY)
 * started the way production starts it: log level info, its log written to a file.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { freePort } from '../support/server.js';
import type { ProcStats } from './own-stats.js';
import { sleep } from './util.js';

export type { ProcStats };

export const ROOT = resolve(import.meta.dirname, '../..');
const PROBE = resolve(import.meta.dirname, 'probe.ts');
const BARE = resolve(import.meta.dirname, 'child.ts');
/**
 * What production runs: `npm start`, i.e. scripts/run.mjs starting the built server on plain node
 * (run.ts builds it first). GUICHET_BENCH_ENTRY=server/src/main.ts measures the sources through tsx.
 */
export const ENTRY = resolve(ROOT, process.env.GUICHET_BENCH_ENTRY ?? 'scripts/run.mjs');

/**
 * How Node loads the entry and the probe. A TypeScript entry goes through tsx. A built entry
 * runs on plain node, as `npm start` runs it: loading tsx alone costs the start about a second,
 * so the probe is bundled to JavaScript once instead.
 */
function entryArgs(): string[] {
  if (ENTRY.endsWith('.ts')) return ['--import', 'tsx', '--import', PROBE];
  const probe = join(ROOT, 'test/artifacts/bench-probe.mjs');
  mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
  buildSync({ entryPoints: [PROBE], outfile: probe, bundle: true, platform: 'node', format: 'esm' });
  // As `npm start` runs it (package.json).
  return ['--single-threaded-gc', '--enable-source-maps', '--import', probe];
}

/** What a server did between two `stats()` readings. */
export interface Usage {
  /** Event-loop utilisation, 0..1. */
  elu: number;
  cpuMicros: number;
}

export function usage(a: ProcStats, b: ProcStats): Usage {
  const active = b.eluActiveMs - a.eluActiveMs;
  const idle = b.eluIdleMs - a.eluIdleMs;
  return { elu: active / (active + idle || 1), cpuMicros: b.cpuMicros - a.cpuMicros };
}

export interface Proc {
  name: string;
  port: number;
  proc: ChildProcess;
  stats(): Promise<ProcStats>;
  stop(): Promise<void>;
}

function statsOf(name: string, proc: ChildProcess): () => Promise<ProcStats> {
  return () =>
    new Promise((res, rej) => {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        return rej(new Error(`${name} has exited (${proc.exitCode ?? proc.signalCode})`));
      }
      const t0 = performance.now();
      // A server whose event loop is held answers late: wait long, and say so.
      const timer = setTimeout(() => rej(new Error(`${name}: no stats in 120 s`)), 120_000);
      const on = (m: ProcStats) => {
        if (m?.type !== 'stats') return;
        clearTimeout(timer);
        proc.off('message', on);
        const late = performance.now() - t0;
        if (late > 1_000) console.log(`   (${name} answered its stats ${(late / 1000).toFixed(1)} s late)`);
        res(m);
      };
      proc.on('message', on);
      proc.send({ type: 'stats' });
    });
}

function stopper(proc: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((res) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return res();
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      proc.once('exit', () => {
        clearTimeout(timer);
        res();
      });
      proc.kill('SIGTERM');
    });
}

export { freePort };

export interface Guichet extends Proc {
  dataDir: string;
  logFile: string;
  devices: Record<string, string>;
  /** Each demo account's own password (demo-credentials.json). */
  passwords: Record<string, string>;
  /** ms from spawn to the GUICHET_READY line. */
  readyMs: number;
}

/**
 * Starts the real server on `dataDir` (demo hall seeded if empty), log level info appended to
 * `logFile` as a supervisor would write stdout, and waits for its GUICHET_READY line.
 */
export async function startGuichet(o: {
  dataDir: string;
  logFile: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<Guichet> {
  const port = o.port ?? (await freePort());
  const fd = openSync(o.logFile, 'a');
  const before = existsSync(o.logFile) ? readFileSync(o.logFile).length : 0;
  const t0 = performance.now();
  const proc = fork(ENTRY, [], {
    cwd: ROOT,
    execArgv: entryArgs(),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      GUICHET_HOST: '127.0.0.1',
      GUICHET_PORT: String(port),
      GUICHET_DATA_DIR: o.dataDir,
      GUICHET_DEMO: '1',
      GUICHET_LOG_LEVEL: 'info',
      GUICHET_ADMIN_PASSWORD: 'bench-admin-password',
      // The bench's 1,000 screens share one address and one display token: a hall's come from
      // many. Without these the per-address socket cap (200) and the per-device snapshot limit
      // (30 a minute) would refuse most of them. Likewise one kiosk token issues the whole load:
      // the per-kiosk and per-address issuing limits (600 / 1,200 a minute) are lifted.
      GUICHET_MAX_SOCKETS_PER_ADDRESS: '5000',
      GUICHET_SNAPSHOTS_PER_MINUTE: '10000',
      GUICHET_ISSUE_PER_DEVICE_PER_MINUTE: '100000',
      GUICHET_ISSUE_PER_ADDRESS_PER_MINUTE: '100000',
      ...o.env,
    },
    stdio: ['ignore', fd, fd, 'ipc'],
  });
  closeSync(fd);
  let exited: number | null = null;
  proc.once('exit', (code) => {
    exited = code ?? -1;
  });
  // The log is a file, as in production: the ready line is read back from it.
  for (;;) {
    const text = readFileSync(o.logFile).subarray(before).toString();
    if (text.includes('GUICHET_READY')) break;
    if (exited !== null) throw new Error(`Guichet exited with ${exited} before it was ready:\n${text}`);
    if (performance.now() - t0 > 120_000) throw new Error(`Guichet did not start in 120 s:\n${text}`);
    await sleep(10);
  }
  const readyMs = performance.now() - t0;
  const creds = JSON.parse(readFileSync(join(o.dataDir, 'demo-credentials.json'), 'utf8')) as {
    devices: Record<string, string>;
    passwords: Record<string, string>;
  };
  return {
    name: 'guichet',
    port,
    proc,
    dataDir: o.dataDir,
    logFile: o.logFile,
    devices: creds.devices,
    passwords: creds.passwords,
    readyMs,
    stats: statsOf(`Guichet ${o.dataDir}`, proc),
    stop: stopper(proc),
  };
}

export type BareMode = 'bare-http-full' | 'bare-http-normal' | 'bare-io';

/** Starts a bare comparator (test/bench/child.ts) and waits for it to listen. */
export async function startBare(mode: BareMode, dataDir = '', port = 0): Promise<Proc> {
  const proc = fork(BARE, [mode, dataDir, String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<number>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${mode} did not start within 60 s`)), 60_000);
    proc.once('exit', (code) => rej(new Error(`${mode} exited with ${code} before it was ready`)));
    proc.on('message', (m: { type: string; port: number }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        res(m.port);
      }
    });
  });
  proc.removeAllListeners('exit');
  return { name: mode, port: ready, proc, stats: statsOf(mode, proc), stop: stopper(proc) };
}
