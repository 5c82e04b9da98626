import type { Ack } from '../events.js';
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

export const ACK_TIMEOUT_MS = 10_000;

/** What every subscription of a screen is given. */
export interface SubscriptionOptions {
  token: string;
  url?: string;
  socket?: SocketFactory;
  /** How long a subscribe may go unanswered before it is asked again (default 10 s). */
  ackTimeoutMs?: number;
  backoff?: Backoff;
}

/** What one kind of subscription adds: how to ask, what to listen to, what to do with the answer. */
export interface SubscriptionSpec<T> {
  /** Emits the subscribe; `reply` takes its ack. */
  ask(socket: KitSocket, reply: (res: Ack<T>) => void): void;
  /** The stream's own events, registered once at start (stop() removes them with the socket). */
  listen(socket: KitSocket): void;
  /** Just before each ask (a stream resets what it held for the previous answer). */
  asking?(): void;
  /** The answer (a snapshot): the stream takes it and says whether it is synced now. */
  answer(data: T): void;
  onStatus?(status: StreamStatus): void;
  onRejected?(code: string): void;
}

/**
 * The subscribe loop the branch stream and the monitor share: one socket, a subscribe on every
 * (re)connect (the server forgets subscriptions with the socket), one ask in flight at a time,
 * asked again when its ack is lost (ack timeout) or refused for a passing reason (backoff); a
 * refused token or branch (`UNAUTHENTICATED`/`FORBIDDEN`) stops it for good. A generation
 * number makes any answer in flight worthless after a disconnect, stop() or a new ask.
 */
export class Subscription<T> {
  private socket: KitSocket | null = null;
  private connectedNow = false;
  private syncedNow = false;
  private asked = false;
  private stoppedNow = false;
  private generation = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly backoff: Backoff;

  constructor(
    private readonly options: SubscriptionOptions,
    private readonly spec: SubscriptionSpec<T>,
  ) {
    this.backoff = options.backoff ?? new Backoff();
  }

  get connected(): boolean {
    return this.connectedNow;
  }
  get synced(): boolean {
    return this.syncedNow;
  }
  /** An ask is on its way (a stream holds what arrives meanwhile). */
  get subscribing(): boolean {
    return this.asked;
  }
  get stopped(): boolean {
    return this.stoppedNow;
  }

  start(): void {
    const socket = (this.options.socket ?? openSocket)({ url: this.options.url, token: this.options.token });
    this.socket = socket;
    socket.on('connect', () => {
      this.backoff.reset();
      this.connectedNow = true;
      this.setSynced(false);
      this.subscribe();
    });
    keepConnected(socket, this.backoff, {
      down: () => {
        this.generation++;
        this.asked = false;
        this.connectedNow = false;
        this.clearAckTimer();
        this.setSynced(false);
      },
      rejected: (code) => this.reject(code),
    });
    this.spec.listen(socket);
    if (socket.connected) {
      this.connectedNow = true;
      this.subscribe();
    }
  }

  stop(): void {
    if (this.stoppedNow) return;
    this.stoppedNow = true;
    this.generation++;
    this.backoff.stop();
    this.clearAckTimer();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.connectedNow = false;
    this.syncedNow = false;
  }

  /** Asks for a fresh answer, unless one is already on its way. */
  subscribe(): void {
    const socket = this.socket;
    if (!socket || this.stoppedNow || this.asked || !socket.connected) return;
    this.asked = true;
    this.spec.asking?.();
    const mine = ++this.generation;
    this.clearAckTimer();
    this.ackTimer = setTimeout(() => {
      if (mine !== this.generation) return;
      this.generation++;
      this.asked = false;
      this.subscribe();
    }, this.options.ackTimeoutMs ?? ACK_TIMEOUT_MS);
    this.spec.ask(socket, (res) => {
      if (mine !== this.generation) return;
      this.clearAckTimer();
      this.asked = false;
      if (!res.ok) {
        if (isRejection(res.error.code)) this.reject(res.error.code);
        else this.backoff.later(() => this.subscribe());
        return;
      }
      this.spec.answer(res.data);
    });
  }

  setSynced(synced: boolean): void {
    this.syncedNow = synced && this.connectedNow;
    this.spec.onStatus?.({ connected: this.connectedNow, synced: this.syncedNow });
  }

  private reject(code: string): void {
    this.stop();
    this.spec.onStatus?.({ connected: false, synced: false });
    this.spec.onRejected?.(code);
  }

  private clearAckTimer(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
  }
}
