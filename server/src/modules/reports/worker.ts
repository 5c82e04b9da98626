import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly, ReportReads, RollupStore } from '@guichet/db';
import { dispatch } from './dispatch.js';
import { ReportsEngine } from './engine.js';
import { ReportError, type ReportRequest, type WorkerMessage } from './protocol.js';

/**
 * The reports worker: its own read-only connection to the database file and the rollup cache
 * beside it. Requests are answered one at a time, in arrival order.
 */
const { dbFile, rollupFile, fixedNow } = workerData as {
  dbFile: string;
  rollupFile: string;
  fixedNow: number | null;
};
const engine = new ReportsEngine(
  new ReportReads(openReadOnly(dbFile)),
  RollupStore.open(rollupFile),
  fixedNow === null ? Date.now : () => fixedNow,
);
const port = parentPort;
if (!port) throw new Error('the reports worker must run in a worker thread');

let queue: Promise<void> = Promise.resolve();
port.on('message', (msg: { id: number; request: ReportRequest }) => {
  queue = queue.then(async () => {
    let reply: WorkerMessage;
    try {
      reply = { id: msg.id, ok: true, result: await dispatch(engine, msg.request) };
    } catch (err) {
      reply =
        err instanceof ReportError
          ? { id: msg.id, ok: false, refusal: err.refusal, message: err.message }
          : {
              id: msg.id,
              ok: false,
              message: err instanceof Error ? (err.stack ?? err.message) : String(err),
            };
    }
    port.postMessage(reply);
  });
});
