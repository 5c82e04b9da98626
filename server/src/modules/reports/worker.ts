import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly, ReportReads, RollupStore } from '@guichet/db';
import { encodeAnswer } from './answer.js';
import { dispatch } from './dispatch.js';
import { ReportsEngine } from './engine.js';
import { giveWay, startWork, waitedMs, watchLiveWork } from './give-way.js';
import { ReportError, type ReportRequest, type WorkerMessage } from './protocol.js';

/**
 * The reports worker: its own read-only connection to the database file and the rollup cache
 * beside it. Requests are answered one at a time, in arrival order.
 */
const { dbFile, rollupFile, fixedNow, prerollIdleMs, liveWork } = workerData as {
  dbFile: string;
  rollupFile: string;
  fixedNow: number | null;
  /** Idle this long, the worker rolls up closed days (one a turn); null: never. */
  prerollIdleMs: number | null;
  /** The main thread's live-work flag (give-way.ts): the engine waits while it is up. */
  liveWork: SharedArrayBuffer | null;
};
watchLiveWork(liveWork);
const engine = new ReportsEngine(
  new ReportReads(openReadOnly(dbFile)),
  RollupStore.open(rollupFile),
  fixedNow === null ? Date.now : () => fixedNow,
);
const port = parentPort;
if (!port) throw new Error('the reports worker must run in a worker thread');

let queue: Promise<void> = Promise.resolve();
let waiting = 0;
let lastRequest = 0;
/** Nothing to roll up: look again this much later (a new day closes at each rollover). */
const RECHECK_MS = 10 * 60_000;
const preroll = () => {
  if (prerollIdleMs === null) return;
  const quiet = Date.now() - lastRequest;
  if (waiting > 0 || quiet < prerollIdleMs) {
    setTimeout(preroll, Math.max(50, prerollIdleMs - quiet)).unref();
    return;
  }
  let more = false;
  try {
    startWork();
    giveWay();
    more = engine.prerollStep();
  } catch {
    // A day that cannot be rolled up now is computed by the report that needs it.
  }
  // One day per turn: a request that arrives waits for at most one day's rollup.
  if (more) setImmediate(preroll);
  else setTimeout(preroll, RECHECK_MS).unref();
};
setTimeout(preroll, prerollIdleMs ?? 0).unref();

// `text`: the answer goes back encoded (JSON text, or gzipped when `text` is 'gzip' and it is
// large; host.ts runText), so the main thread neither clones, serialises nor compresses it.
port.on('message', (msg: { id: number; request: ReportRequest; text?: 'json' | 'gzip' }) => {
  waiting++;
  lastRequest = Date.now();
  queue = queue.then(async () => {
    let reply: WorkerMessage;
    try {
      startWork();
      const result = await dispatch(engine, msg.request);
      giveWay();
      reply = {
        id: msg.id,
        gaveWayMs: waitedMs(),
        ok: true,
        result: msg.text ? encodeAnswer(result, msg.text === 'gzip') : result,
      };
    } catch (err) {
      reply =
        err instanceof ReportError
          ? { id: msg.id, gaveWayMs: waitedMs(), ok: false, refusal: err.refusal, message: err.message }
          : {
              id: msg.id,
              gaveWayMs: waitedMs(),
              ok: false,
              message: err instanceof Error ? (err.stack ?? err.message) : String(err),
            };
    }
    waiting--;
    lastRequest = Date.now();
    // A gzipped answer's bytes are moved to the main thread, not copied.
    const bytes = reply.ok && reply.result instanceof Uint8Array ? [reply.result.buffer as ArrayBuffer] : [];
    port.postMessage(reply, bytes);
  });
});
