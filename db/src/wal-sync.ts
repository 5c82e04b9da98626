import { closeSync, fstatSync, fsync, openSync, statSync } from 'node:fs';

/**
 * Makes committed WAL frames durable off the event loop.
 *
 * With `synchronous = FULL` SQLite fsyncs the -wal file inside COMMIT, and better-sqlite3 runs
 * COMMIT on the caller's thread: every batch held the event loop for its fsync (most of a batch's
 * time, and 1–10 ms on disks that really flush). The command bus instead commits its batches with
 * `synchronous = NORMAL` (the frames reach the OS, which survives kill -9) and asks this class for
 * the fsync that FULL would have done; it acknowledges and broadcasts only once that fsync has
 * returned. One fsync runs at a time on libuv's thread pool; every commit that ends while it runs
 * waits for the next one, which covers them all (group commit at the disk).
 *
 * Why this is as durable as FULL for what is acknowledged: the fsync covers every frame written
 * before it started, commit frame included; a checkpoint (which may restart the WAL from its
 * start) fsyncs the WAL and then the database itself under NORMAL too, so frames it overwrites
 * are already on disk in the database file.
 */
export class WalSync {
  private fd: number | null = null;
  private running = false;
  private next: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private closed = false;

  constructor(private readonly walFile: string) {}

  /** Resolves once every transaction committed before this call is on disk. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.next.push({ resolve, reject });
      this.kick();
    });
  }

  /** Whether an fsync is running or wanted (closing waits for them). */
  get busy(): boolean {
    return this.running || this.next.length > 0;
  }

  close(): void {
    this.closed = true;
    if (this.fd !== null && !this.running) closeSync(this.fd);
    if (!this.running) this.fd = null;
  }

  private kick(): void {
    if (this.running || this.next.length === 0) return;
    const waiting = this.next;
    this.next = [];
    let fd: number;
    try {
      fd = this.open();
    } catch (err) {
      for (const w of waiting) w.reject(err as Error);
      return;
    }
    this.running = true;
    fsync(fd, (err) => {
      this.running = false;
      for (const w of waiting) err ? w.reject(err) : w.resolve();
      if (this.closed && this.fd !== null) {
        closeSync(this.fd);
        this.fd = null;
      }
      this.kick();
    });
  }

  /** The -wal file as it is now: SQLite keeps it while a connection is open, but never trust a stale fd. */
  private open(): number {
    if (this.closed) throw new Error('the database is closed');
    const ino = statSync(this.walFile).ino;
    if (this.fd !== null && fstatSync(this.fd).ino === ino) return this.fd;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.fd = openSync(this.walFile, 'r');
    return this.fd;
  }
}
