/**
 * A fleet of Socket.IO screens in this process, each recording every event it receives (any
 * name), so an action is measured by what really arrives rather than by what it is assumed to send.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { RECONNECT } from '../../server/src/protocol/kit/socket.js';
import { sleep } from './util.js';

export interface RecordedEvent {
  name: string;
  args: unknown[];
}

/** The screens' reconnect settings (the client kit's, which every hall screen uses). */
export function displayReconnect(): typeof RECONNECT {
  return RECONNECT;
}

export interface ScreensOptions {
  port: number;
  count: number;
  token?: string;
  /** Sends `branch:subscribe` on every (re)connect and counts the screen synced on an ok ack. */
  subscribeTo?: string;
  reconnect?: boolean;
}

export interface ActionResult {
  /** ms from just before the acting request to its HTTP reply. */
  replyMs: number;
  /** ms from just before the acting request to the last event reaching the last screen. */
  lastScreenMs: number;
  /** Events per screen (min and max over the screens). */
  minEvents: number;
  maxEvents: number;
  /** Bytes of Socket.IO packets one screen received for this action. */
  bytesPerScreen: number;
  /** Screens that did not get the expected number of events in time. */
  missing: number;
  events: RecordedEvent[];
}

export class Screens {
  readonly sockets: Socket[] = [];
  private t0 = 0;
  private counts: Uint32Array;
  private last: Float64Array;
  private complete = 0;
  private expected = 0;
  private lastEventAt = 0;
  private bytes = 0;
  private sample: RecordedEvent[] = [];
  /** performance.now() of each screen's latest synced state (connect, or subscribe ack). */
  readonly syncedAt: Float64Array;

  constructor(readonly o: ScreensOptions) {
    this.counts = new Uint32Array(o.count);
    this.last = new Float64Array(o.count);
    this.syncedAt = new Float64Array(o.count);
  }

  /** Connects every screen, a hundred handshakes at a time; resolves when all are synced. */
  async connect(): Promise<number> {
    const t0 = performance.now();
    const WAVE = 100;
    for (let i = 0; i < this.o.count; i += WAVE) {
      const n = Math.min(WAVE, this.o.count - i);
      await Promise.all(Array.from({ length: n }, (_, k) => this.connectOne(i + k)));
    }
    await this.waitSynced(0, 60_000);
    return performance.now() - t0;
  }

  private connectOne(i: number): Promise<void> {
    const socket = io(`http://127.0.0.1:${this.o.port}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: this.o.reconnect ?? false,
      ...displayReconnect(),
      timeout: 10_000,
      ...(this.o.token ? { auth: { token: this.o.token } } : {}),
    });
    this.sockets[i] = socket;
    socket.on('connect', () => {
      if (this.o.subscribeTo) this.subscribe(i, 1_000);
      else this.syncedAt[i] = performance.now();
    });
    // Like the hall display: a socket the server closed on purpose is not retried by socket.io.
    socket.on('disconnect', (reason) => {
      if (this.o.reconnect && reason === 'io server disconnect') {
        setTimeout(() => socket.connect(), displayReconnect().reconnectionDelay);
      }
    });
    socket.onAny((name: string, ...args: unknown[]) => {
      const now = performance.now();
      this.lastEventAt = now;
      this.last[i] = now - this.t0;
      if (++this.counts[i]! === this.expected) this.complete++;
      // Every screen is in the same rooms and gets the same packets: one screen is weighed.
      if (i === 0) {
        this.bytes += Buffer.byteLength(`42${JSON.stringify([name, ...args])}`);
        this.sample.push({ name, args });
      }
    });
    return new Promise((res, rej) => {
      socket.once('connect', () => res());
      socket.once('connect_error', (err) => (this.o.reconnect ? undefined : rej(err)));
    });
  }

  /**
   * Like the hall display: `branch:subscribe` with a 10 s answer timeout, retried while connected
   * after a jittered delay that doubles up to 30 s.
   */
  private subscribe(i: number, delay: number): void {
    const socket = this.sockets[i]!;
    socket
      .timeout(10_000)
      .emitWithAck('branch:subscribe', { branchId: this.o.subscribeTo })
      .then((ack: { ok?: boolean }) => {
        if (ack?.ok) this.syncedAt[i] = performance.now();
        else throw new Error('refused');
      })
      .catch(() => {
        if (!socket.connected) return;
        setTimeout(
          () => socket.connected && this.subscribe(i, Math.min(delay * 2, 30_000)),
          delay * (0.75 + Math.random() * 0.5),
        );
      });
  }

  /** Resolves when every screen has synced after `since` (performance.now()); returns how many did. */
  async waitSynced(since: number, timeoutMs: number): Promise<number> {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const n = this.syncedAt.filter((t) => t > since).length;
      if (n === this.o.count || performance.now() > end) return n;
      await sleep(5);
    }
  }

  /**
   * Measures one action: resets the counters, runs `trigger` (the acting HTTP request), then
   * waits until every screen has `expected` events and none arrives for `quietMs`.
   */
  async measure(
    trigger: () => Promise<void>,
    expected: number,
    quietMs: number,
    timeoutMs = 10_000,
  ): Promise<ActionResult> {
    this.counts.fill(0);
    this.last.fill(0);
    this.complete = expected === 0 ? this.o.count : 0;
    this.expected = expected;
    this.bytes = 0;
    this.sample = [];
    this.t0 = performance.now();
    this.lastEventAt = this.t0;
    await trigger();
    const replyMs = performance.now() - this.t0;
    const end = this.t0 + timeoutMs;
    for (;;) {
      const now = performance.now();
      if (this.complete >= this.o.count && now - this.lastEventAt >= quietMs) break;
      if (now > end) break;
      await sleep(Math.min(5, quietMs));
    }
    let minEvents = Number.POSITIVE_INFINITY;
    let maxEvents = 0;
    for (const c of this.counts) {
      minEvents = Math.min(minEvents, c);
      maxEvents = Math.max(maxEvents, c);
    }
    return {
      replyMs,
      lastScreenMs: Math.max(...this.last),
      minEvents,
      maxEvents,
      bytesPerScreen: this.bytes,
      missing: this.counts.filter((c) => c < expected).length,
      events: this.sample,
    };
  }

  close(): void {
    for (const s of this.sockets) s.disconnect();
  }
}
