import { EventEmitter } from 'node:events';
import type { QueueStore } from '@guichet/db';
import type { Logger } from 'pino';
import {
  type Actor,
  applyEvent,
  type CommandContext,
  type DomainEvent,
  fail,
  ok,
  type QueueState,
  type Result,
} from '../core/index.js';
import { persistEvent, persistTouched } from './persist.js';

/** A command: decide from the state, return the events and how to read the reply once they are applied. */
export type Decide<T> = (
  state: QueueState,
  ctx: CommandContext,
) => Result<{ events: DomainEvent[]; reply: () => T }>;

interface Job {
  actor: Actor;
  decide: Decide<unknown>;
  resolve: (r: Result<unknown>) => void;
}

export interface CommittedBatch {
  events: DomainEvent[];
}

export interface Ids {
  newId(): string;
  newSecret(): string;
}

/**
 * Runs commands strictly one at a time against the live state and commits them to SQLite.
 *
 * Group commit: every command that arrives before the next turn of the event loop joins one
 * transaction, so under a burst one fsync covers many tickets. Each command still sees the
 * state left by the one before it. Replies are resolved only after COMMIT returns, and the
 * 'committed' event (which feeds broadcasts, printing and LED displays) fires after the
 * replies: nothing leaves the process before it is durable, and the acting client is answered
 * before a thousand screens are written to.
 */
export class CommandBus extends EventEmitter<{ committed: [CommittedBatch] }> {
  private queue: Job[] = [];
  private scheduled = false;
  private lastNow = 0;

  constructor(
    private readonly store: QueueStore,
    readonly state: QueueState,
    private readonly reload: () => QueueState,
    private readonly clock: () => number,
    private readonly ids: Ids,
    private readonly log: Logger,
  ) {
    super();
  }

  run<T>(actor: Actor, decide: Decide<T>): Promise<Result<T>> {
    return new Promise((resolve) => {
      this.queue.push({ actor, decide, resolve: resolve as Job['resolve'] });
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

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: { result: Result<unknown>; events: DomainEvent[] }[];
    try {
      outcomes = this.store.transaction(() => batch.map((job) => this.execute(job)));
    } catch (err) {
      // The batch rolled back but the live state may hold some of its changes: rebuild it from
      // the database, then give each command its own transaction so one bad command fails alone.
      this.log.error({ err }, 'batch commit failed; retrying its commands one by one');
      this.replaceState(this.reload());
      outcomes = batch.map((job) => this.executeAlone(job));
    }
    const events: DomainEvent[] = [];
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      events.push(...outcome.events);
      job.resolve(outcome.result);
    });
    if (events.length) setImmediate(() => this.emit('committed', { events }));
  }

  private executeAlone(job: Job): { result: Result<unknown>; events: DomainEvent[] } {
    try {
      return this.store.transaction(() => this.execute(job));
    } catch (err) {
      this.log.error({ err }, 'command failed to commit');
      this.replaceState(this.reload());
      return { result: fail('INTERNAL', 'the command could not be saved; nothing was changed'), events: [] };
    }
  }

  private execute(job: Job): { result: Result<unknown>; events: DomainEvent[] } {
    const ctx: CommandContext = {
      now: this.now(),
      actor: job.actor,
      newId: this.ids.newId,
      newSecret: this.ids.newSecret,
    };
    const decided = job.decide(this.state, ctx);
    if (!decided.ok) return { result: decided, events: [] };
    for (const event of decided.data.events) {
      persistEvent(this.store, event);
      persistTouched(this.store, this.state, event, () => applyEvent(this.state, event));
    }
    return { result: ok(decided.data.reply()), events: decided.data.events };
  }

  private replaceState(fresh: QueueState): void {
    for (const key of Object.keys(fresh) as (keyof QueueState)[]) {
      (this.state[key] as unknown) = fresh[key];
    }
  }
}
