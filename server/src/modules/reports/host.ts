import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '@guichet/db';
import { ReportReads, RollupStore } from '@guichet/db';
import Database from 'better-sqlite3';
import { type EncodedAnswer, encodeAnswer } from './answer.js';
import { dispatch } from './dispatch.js';
import { ReportsEngine } from './engine.js';
import type { LiveWork } from './give-way.js';
import { ReportError, type ReportRequest, type ReportResultOf, type WorkerMessage } from './protocol.js';

/**
 * Where the reports engine runs. A file database: in a worker thread with its own read-only
 * connection, so a year-long report never blocks the event loop that serves calls. An
 * ':memory:' database cannot be opened from another thread: the same engine runs in-process
 * on the app's connection (tests).
 */
export interface ReportsHost {
  run<K extends ReportRequest['kind']>(
    req: Extract<ReportRequest, { kind: K }>,
    timeoutMs?: number,
  ): Promise<ReportResultOf[K]>;
  /**
   * The same answer encoded in the engine's thread (answer.ts): JSON text, or gzipped when
   * `gzip` and large. A year's report is megabytes: cloning it to the main thread and
   * serialising or compressing it there would take the event loop that serves calls. The route
   * sends it as is.
   */
  runText(req: ReportRequest, timeoutMs?: number, gzip?: boolean): Promise<EncodedAnswer>;
  /** Reports answered and how long they waited in all for live work (give-way.ts). */
  gaveWay(): { reports: number; ms: number };
  close(): Promise<void>;
}

/** The engine stopped, timed out or failed: the route answers 503 and the next request restarts it. */
export class ReportsUnavailable extends Error {
  override name = 'ReportsUnavailable';
}

/** The report took too long and was stopped: 503 REPORT_TIMEOUT, the next request starts afresh. */
export class ReportTimeout extends ReportsUnavailable {
  override name = 'ReportTimeout';
}

/**
 * A report's time: under the HTTP server's 20 s idle-connection timeout (http/server.ts), so a
 * manager gets a 503 saying so rather than a dropped connection. Exports raise their own.
 */
export const REPORT_TIMEOUT_MS = 15_000;
export const DEFAULT_TIMEOUT_MS = REPORT_TIMEOUT_MS;
/** The server's worker rolls up closed days after this long without a report request. */
export const PREROLL_IDLE_MS = 5_000;

export function rollupFileFor(dbFile: string): string {
  return `${dbFile}.reports.sqlite`;
}

export function inProcessHost(db: Db, now: () => number = Date.now): ReportsHost {
  const engine = new ReportsEngine(
    new ReportReads(db.$client),
    new RollupStore(new Database(':memory:')),
    now,
  );
  return {
    async run(req) {
      return (await dispatch(engine, req)) as never;
    },
    async runText(req, _timeoutMs, gzip = false) {
      return encodeAnswer(await dispatch(engine, req), gzip);
    },
    // In-process (tests): nothing to give way to.
    gaveWay: () => ({ reports: 0, ms: 0 }),
    async close() {
      engine.rollups.close();
    },
  };
}

interface Pending {
  worker: Worker;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export function workerHost(
  dbFile: string,
  options: {
    rollupFile?: string;
    /** A fixed "now" (replays and tests). */
    fixedNow?: number;
    /**
     * Start the worker now and let it roll up closed days after this much idle time, so the
     * first report of a month is not slow. Absent: the worker starts at the first request and
     * rolls up only what reports ask for.
     */
    prerollIdleMs?: number;
    /** The main thread's live-work flag (give-way.ts): the worker waits while it is up. */
    liveWork?: SharedArrayBuffer;
  } = {},
): ReportsHost {
  const rollupFile = options.rollupFile ?? rollupFileFor(dbFile);
  const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const gave = { reports: 0, ms: 0 };

  /** Fails the requests of one worker only: a fresh worker may already be answering others. */
  const failAll = (w: Worker, why: string) => {
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(new ReportsUnavailable(why));
    }
  };
  const start = () => {
    const w = spawn(entry, {
      dbFile,
      rollupFile,
      fixedNow: options.fixedNow ?? null,
      prerollIdleMs: options.prerollIdleMs ?? null,
      liveWork: options.liveWork ?? null,
    });
    w.unref();
    w.on('message', (msg: WorkerMessage) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      gave.reports++;
      gave.ms += msg.gaveWayMs;
      if (msg.ok) p.resolve(msg.result);
      else if (msg.refusal) p.reject(new ReportError(msg.refusal));
      else p.reject(new ReportsUnavailable(`the reports engine failed: ${msg.message}`));
    });
    w.on('error', (err) => {
      if (worker === w) worker = null;
      failAll(w, `the reports engine stopped: ${err.message}`);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(w, `the reports engine stopped (exit code ${code})`);
    });
    return w;
  };

  if (options.prerollIdleMs !== undefined) worker = start();
  const post = (req: ReportRequest, text: false | 'json' | 'gzip', timeoutMs: number) => {
    worker ??= start();
    const w = worker;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(
          new ReportTimeout(
            `the report took longer than ${timeoutMs} ms and was stopped: try a shorter period`,
          ),
        );
        // A stuck computation holds the worker: stop it; the next request starts a fresh one.
        if (worker === w) worker = null;
        void w.terminate();
      }, timeoutMs);
      pending.set(id, { worker: w, resolve: resolve as (v: unknown) => void, reject, timer });
      w.postMessage({ id, request: req, text });
    });
  };
  return {
    run: (req, timeoutMs = DEFAULT_TIMEOUT_MS) => post(req, false, timeoutMs) as never,
    runText: (req, timeoutMs = DEFAULT_TIMEOUT_MS, gzip = false) =>
      post(req, gzip ? 'gzip' : 'json', timeoutMs) as Promise<EncodedAnswer>,
    gaveWay: () => ({ ...gave }),
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

/**
 * Starts the worker. Built code runs as is; source (the server runs under tsx) is loaded
 * through tsx's loader registered inside the worker first, since loader flags given to a
 * worker's execArgv are not applied to worker threads on Node 20.
 */
function spawn(entry: URL, workerData: object): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * The host for a database file, or in-process for ':memory:'. `liveWork`: the flag the main
 * thread raises while it serves live requests; the worker gives way to them.
 */
export function reportsHost(dbFile: string, db: Db, liveWork?: LiveWork): ReportsHost {
  return dbFile === ':memory:'
    ? inProcessHost(db)
    : workerHost(dbFile, {
        prerollIdleMs: PREROLL_IDLE_MS,
        ...(liveWork && { liveWork: liveWork.buffer }),
      });
}
