import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker: its own connection to the file, one PASSIVE checkpoint per request. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, frames: r.log });
  } catch (err) {
    parentPort.postMessage({ ok: false, reason: String((err && err.message) || err) });
  }
});
`;

/** Commits before the checkpoints move to their thread: a short run (a test) keeps SQLite's own. */
const START_AFTER_COMMITS = 100;
/**
 * The time between checkpoints adapts to the write rate, aiming at SQLite's own 1,000 pages: a
 * checkpoint's fsyncs share the disk with the commits', so none runs for a handful of pages.
 */
const TARGET_FRAMES = 1_000;
const MIN_MS = 250;
const MAX_MS = 8_000;

/**
 * Runs the WAL checkpoints in a worker thread. SQLite's automatic checkpoint runs inside the
 * COMMIT that crosses 1,000 pages, on the event loop, and copies those pages into the database
 * file between two fsyncs: tens of milliseconds on a busy disk, every few dozen batches. Here a
 * second connection in its own thread checkpoints PASSIVE (it never blocks the writer), and the
 * writer's next transaction restarts the WAL from its start once it is all copied. If the worker
 * fails, the writer's automatic checkpoint comes back.
 */
export class Checkpointer {
  private worker: Worker | null = null;
  private running = false;
  private commits = 0;
  // Not 0: performance.now() starts at process start, and a young process would wait its first second.
  private last = Number.NEGATIVE_INFINITY;
  private interval = 1_000;
  private stopped = false;

  constructor(
    private readonly file: string,
    /** Turns the writer's own automatic checkpoint off (0) or back on (1000 pages). */
    private readonly autoCheckpoint: (pages: number) => void,
  ) {}

  /** A commit is durable: checkpoint if it is time. */
  committed(): void {
    if (this.stopped || ++this.commits < START_AFTER_COMMITS || this.running) return;
    const now = performance.now();
    if (now - this.last < this.interval) return;
    this.last = now;
    this.running = true;
    (this.worker ?? this.start()).postMessage('checkpoint');
  }

  stop(): void {
    this.stopped = true;
    void this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER, { eval: true, workerData: { file: this.file, driver } });
    worker.unref();
    this.autoCheckpoint(0);
    const fallBack = () => {
      if (this.stopped) return;
      this.stopped = true;
      this.worker = null;
      void worker.terminate();
      this.autoCheckpoint(1000);
    };
    worker.on('message', (m: { ok: boolean; frames?: number }) => {
      this.running = false;
      if (!m.ok) return fallBack();
      const busy = (m.frames ?? 0) >= TARGET_FRAMES;
      this.interval = Math.min(MAX_MS, Math.max(MIN_MS, busy ? this.interval / 2 : this.interval * 2));
    });
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    this.worker = worker;
    return worker;
  }
}
