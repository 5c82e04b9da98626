import type { Ack, ServerToClientEvents } from '../events.js';
import { BRANCH_DELTA_EVENTS } from '../events.js';
import { applyDelta, judgeDelta } from '../sync.js';
import type { BranchDelta, BranchSnapshot } from '../views.js';
import {
  Backoff,
  isRejection,
  type KitSocket,
  keepConnected,
  openSocket,
  type SocketFactory,
} from './socket.js';

export interface StreamStatus {
  /** The socket is connected. */
  connected: boolean;
  /** Connected and holding a snapshot from this connection: the data is current. */
  synced: boolean;
}

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

export const ACK_TIMEOUT_MS = 10_000;
export const MAX_BUFFERED = 500;

/**
 * A branch followed live: `branch:subscribe` on every (re)connect answers a snapshot, then
 * versioned deltas judged by judgeDelta/applyDelta; a gap, a new epoch or a lost ack asks again.
 * Deltas that arrive while a snapshot travels are held (bounded) and replayed after it.
 * The constructor does nothing; start() owns the listeners and stop() removes them.
 */
export class BranchStream {
  private socket: KitSocket | null = null;
  private held: BranchSnapshot | null = null;
  private connected = false;
  private synced = false;
  private subscribing = false;
  private overflowed = false;
  private buffered: BranchDelta[] = [];
  /** Bumped by anything that makes an answer in flight worthless (disconnect, stop, a new ask). */
  private generation = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly backoff: Backoff;

  constructor(
    private readonly options: BranchStreamOptions,
    private readonly h: BranchStreamHandlers = {},
  ) {
    this.backoff = options.backoff ?? new Backoff();
  }

  /** The snapshot held now, with every applied delta. */
  get snapshot(): BranchSnapshot | null {
    return this.held;
  }

  start(): this {
    const socket = (this.options.socket ?? openSocket)({ url: this.options.url, token: this.options.token });
    this.socket = socket;
    socket.on('connect', () => {
      this.backoff.reset();
      this.connected = true;
      this.setSynced(false);
      this.subscribe();
    });
    keepConnected(socket, this.backoff, {
      down: () => {
        this.generation++;
        this.subscribing = false;
        this.connected = false;
        this.setSynced(false);
      },
      rejected: (code) => this.reject(code),
    });
    for (const event of BRANCH_DELTA_EVENTS) socket.on(event, (d: BranchDelta) => this.receive(d));
    const status = this.h.extra?.['device:status'];
    if (status) socket.on('device:status', status);
    if (socket.connected) {
      this.connected = true;
      this.subscribe();
    }
    return this;
  }

  /** Ask for a fresh snapshot (a refusal suggests the copy held is stale). */
  resync(): void {
    if (this.stopped) return;
    this.setSynced(false);
    this.subscribe();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.generation++;
    this.backoff.stop();
    this.clearAckTimer();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.connected = false;
    this.synced = false;
  }

  private subscribe(): void {
    const socket = this.socket;
    if (!socket || this.stopped || this.subscribing || !socket.connected) return;
    this.subscribing = true;
    this.overflowed = false;
    this.buffered = [];
    const mine = ++this.generation;
    this.clearAckTimer();
    this.ackTimer = setTimeout(() => {
      if (mine !== this.generation) return;
      this.generation++;
      this.subscribing = false;
      this.subscribe();
    }, this.options.ackTimeoutMs ?? ACK_TIMEOUT_MS);
    socket.emit('branch:subscribe', { branchId: this.options.branchId }, (res: Ack<BranchSnapshot>) => {
      if (mine !== this.generation) return;
      this.clearAckTimer();
      this.subscribing = false;
      if (!res.ok) {
        if (isRejection(res.error.code)) this.reject(res.error.code);
        else this.backoff.later(() => this.subscribe());
        return;
      }
      this.takeSnapshot(res.data);
    });
  }

  private takeSnapshot(snapshot: BranchSnapshot): void {
    const resync = this.held !== null;
    this.held = snapshot;
    if (this.overflowed) {
      // Too much happened while the snapshot travelled: ask again rather than replay a part.
      this.h.onSnapshot?.(snapshot, resync);
      this.subscribe();
      return;
    }
    this.h.onSnapshot?.(snapshot, resync);
    this.setSynced(true);
    const replay = this.buffered;
    this.buffered = [];
    for (const d of replay) this.receive(d);
  }

  private receive(delta: BranchDelta): void {
    if ((delta.branchId !== undefined && delta.branchId !== this.options.branchId) || this.stopped) return;
    if (this.subscribing) {
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
      this.setSynced(false);
      this.subscribe();
    }
  }

  private reject(code: string): void {
    this.stop();
    this.h.onStatus?.({ connected: false, synced: false });
    this.h.onRejected?.(code);
  }

  private setSynced(synced: boolean): void {
    this.synced = synced && this.connected;
    this.h.onStatus?.({ connected: this.connected, synced: this.synced });
  }

  private clearAckTimer(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
  }
}
