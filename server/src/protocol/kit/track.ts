import type { Ack, PadIdentity, RatingRequest } from '../events.js';
import type { PublicTicketView } from '../views.js';
import { ApiError, call } from './rest.js';
import { Backoff, keepConnected, openSocket, type SocketFactory } from './socket.js';

export interface TicketTrackerHandlers {
  onView(view: PublicTicketView): void;
  /** Following live over the socket (true) or polling (false). */
  onLive?(live: boolean): void;
  /** The server does not know this ticket/key pair: the tracker has stopped. */
  onMissing(): void;
}

export interface TicketTrackerOptions {
  ticketId: string;
  key: string;
  socket?: SocketFactory;
  /** How often to ask over REST while the socket is down (default 15 s). */
  pollMs?: number;
}

export const POLL_MS = 15_000;

/**
 * Follows one ticket for the phone page: `ticket:track` on every (re)connect, then
 * `track:updated`; one REST load at start and a poll while the socket is down.
 */
export class TicketTracker {
  private generation = 0;
  private live = false;
  private stopped = false;
  private poll: ReturnType<typeof setInterval> | null = null;
  private stopSocket: () => void = () => {};

  constructor(
    private readonly options: TicketTrackerOptions,
    private readonly h: TicketTrackerHandlers,
  ) {}

  start(): this {
    const { ticketId, key } = this.options;
    const socket = (this.options.socket ?? openSocket)({});
    const backoff = new Backoff();
    const track = () => {
      const mine = ++this.generation;
      socket.emit('ticket:track', { ticketId, key }, (res: Ack<PublicTicketView>) => {
        if (mine !== this.generation || this.stopped) return;
        if (res.ok) {
          this.accept(res.data);
          this.setLive(true);
        } else if (res.error.code === 'TICKET_NOT_FOUND' || res.error.code === 'NOT_FOUND') this.missing();
      });
    };
    socket.on('connect', () => {
      backoff.reset();
      track();
    });
    socket.on('track:updated', (view) => this.accept(view));
    keepConnected(socket, backoff, {
      down: () => {
        this.generation++;
        this.setLive(false);
      },
    });
    if (socket.connected) track();
    this.stopSocket = () => {
      backoff.stop();
      socket.removeAllListeners();
      socket.disconnect();
    };
    void this.refresh();
    this.poll = setInterval(() => {
      if (!this.live) void this.refresh();
    }, this.options.pollMs ?? POLL_MS);
    return this;
  }

  /** Loads the ticket once over REST (also after the holder acted on it). */
  async refresh(): Promise<void> {
    try {
      const view = await call('ticket:view', {
        params: { id: this.options.ticketId },
        query: { key: this.options.key },
      });
      if (!this.stopped) this.accept(view);
    } catch (e) {
      if (e instanceof ApiError && [400, 403, 404].includes(e.status)) this.missing();
      // Network trouble: keep what we have; the next poll or the socket will bring it.
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.generation++;
    if (this.poll) clearInterval(this.poll);
    this.stopSocket();
  }

  private accept(view: PublicTicketView): void {
    if (view.id === this.options.ticketId && !this.stopped) this.h.onView(view);
  }

  private setLive(live: boolean): void {
    this.live = live;
    this.h.onLive?.(live);
  }

  private missing(): void {
    if (this.stopped) return;
    this.stop();
    this.h.onMissing();
  }
}

export interface PadHandlers {
  onRequested(r: RatingRequest): void;
  onClosed(ticketId: string): void;
  onStatus(online: boolean): void;
  /** The window and its clerk: on every (re)subscription and whenever the clerk changes. */
  onIdentity?(identity: PadIdentity): void;
}

/** A rating pad joins its counter's room on every (re)connect and waits for rating requests. */
export function followPad(
  token: string,
  h: PadHandlers,
  socketFactory: SocketFactory = openSocket,
): () => void {
  const socket = socketFactory({ token });
  const backoff = new Backoff();
  socket.on('connect', () => {
    backoff.reset();
    socket.emit('pad:subscribe', {}, (ack) => {
      if (ack.ok) h.onIdentity?.(ack.data);
      h.onStatus(ack.ok);
    });
  });
  keepConnected(socket, backoff, { down: () => h.onStatus(false) });
  socket.on('rating:requested', (r) => h.onRequested(r));
  socket.on('rating:closed', (r) => h.onClosed(r.ticketId));
  socket.on('pad:identity', (p) => h.onIdentity?.(p));
  return () => {
    backoff.stop();
    socket.removeAllListeners();
    socket.disconnect();
  };
}
