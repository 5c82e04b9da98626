import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.js';

/** The only `io()` call of the screens; everything else takes a SocketFactory (tests pass the fake server's). */
export type KitSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export interface SocketOptions {
  /** Another origin than the page's (a test server); default the page's own. */
  url?: string;
  /** A device or staff token; none for the phone page, which follows a ticket by its key. */
  token?: string | null;
}
export type SocketFactory = (options: SocketOptions) => KitSocket;

/**
 * How every screen comes back after the server went away: about 1 s, 2 s, 4 s (each ±50 %, so a
 * hall's screens do not all knock at once), then every 5 s (socket.io caps the pause after the
 * jitter). A restart takes seconds; with a 10 s cap a board could show the old state for up to
 * 10 s after the server was back. The bench's screens reconnect with these same settings.
 */
export const RECONNECT = {
  reconnectionDelay: 1000,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
} as const;

export const openSocket: SocketFactory = ({ url, token }) => {
  const options = {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    ...RECONNECT,
    timeout: 10_000,
  };
  return url ? io(url, options) : io(options);
};

/** Handshake refusals (the server's auth middleware) and ack codes that mean the token is no good. */
export const REJECTION_CODES: readonly string[] = ['UNAUTHENTICATED', 'FORBIDDEN'];
export const isRejection = (code: string | undefined): boolean =>
  code !== undefined && REJECTION_CODES.includes(code.toUpperCase());

/**
 * Jittered exponential backoff with one timer: `later(fn)` runs fn after the next pause
 * (min, 2·min, … max, each ±jitter), `reset()` after a success starts again from min.
 */
export class Backoff {
  private delay: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly minMs = 1000,
    private readonly maxMs = 30_000,
    private readonly jitter = 0.25,
    private readonly random: () => number = Math.random,
  ) {
    this.delay = minMs;
  }

  /** The pause the next `later` waits, and moves the backoff on. */
  next(): number {
    const wait = this.delay * (1 - this.jitter + 2 * this.jitter * this.random());
    this.delay = Math.min(this.delay * 2, this.maxMs);
    return Math.round(wait);
  }

  later(fn: () => void): void {
    if (this.stopped) return;
    this.clear();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) fn();
    }, this.next());
  }

  get pending(): boolean {
    return this.timer !== null;
  }

  reset(): void {
    this.clear();
    this.delay = this.minMs;
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * Keeps a socket connected whatever the reason it dropped: socket.io-client gives up by itself
 * when the server closed the connection on purpose (a restart) or refused the handshake.
 * `onRejected` gets a refused token (the handshake's UNAUTHENTICATED); retrying cannot help.
 */
export function keepConnected(
  socket: KitSocket,
  backoff: Backoff,
  on: { down(): void; rejected?(code: string): void },
): void {
  socket.on('disconnect', (reason) => {
    on.down();
    if (reason === 'io server disconnect') backoff.later(() => socket.connect());
  });
  socket.on('connect_error', (err) => {
    on.down();
    if (on.rejected && isRejection(err?.message)) {
      backoff.stop();
      on.rejected(err.message.toUpperCase());
      return;
    }
    if (!socket.active) backoff.later(() => socket.connect());
  });
}
