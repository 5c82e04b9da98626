import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type CommandContext, fail, ok, type QueueState, type Result } from '../core/index.js';
import type { AnyEvent, CommandMeta } from './events.js';
import type { Registry } from './registry.js';

/** A command: decide from the state, return the events and how to read the reply once they are applied. */
export type Decide<T> = (
  state: QueueState,
  ctx: CommandContext,
) => Result<{ events: AnyEvent[]; reply: () => T }>;

interface Job {
  meta: CommandMeta;
  decide: Decide<unknown>;
  resolve: (r: Result<unknown>) => void;
}

/** What one commit changed, for the effects that follow it (broadcast, printing, LEDs, pads). */
export interface CommittedBatch {
  events: AnyEvent[];
  /** Who asked for the command that emitted the event, and from where. */
  metaOf(event: AnyEvent): CommandMeta;
}

export interface Ids {
  newId(): string;
  newSecret(): string;
}

/** The one transaction every commit runs in (better-sqlite3: synchronous, a savepoint when nested). */
export interface Transactional {
  transaction<T>(fn: () => T): T;
  /**
   * The same, with a COMMIT that does not wait for the disk (the store's fsync then runs off the
   * event loop, see db/src/wal-sync.ts). Without it, `transaction` is used.
   */
  transactionDeferred?<T>(fn: () => T): T;
  /** Resolves once everything committed so far is on disk. Without it, a commit is durable on return. */
  durable?(): Promise<void>;
  /**
   * Null when the next commit may go ahead; otherwise a promise to wait on first (the -wal file
   * is past its bound and a checkpoint is copying it, db/src/checkpointer.ts). Commands queue
   * meanwhile and commit together.
   */
  walRoom?(): Promise<void> | null;
}

/**
 * The one write path. Runs commands strictly one at a time against the live state; each
 * command's events go through the projector registry (state, rows, audit) inside one SQLite
 * transaction.
 *
 * Group commit: every command that arrives before the next turn of the event loop joins one
 * transaction, so under a burst one fsync covers many tickets. Each command still sees the
 * state left by the one before it. The COMMIT runs on the event loop but its fsync does not: the
 * store makes the batch durable on the thread pool while the loop serves other requests, and the
 * next batches may commit meanwhile. Replies are resolved only once the batch is on disk, and the
 * 'committed' event (which feeds broadcasts, printing, LED displays and rating pads) fires after
 * the replies: nothing leaves the process before it is durable, and the acting client is
 * answered before a thousand screens are written to.
 */
/** The write path's last failure, until a commit that writes succeeds (health reports it). */
export interface WriteFailure {
  since: number;
  reason: string;
}

export class CommandBus extends EventEmitter<{ committed: [CommittedBatch] }> {
  private queue: Job[] = [];
  private scheduled = false;
  private lastNow = 0;
  private failing: WriteFailure | null = null;

  constructor(
    private readonly db: Transactional,
    private readonly registry: Registry,
    readonly state: QueueState,
    private readonly reload: () => QueueState,
    private readonly clock: () => number,
    private readonly ids: Ids,
    private readonly log: Logger,
  ) {
    super();
    // Every module adds its post-commit effects here (broadcasts, printing, pads, monitor, auth
    // caches…): a dozen listeners is the design, not a leak.
    this.setMaxListeners(50);
  }

  /**
   * Stops taking commands before the store closes: what is queued commits first, anything later
   * (a timer, an effect of the last commit) is refused instead of meeting a closed database.
   */
  async close(): Promise<void> {
    while (this.scheduled || this.queue.length || this.syncing) await new Promise((r) => setImmediate(r));
    this.closed = true;
  }
  private closed = false;
  /** Batches committed and waiting for their fsync. */
  private syncing = 0;
  /** Set when the disk failed to confirm a commit: nothing more is accepted (see `unconfirmed`). */
  private broken: string | null = null;

