import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { NetLimits } from '../../config/env.js';

/** A quiet minute ends a burst: the next refusal for that address is logged again. */
const BURST_QUIET_MS = 60_000;
const MINUTE = 60_000;

/** Timestamps of the last minute per key; one sliding window per socket, address or device. */
export class Window {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}
  /** Records a hit; false when the key already had `max` in the last minute. */
  take(key: string): boolean {
    const t = this.now();
    const list = (this.hits.get(key) ?? []).filter((x) => t - x < MINUTE);
    if (list.length >= this.max) {
      this.hits.set(key, list);
      return false;
    }
    list.push(t);
    this.hits.set(key, list);
    return true;
  }
  full(key: string): boolean {
    const t = this.now();
    return (this.hits.get(key) ?? []).filter((x) => t - x < MINUTE).length >= this.max;
  }
  /** Forgets keys with nothing in the last minute, so the map does not grow without bound. */
  sweep(): void {
    const t = this.now();
    for (const [k, list] of this.hits) if (!list.some((x) => t - x < MINUTE)) this.hits.delete(k);
  }
}

/**
 * Connection caps: engine connections per address and in total (checked at the handshake, before
 * anything is allocated), anonymous sockets per address, and a log line per burst of refusals
 * instead of one per refused socket.
 */
export class ConnectionGuard {
  private readonly open = new Map<string, number>();
  private readonly anonymous = new Map<string, number>();
  private total = 0;
  private readonly bursts = new Map<string, { last: number; refused: number }>();
  readonly trackGuesses: Window;
  readonly socketSnapshots: Window;
  readonly deviceSnapshots: Window;

  constructor(
    readonly limits: NetLimits,
    private readonly log: Logger,
  ) {
    this.trackGuesses = new Window(limits.trackGuessesPerMinute);
    this.socketSnapshots = new Window(limits.snapshotsPerMinute);
    this.deviceSnapshots = new Window(limits.snapshotsPerMinute * 3);
  }

  /** Why a new connection from this address is refused, or null. */
  admit(address: string): string | null {
    if (this.total >= this.limits.socketsTotal)
      return this.refuse(address, 'TOO_MANY_CONNECTIONS', 'the server is at its connection limit');
    if ((this.open.get(address) ?? 0) >= this.limits.socketsPerAddress)
      return this.refuse(address, 'TOO_MANY_CONNECTIONS', 'too many connections from this address');
    return null;
  }

  opened(address: string): void {
    this.total++;
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
  }

  closed(address: string): void {
    this.total--;
    const n = (this.open.get(address) ?? 1) - 1;
    if (n <= 0) this.open.delete(address);
    else this.open.set(address, n);
  }

  /** An anonymous socket (ticket tracking only) takes one of its address's places, or is refused. */
  admitAnonymous(address: string): string | null {
    const n = this.anonymous.get(address) ?? 0;
    if (n >= this.limits.anonymousPerAddress)
      return this.refuse(address, 'TOO_MANY_CONNECTIONS', 'too many anonymous connections from this address');
    this.anonymous.set(address, n + 1);
    return null;
  }

  anonymousClosed(address: string): void {
    const n = (this.anonymous.get(address) ?? 1) - 1;
    if (n <= 0) this.anonymous.delete(address);
    else this.anonymous.set(address, n);
  }

  stats() {
    return { total: this.total, addresses: this.open.size };
  }

  /** The reason for the client; logged once per burst per address, with the count of the last one. */
  refuse(address: string, code: string, why: string): string {
    const now = Date.now();
    const burst = this.bursts.get(address);
    if (!burst || now - burst.last > BURST_QUIET_MS) {
      this.log.warn(
        { address, code, why, refusedInLastBurst: burst?.refused ?? 0, open: this.open.get(address) ?? 0 },
        'refusing socket connections from this address',
      );
      this.bursts.set(address, { last: now, refused: 1 });
    } else {
      burst.last = now;
      burst.refused++;
    }
    return `${code}: ${why}`;
  }

  sweep(): void {
    this.trackGuesses.sweep();
    this.socketSnapshots.sweep();
    this.deviceSnapshots.sweep();
    const now = Date.now();
    for (const [a, b] of this.bursts) if (now - b.last > BURST_QUIET_MS) this.bursts.delete(a);
  }
}

/** The client's address: the socket's peer, or X-Forwarded-For's last hop when the peer is a trusted proxy. */
export function clientAddress(req: IncomingMessage, trusted: (addr: string) => boolean): string {
  const peer = req.socket.remoteAddress ?? '-';
  if (!trusted(peer)) return peer;
  const fwd = req.headers['x-forwarded-for'];
  const list = (Array.isArray(fwd) ? fwd.join(',') : (fwd ?? '')).split(',').map((s) => s.trim());
  return list.filter(Boolean).at(-1) ?? peer;
}
