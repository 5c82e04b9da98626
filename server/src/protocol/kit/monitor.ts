import type { Ack } from '../events.js';
import type { AlertView, MonitorSnapshot } from '../monitor.js';
import type { Backoff, SocketFactory } from './socket.js';
import { type StreamStatus, Subscription } from './subscription.js';

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
  private readonly sub: Subscription<MonitorSnapshot>;

  constructor(options: MonitorStreamOptions, h: MonitorStreamHandlers = {}) {
    const mine = (s: { branchId: string }) => s.branchId === options.branchId && !this.sub.stopped;
    this.sub = new Subscription<MonitorSnapshot>(options, {
      ask: (socket, reply) =>
        socket.emit('monitor:subscribe', { branchId: options.branchId }, (res: Ack<MonitorSnapshot>) =>
          reply(res),
        ),
      listen: (socket) => {
        socket.on('monitor:updated', (s) => {
          if (mine(s) && this.sub.synced) h.onSnapshot?.(s);
        });
        for (const event of ['alert:raised', 'alert:updated'] as const)
          socket.on(event, (a: AlertView) => {
            if (mine(a)) h.onAlert?.(a);
          });
      },
      answer: (snapshot) => {
        h.onSnapshot?.(snapshot);
        this.sub.setSynced(true);
      },
      onStatus: (status) => h.onStatus?.(status),
      onRejected: (code) => h.onRejected?.(code),
    });
  }

  start(): this {
    this.sub.start();
    return this;
  }

  stop(): void {
    this.sub.stop();
  }
}
