import type { Ack } from '../events.js';
import type { AlertView, MonitorSnapshot } from '../monitor.js';
import {
  Backoff,
  isRejection,
  type KitSocket,
  keepConnected,
  openSocket,
  type SocketFactory,
} from './socket.js';
import { ACK_TIMEOUT_MS, type StreamStatus } from './stream.js';

export interface MonitorStreamHandlers {
  /** The whole figures: the answer to each subscribe, then every `monitor:updated`. */
  onSnapshot?(snapshot: MonitorSnapshot): void;
  /** An alert raised, or changed (level, acknowledged, cleared: clearedAt set), as it happens. */
  onAlert?(alert: AlertView): void;
  onStatus?(status: StreamStatus): void;
  /** The server refused the token or the branch: the stream has stopped for good. */
  onRejected?(code: string): void;
}

export interface MonitorStreamOptions {
  token: string;
  branchId: string;
  url?: string;
  socket?: SocketFactory;
  /** How long a `monitor:subscribe` may go unanswered before it is asked again (default 10 s). */
  ackTimeoutMs?: number;
  backoff?: Backoff;
}

/**
 * A branch's live monitor: `monitor:subscribe` on every (re)connect (the server forgets the
 * subscription with the socket), a lost ack asks again, then `monitor:updated` snapshots and the
 * alert events. No versions: each snapshot is whole, so the newest simply wins.
 */
export class MonitorStream {
  private socket: KitSocket | null = null;
  private connected = false;
  private synced = false;
  private generation = 0;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly backoff: Backoff;

  constructor(
    private readonly options: MonitorStreamOptions,
    private readonly h: MonitorStreamHandlers = {},
  ) {
    this.backoff = options.backoff ?? new Backoff();
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
        this.connected = false;
        this.clearAckTimer();
        this.setSynced(false);
      },
      rejected: (code) => this.reject(code),
    });
    const mine = (s: { branchId: string }) => s.branchId === this.options.branchId && !this.stopped;
    socket.on('monitor:updated', (s) => {
      if (mine(s) && this.synced) this.h.onSnapshot?.(s);
    });
    for (const event of ['alert:raised', 'alert:updated'] as const)
      socket.on(event, (a: AlertView) => {
        if (mine(a)) this.h.onAlert?.(a);
      });
    if (socket.connected) {
      this.connected = true;
      this.subscribe();
    }
    return this;
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
    if (!socket || this.stopped || !socket.connected) return;
    const mine = ++this.generation;
    this.clearAckTimer();
    this.ackTimer = setTimeout(() => {
      if (mine === this.generation) this.subscribe();
    }, this.options.ackTimeoutMs ?? ACK_TIMEOUT_MS);
    socket.emit('monitor:subscribe', { branchId: this.options.branchId }, (res: Ack<MonitorSnapshot>) => {
      if (mine !== this.generation) return;
      this.clearAckTimer();
      if (!res.ok) {
        if (isRejection(res.error.code)) this.reject(res.error.code);
        else this.backoff.later(() => this.subscribe());
        return;
      }
      this.h.onSnapshot?.(res.data);
      this.setSynced(true);
    });
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
