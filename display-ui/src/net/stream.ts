import {
  applyDelta,
  BRANCH_DELTA_EVENTS,
  type BranchDelta,
  type BranchSnapshot,
  type ClientToServerEvents,
  judgeDelta,
  type ServerToClientEvents,
} from '@guichet/server/protocol';
import { io, type Socket } from 'socket.io-client';

export interface StreamHandlers {
  /** A full snapshot: the first one (resync=false) or after a reconnect or a gap (resync=true). */
  onSnapshot(s: BranchSnapshot, resync: boolean): void;
  onDelta(next: BranchSnapshot, delta: BranchDelta): void;
  onConnection(online: boolean): void;
  /** The server refused the device (token revoked): stop and ask for pairing. */
  onRejected(message: string): void;
}

const ACK_TIMEOUT_MS = 10_000;
const MAX_BUFFERED = 500;

/**
 * The board's only Socket.IO connection. A fresh snapshot on every (re)connect and on every gap
 * in versions; deltas that arrive while a snapshot is on its way are held and replayed after it.
 * Listeners are registered once, here, for the life of the page.
 */
export class BranchStream {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private held: BranchSnapshot | null = null;
  private subscribing = false;
  private buffered: BranchDelta[] = [];
  private retry: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = 1000;
  private stopped = false;

  constructor(
    private readonly origin: string,
    private readonly token: string,
    private readonly branchId: string,
    private readonly h: StreamHandlers,
  ) {}

  start(): void {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.origin, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: this.token },
      reconnection: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      timeout: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.retryDelay = 1000;
      this.subscribe();
    });
    socket.on('disconnect', (reason) => {
      this.h.onConnection(false);
      this.subscribing = false;
      // The server closing the socket on purpose is not retried by socket.io itself.
      if (reason === 'io server disconnect') this.later(() => socket.connect());
    });
    socket.on('connect_error', (err) => {
      this.h.onConnection(false);
      // A refusal by the server's auth middleware leaves the socket inactive: retry ourselves.
      if (!socket.active) {
        if (/unauthori[sz]ed|unauthenticated|invalid token|forbidden/i.test(err.message))
          this.h.onRejected(err.message);
        this.later(() => socket.connect());
      }
    });
    for (const event of BRANCH_DELTA_EVENTS) socket.on(event, (d: BranchDelta) => this.receive(d));
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }

  private later(fn: () => void): void {
    if (this.retry || this.stopped) return;
    const wait = this.retryDelay * (0.75 + Math.random() * 0.5);
    this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
    this.retry = setTimeout(() => {
      this.retry = null;
      fn();
    }, wait);
  }

  private subscribe(): void {
    const socket = this.socket;
    if (!socket || this.subscribing) return;
    this.subscribing = true;
    socket.timeout(ACK_TIMEOUT_MS).emit('branch:subscribe', { branchId: this.branchId }, (err, res) => {
      this.subscribing = false;
      if (err || !res) {
        if (socket.connected) this.later(() => this.subscribe());
        return;
      }
      if (!res.ok) {
        if (res.error.code === 'UNAUTHENTICATED' || res.error.code === 'FORBIDDEN') {
          this.h.onRejected(res.error.message);
        }
        this.later(() => this.subscribe());
        return;
      }
      const resync = this.held !== null;
      this.held = res.data;
      this.retryDelay = 1000;
      this.h.onSnapshot(res.data, resync);
      this.h.onConnection(true);
      const replay = this.buffered;
      this.buffered = [];
      for (const d of replay) this.receive(d);
    });
  }

  private receive(d: BranchDelta): void {
    if (d.branchId !== this.branchId) return;
    if (this.subscribing) {
      if (this.buffered.length < MAX_BUFFERED) this.buffered.push(d);
      return;
    }
    const verdict = judgeDelta(this.held, d);
    if (verdict === 'stale') return;
    if (verdict === 'gap' || !this.held) {
      this.subscribe();
      return;
    }
    this.held = applyDelta(this.held, d);
    this.h.onDelta(this.held, d);
  }
}
