import type { Ack, ServerToClientEvents } from '../events.js';
import { BRANCH_DELTA_EVENTS } from '../events.js';
import { applyDelta, judgeDelta } from '../sync.js';
import type { BranchDelta, BranchSnapshot } from '../views.js';
import type { Backoff, SocketFactory } from './socket.js';
import { type StreamStatus, Subscription } from './subscription.js';

export { ACK_TIMEOUT_MS, type StreamStatus } from './subscription.js';

export interface BranchStreamHandlers {
  /** A full snapshot: the first one (resync false), or after a reconnect or a gap (resync true). */
  onSnapshot?(snapshot: BranchSnapshot, resync: boolean): void;
  /** The next version applied. */
  onDelta?(next: BranchSnapshot, delta: BranchDelta): void;
  onStatus?(status: StreamStatus): void;
  /** The server refused the token (handshake or subscribe): the stream has stopped for good. */
  onRejected?(code: string): void;
  /** Events outside the versioned stream a screen also wants (a console's device alerts). */
  extra?: Partial<Pick<ServerToClientEvents, 'device:status'>>;
}

export interface BranchStreamOptions {
  token: string;
  branchId: string;
  url?: string;
  socket?: SocketFactory;
  /** How long a `branch:subscribe` may go unanswered before it is asked again (default 10 s). */
  ackTimeoutMs?: number;
  /** Deltas kept while a snapshot travels; past this the stream asks for another snapshot. */
  maxBuffered?: number;
  backoff?: Backoff;
}

export const MAX_BUFFERED = 500;

/**
 * A branch followed live: `branch:subscribe` on every (re)connect answers a snapshot, then
 * versioned deltas judged by judgeDelta/applyDelta; a gap, a new epoch or a lost ack asks again.
 * Deltas that arrive while a snapshot travels are held (bounded) and replayed after it.
 * The constructor does nothing; start() owns the listeners and stop() removes them.
 */
export class BranchStream {
  private held: BranchSnapshot | null = null;
  private overflowed = false;
  private buffered: BranchDelta[] = [];
  private readonly sub: Subscription<BranchSnapshot>;

  constructor(
    private readonly options: BranchStreamOptions,
    private readonly h: BranchStreamHandlers = {},
  ) {
    this.sub = new Subscription<BranchSnapshot>(options, {
      ask: (socket, reply) =>
        socket.emit('branch:subscribe', { branchId: options.branchId }, (res: Ack<BranchSnapshot>) =>
          reply(res),
        ),
      listen: (socket) => {
        for (const event of BRANCH_DELTA_EVENTS) socket.on(event, (d: BranchDelta) => this.receive(d));
        const status = h.extra?.['device:status'];
        if (status) socket.on('device:status', status);
      },
      asking: () => {
        this.overflowed = false;
        this.buffered = [];
      },
      answer: (snapshot) => this.takeSnapshot(snapshot),
      onStatus: (status) => h.onStatus?.(status),
      onRejected: (code) => h.onRejected?.(code),
    });
  }

  /** The snapshot held now, with every applied delta. */
  get snapshot(): BranchSnapshot | null {
    return this.held;
  }

  start(): this {
    this.sub.start();
    return this;
  }

  /** Ask for a fresh snapshot (a refusal suggests the copy held is stale). */
  resync(): void {
    if (this.sub.stopped) return;
    this.sub.setSynced(false);
    this.sub.subscribe();
  }

  stop(): void {
    this.sub.stop();
  }

  private takeSnapshot(snapshot: BranchSnapshot): void {
    const resync = this.held !== null;
    this.held = snapshot;
    if (this.overflowed) {
      // Too much happened while the snapshot travelled: ask again rather than replay a part.
      this.h.onSnapshot?.(snapshot, resync);
      this.sub.subscribe();
      return;
    }
    this.h.onSnapshot?.(snapshot, resync);
    this.sub.setSynced(true);
    const replay = this.buffered;
    this.buffered = [];
    for (const d of replay) this.receive(d);
  }

  private receive(delta: BranchDelta): void {
    if ((delta.branchId !== undefined && delta.branchId !== this.options.branchId) || this.sub.stopped)
      return;
    if (this.sub.subscribing) {
      if (this.buffered.length >= (this.options.maxBuffered ?? MAX_BUFFERED)) {
        this.overflowed = true;
        this.buffered = [];
      }
      if (!this.overflowed) this.buffered.push(delta);
      return;
    }
    const verdict = judgeDelta(this.held, delta);
    if (verdict === 'apply' && this.held) {
      this.held = applyDelta(this.held, delta);
      this.h.onDelta?.(this.held, delta);
    } else if (verdict === 'gap') {
      this.sub.setSynced(false);
      this.sub.subscribe();
    }
  }
}