  run<T>(meta: CommandMeta, decide: Decide<T>): Promise<Result<T>> {
    if (this.closed)
      return Promise.resolve(fail('STORAGE_UNAVAILABLE', 'the server is shutting down; nothing was changed'));
    if (this.broken) return Promise.resolve(fail('STORAGE_UNAVAILABLE', this.broken));
    return new Promise((resolve) => {
      this.queue.push({ meta, decide, resolve: resolve as Job['resolve'] });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** The current time, never earlier than a time already handed out (wall clocks step back). */
  now(): number {
    this.lastNow = Math.max(this.lastNow, this.clock());
    return this.lastNow;
  }

  /** Null while commits succeed; the first failure's time and the latest reason otherwise. */
  writeFailure(): WriteFailure | null {
    return this.failing;
  }

  /** Runs the effects of each commit; one failing effect is logged and does not starve the others. */
  onCommitted(name: string, effect: (batch: CommittedBatch) => void): void {
    this.on('committed', (batch) => {
      try {
        effect(batch);
      } catch (err) {
        this.log.error({ err, effect: name }, 'an effect of committed events failed');
      }
    });
  }

  private flush(): void {
    // `scheduled` stays set while held: what arrives meanwhile joins this batch.
    const room = this.db.walRoom?.();
    if (room) {
      room.then(() => this.flush());
      return;
    }
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    if (this.broken) {
      for (const job of batch) job.resolve(fail('STORAGE_UNAVAILABLE', this.broken));
      return;
    }
    let outcomes: { result: Result<unknown>; events: AnyEvent[] }[];
    try {
      const commit = this.db.transactionDeferred?.bind(this.db) ?? this.db.transaction.bind(this.db);
      outcomes = commit(() => batch.map((job) => this.execute(job)));
      this.wrote(outcomes);
    } catch (err) {
      // The batch rolled back but the live state may hold some of its changes (an Idempotency-Key
      // among them): rebuild it from the database, then give each command its own transaction so
      // one bad command fails alone.
      this.log.error({ err }, 'batch commit failed; retrying its commands one by one');
      this.failed(err);
      this.replaceState(this.reload());
      outcomes = batch.map((job) => this.executeAlone(job));
    }
    // A batch that only refused waits too while an earlier one is not on disk: its answers may
    // rest on that batch (a cap reached, a counter taken), and replies keep their order.
    const anyEvents = outcomes.some((o) => o.events.length > 0);
    if (!this.db.durable || (!anyEvents && this.syncing === 0)) {
      this.settle(batch, outcomes);
      return;
    }
    this.syncing++;
    this.db.durable().then(
      () => {
        this.syncing--;
        // An earlier batch's fsync failed: this one's state rested on it, and a later fsync
        // may report pages the kernel dropped as clean.
        if (this.broken) this.unconfirmed(batch, new Error(this.broken));
        else this.settle(batch, outcomes);
      },
      (err) => {
        this.syncing--;
        this.unconfirmed(batch, err);
      },
    );
  }

  /** Answers each command of a durable batch, then hands its events to the effects. */
  private settle(batch: Job[], outcomes: { result: Result<unknown>; events: AnyEvent[] }[]): void {
    const events: AnyEvent[] = [];
    const metas = new Map<AnyEvent, CommandMeta>();
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      for (const e of outcome.events) metas.set(e, job.meta);
      events.push(...outcome.events);
      job.resolve(outcome.result);
    });
    const metaOf = (e: AnyEvent) => metas.get(e) ?? { actor: e.actor };
    if (events.length) setImmediate(() => this.emit('committed', { events, metaOf }));
  }

  /**
   * The fsync failed: the batch is in the database file but the disk did not confirm it, and
   * after such a failure Linux may report later fsyncs as clean. Nothing of the batch is shown,
   * its commands are told the outcome is unknown, and no command is accepted until a restart
   * rebuilds the state from what the disk holds (health reports the failure meanwhile).
   */
  private unconfirmed(batch: Job[], err: unknown): void {
    if (!this.broken) {
      this.log.fatal(
        { err },
        'the disk did not confirm a commit; refusing commands until the server restarts',
      );
      this.failed(err);
    }
    this.broken = 'the disk failed to confirm a write; the server must be restarted before it takes commands';
    const unknown = fail(
      'STORAGE_UNAVAILABLE',
      'the disk did not confirm the change: it may or may not have been saved; check before trying again',
    );
    for (const job of batch) job.resolve(unknown);
  }

  private executeAlone(job: Job): { result: Result<unknown>; events: AnyEvent[] } {
    try {
      const outcome = this.db.transaction(() => this.execute(job));
      this.wrote([outcome]);
      return outcome;
    } catch (err) {
      this.log.error({ err }, 'command failed to commit');
      this.failed(err);
      this.replaceState(this.reload());
      return {
        result: fail('STORAGE_UNAVAILABLE', 'the change could not be saved; nothing was changed, try again'),
        events: [],
      };
    }
  }

  /** A commit that wrote something ends a failure; one that only refused proves nothing. */
  private wrote(outcomes: { events: AnyEvent[] }[]): void {
    if (this.failing && outcomes.some((o) => o.events.length > 0)) {
      this.log.info({ since: this.failing.since }, 'writes succeed again');
      this.failing = null;
    }
  }

  private failed(err: unknown): void {
    const reason = (err instanceof Error ? err.message : String(err)).slice(0, 200);
    this.failing = { since: this.failing?.since ?? this.clock(), reason };
  }

  private execute(job: Job): { result: Result<unknown>; events: AnyEvent[] } {
    const ctx: CommandContext = {
      now: this.now(),
      actor: job.meta.actor,
      newId: this.ids.newId,
      newSecret: this.ids.newSecret,
    };
    const decided = job.decide(this.state, ctx);
    if (!decided.ok) return { result: decided, events: [] };
    for (const event of decided.data.events) this.registry.commit(event, this.state, job.meta);
    return { result: ok(decided.data.reply()), events: decided.data.events };
  }

  private replaceState(fresh: QueueState): void {
    for (const key of Object.keys(fresh) as (keyof QueueState)[]) {
      (this.state[key] as unknown) = fresh[key];
    }
  }
}
