import { closeSync, openSync, readSync, statSync } from 'node:fs';
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
    parentPort.postMessage({ ok: true, frames: r.log, copied: r.checkpointed });
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
 * Checkpoints run again at once, this many times at most, while commits made during the last
 * one left frames uncopied. The log restarts from its start (and the file stops growing) only
 * at a commit that finds every frame copied; under a steady stream of commits each checkpoint
 * ends with the frames written while it ran, so without chasing them the -wal file grew for as
 * long as the stream lasted (464 MiB in the bench's minutes of issuing at full speed). Each
 * chase copies only what came during the last, so it is shorter; a reader that holds frames
 * back stops the chase (running again could not copy them either).
 */
const CHASES = 4;
/** How commits are held while the log is copied (see `room`). */
const HOLD = {
  /**
   * The longest a hold lasts. A checkpoint that copies everything takes tens of milliseconds;
   * one that cannot (a reader holds frames back) would make commits wait for nothing.
   */
  maxMs: 1_000,
  /** After a hold that did not end with the log copied (or ran out of time), commits go on unheld this long. */
  offMs: 1_000,
  /** How often commits look at the -wal file's size (a flood writes a few MB in this time). */
  sizeCheckMs: 50,
} as const;

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
  /** Checkpoints run back to back so far in this round (CHASES). */
  private chases = 0;
  /** The log's frames when this round's first run and its last run began (0: none yet). */
  private roundFrames = 0;
  private lastFrames = 0;
  /** Commits wait on this while the log is past its bound and a checkpoint copies it. */
  private hold: { done: Promise<void>; release: () => void; timer: NodeJS.Timeout } | null = null;
  /** The hold that was on when the checkpoint running now began (null: commits may have come during it). */
  private runHold: object | null = null;
  private holdOffUntil = 0;
  private sizeCheckedAt = Number.NEGATIVE_INFINITY;
  /**
   * The log's salts when a hold ended with every frame copied (the next look at the size is then
   * put off, so the commits right after go unheld and the first restarts the log). A restart
   * writes new ones; a reader that began during the hold (a report, a backup) can stop the
   * restart though every frame was copied, and then holding again would not help: commits go
   * unheld for HOLD.offMs.
   * (The size cannot tell: a flood can grow the restarted file past the bound again at once.)
   */
  private saltsAtRelease: string | null = null;

  constructor(
    private readonly file: string,
    /** Turns the writer's own automatic checkpoint off (0) or back on (1000 pages). */
    private readonly autoCheckpoint: (pages: number) => void,
    /** The -wal file size past which commits wait for the log to be copied (see `room`). */
    private readonly boundBytes: number,
  ) {}

  /** A commit is durable: checkpoint if it is time. */
  committed(): void {
    if (this.stopped || ++this.commits < START_AFTER_COMMITS || this.running) return;
    const now = performance.now();
    if (now - this.last < this.interval) return;
    this.last = now;
    this.running = true;
    this.checkpoint(this.worker ?? this.start());
  }

  /**
   * Null when the next commit may go ahead; otherwise resolves when it may. Under a steady stream
   * of commits the chases above can lose: every checkpoint ends with frames written while it ran,
   * no commit finds the log all copied, and the -wal file grows for as long as the stream lasts
   * (192 MiB in one bench run). Past `boundBytes`, the next commit waits (the event loop does not:
   * the commands queue up for it) until a checkpoint that began with no commit running has copied
   * every frame; that commit then restarts the log from its start, and SQLite cuts the file back
   * to journal_size_limit. The file only grows from its start after a restart, so its size is the
   * log's extent since the last one.
   */
  room(): Promise<void> | null {
    if (this.hold) return this.hold.done;
    const now = performance.now();
    if (!this.worker || this.stopped || now < this.holdOffUntil) return null;
    // The size at most every HOLD.sizeCheckMs: a stat per batch is a visible share of a flood.
    if (now - this.sizeCheckedAt < HOLD.sizeCheckMs) return null;
    this.sizeCheckedAt = now;
    const salts = this.saltsAtRelease;
    this.saltsAtRelease = null;
    if (this.walBytes() <= this.boundBytes) return null;
    if (salts !== null && salts === this.walSalts()) {
      this.holdOffUntil = now + HOLD.offMs;
      return null;
    }
    let release!: () => void;
    const done = new Promise<void>((r) => {
      release = r;
    });
    const timer = setTimeout(() => this.release(), HOLD.maxMs);
    this.hold = { done, release, timer };
    // A checkpoint running now may be followed by commits that came during it: its result asks
    // for one more, which begins held.
    if (!this.running) {
      this.running = true;
      this.checkpoint(this.worker);
    }
    return done;
  }

  /**
   * Lets the commits go on. `copied`: the log is all copied, so the next commit restarts it (the
   * file is still past the bound until then: the size is not looked at again for a while).
   * Otherwise holding again at once would be for nothing: commits go unheld for a while.
   */
  private release(copied = false): void {
    if (!this.hold) return;
    clearTimeout(this.hold.timer);
    this.hold.release();
    this.hold = null;
    if (copied) {
      this.sizeCheckedAt = performance.now();
      this.saltsAtRelease = this.walSalts();
    } else this.holdOffUntil = performance.now() + HOLD.offMs;
  }

  private checkpoint(worker: Worker): void {
    this.runHold = this.hold;
    worker.postMessage('checkpoint');
  }

  /** The -wal header's two salts (bytes 16–23), new at each restart of the log; '' when unreadable. */
  private walSalts(): string {
    const header = Buffer.alloc(8);
    try {
      const fd = openSync(`${this.file}-wal`, 'r');
      try {
        readSync(fd, header, 0, 8, 16);
      } finally {
        closeSync(fd);
      }
      return header.toString('hex');
    } catch {
      return '';
    }
  }

  private walBytes(): number {
    try {
      return statSync(`${this.file}-wal`).size;
    } catch {
      return 0;
    }
  }

  stop(): void {
    this.stopped = true;
    this.release();
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
      this.release();
      this.worker = null;
      void worker.terminate();
      this.autoCheckpoint(1000);
    };
    worker.on('message', (m: { ok: boolean; frames?: number; copied?: number }) => {
      if (!m.ok) {
        this.running = false;
        this.release();
        return fallBack();
      }
      if (this.hold) {
        // Held: a run that began before the hold may have missed the last commits' frames.
        if (this.runHold !== this.hold) return this.checkpoint(worker);
        // -1 / -1: SQLite could not checkpoint at all (busy).
        this.release((m.frames ?? -1) >= 0 && m.copied === m.frames);
      }
      // SQLite counts the frames the log had when the checkpoint began (`log`). Everything
      // copied means no reader holds the rest back; then run at once again, for what came
      // during this run, as long as the log keeps growing between runs. (The first run of a
      // round always has one follow-up: it cannot tell whether commits came while it ran; the
      // follow-up costs nothing when there is nothing to copy.)
      const frames = m.frames ?? 0;
      if (this.chases === 0) this.roundFrames = frames;
      const more = frames > this.lastFrames;
      this.lastFrames = frames;
      if ((m.copied ?? 0) === frames && more && this.chases < CHASES && !this.stopped) {
        this.chases++;
        this.checkpoint(worker);
        return;
      }
      this.running = false;
      this.chases = 0;
      this.lastFrames = 0;
      // The next round is an interval after this one ended, not after it began: a long round
      // must not be followed at once by another for a handful of pages.
      this.last = performance.now();
      // The round's first run says how much the commits wrote since the last round.
      const busy = this.roundFrames >= TARGET_FRAMES;
      this.interval = Math.min(MAX_MS, Math.max(MIN_MS, busy ? this.interval / 2 : this.interval * 2));
    });
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    this.worker = worker;
    return worker;
  }
}
