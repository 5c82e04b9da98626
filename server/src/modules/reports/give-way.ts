import { performance } from 'node:perf_hooks';

/**
 * Reports give way to live work. The main thread raises a shared flag while it serves anything
 * but a report (a call, a finish, a ticket, a screen's snapshot) and lowers it once that work
 * and the broadcasts it causes are done; the reports worker, at points inside its loops, waits
 * while the flag is up.
 *
 * Why a flag and not the scheduler: on a small server a busy second core slows the first one
 * (shared caches, a shared physical core under a hypervisor). Measured on the 2-vCPU machine the
 * bench runs on: a spinning thread at nice 19 on the other core doubled call-next p99 as much as
 * one at nice 0 did, so lowering the worker's priority does nothing for the counters. Not
 * running at all while a call is served does.
 *
 * Fairness: a report waits at most as long as it has run (plus a small allowance), so a hall
 * that is never quiet makes its reports at most about twice as slow, never stuck.
 */
const UP = 1;
const DOWN = 0;

/** The main thread's side: counts what it is serving; the flag is up while anything is. */
export class LiveWork {
  readonly buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  private readonly flag = new Int32Array(this.buffer);
  private serving = 0;

  begin(): void {
    this.serving++;
    Atomics.store(this.flag, 0, UP);
  }

  /**
   * One piece of work answered. The flag comes down two turns of the event loop later, when
   * nothing else began meanwhile: a command's broadcasts run in the turn after its reply.
   */
  end(): void {
    this.serving = Math.max(0, this.serving - 1);
    if (this.serving > 0) return;
    setImmediate(() =>
      setImmediate(() => {
        if (this.serving > 0) return;
        Atomics.store(this.flag, 0, DOWN);
        Atomics.notify(this.flag, 0);
      }),
    );
  }

  /** Whether the flag is up (tests). */
  get busy(): boolean {
    return Atomics.load(this.flag, 0) === UP;
  }
}

/** The longest single wait: the flag is looked at again at least this often. */
const WAIT_SLICE_MS = 5;
/** A report may always wait this long, however short it ran. */
const ALLOWANCE_MS = 20;

let flag: Int32Array | null = null;
let startedAt = 0;
let waited = 0;

/** The worker's side: the flag to watch (none: never waits, as in-process in tests). */
export function watchLiveWork(buffer: SharedArrayBuffer | null): void {
  flag = buffer ? new Int32Array(buffer) : null;
}

/** A new piece of report work starts: its fairness account starts afresh. */
export function startWork(): void {
  startedAt = performance.now();
  waited = 0;
}

/** How long the current piece of work has waited so far (ms). */
export function waitedMs(): number {
  return waited;
}

/**
 * Called inside the engine's loops: returns at once when the main thread is idle, else waits
 * until it is (or the report's fair share of waiting is used up).
 */
export function giveWay(): void {
  if (flag === null || Atomics.load(flag, 0) === DOWN) return;
  for (;;) {
    const now = performance.now();
    const ran = now - startedAt - waited;
    const allowed = ran + ALLOWANCE_MS - waited;
    if (allowed <= 0) return;
    Atomics.wait(flag, 0, UP, Math.min(WAIT_SLICE_MS, allowed));
    waited += performance.now() - now;
    if (Atomics.load(flag, 0) === DOWN) return;
  }
}
