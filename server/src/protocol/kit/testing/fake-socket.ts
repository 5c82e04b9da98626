import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../events.js';
import type { MonitorSnapshot } from '../../monitor.js';
import type { BranchSnapshot, PublicTicketView } from '../../views.js';
import type { KitSocket, SocketOptions } from '../socket.js';
import type { FakeServer } from './fake-server.js';

type Handler = (...args: never[]) => void;
type AnyAck = (res: unknown) => void;

/**
 * Just enough of a socket.io-client Socket for the kit, wired to a FakeServer that plays the
 * server's side. Tests reach it as `server.lastSocket` to connect, drop or inspect it.
 */
export class FakeSocket {
  connected = false;
  /** socket.io's "will retry by itself": false after a refused handshake or a server close. */
  active = true;
  readonly emitted: { event: string; payload: unknown }[] = [];
  subscribedTo: string | null = null;
  readonly tracked = new Set<string>();
  pad = false;
  /** The branch whose live monitor this socket follows (`monitor:subscribe`). */
  monitoring: string | null = null;
  private readonly handlers = new Map<string, Handler[]>();

  constructor(
    private readonly server: FakeServer,
    readonly options: SocketOptions,
  ) {}

  asKit(): KitSocket {
    return this as unknown as KitSocket;
  }

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  connect(): this {
    this.active = true;
    this.handshake();
    return this;
  }

  disconnect(): this {
    this.connected = false;
    this.active = false;
    this.subscribedTo = null;
    return this;
  }

  emit<E extends keyof ClientToServerEvents>(event: E, payload: unknown, ack: AnyAck): this {
    this.emitted.push({ event, payload });
    if (!this.connected) return this;
    const s = this.server;
    if (event === 'branch:subscribe') {
      s.subscribes++;
      const answer = (res: Ack<BranchSnapshot>) => {
        if (res.ok) this.subscribedTo = res.data.branch.id;
        ack(res);
      };
      if (s.refuseSubscribe) answer({ ok: false, error: s.refuseSubscribe as never });
      else if (s.subscribeMode === 'hold') s.heldSubscribes.push(answer);
      else answer({ ok: true, data: { ...s.snapshot } });
    } else if (event === 'ticket:track') {
      const { ticketId, key } = payload as { ticketId: string; key: string };
      const held = s.tickets.get(ticketId);
      if (held && held.key === key) {
        this.tracked.add(ticketId);
        ack({ ok: true, data: held.view } satisfies Ack<PublicTicketView>);
      } else ack({ ok: false, error: { code: 'TICKET_NOT_FOUND', message: 'no such ticket' } });
    } else if (event === 'monitor:subscribe') {
      s.monitorSubscribes++;
      const { branchId } = payload as { branchId: string };
      if (s.monitor?.branchId === branchId && s.subscribeMode === 'answer') {
        this.monitoring = branchId;
        ack({ ok: true, data: { ...s.monitor } } satisfies Ack<MonitorSnapshot>);
      } else if (!s.monitor) ack({ ok: false, error: { code: 'FORBIDDEN', message: 'no monitor' } });
    } else if (event === 'pad:subscribe') {
      this.pad = true;
      ack({ ok: true, data: s.padIdentity });
    }
    return this;
  }

  /** Server side: the handshake, refused when the server does not know the token. */
  handshake(): void {
    if (this.connected) return;
    const token = this.options.token ?? null;
    if (token && this.server.tokens && !this.server.tokens.has(token)) {
      this.active = false;
      this.fire('connect_error', new Error('UNAUTHENTICATED'));
      return;
    }
    this.connected = true;
    this.fire('connect');
  }

  /** Server side: the connection is lost (`transport close`) or closed by the server. */
  drop(reason = 'transport close'): void {
    this.connected = false;
    this.subscribedTo = null;
    this.monitoring = null;
    this.tracked.clear();
    if (reason === 'io server disconnect') this.active = false;
    this.fire('disconnect', reason);
  }

  /** Server side: a failed connection attempt (socket.io keeps retrying unless `active` is false). */
  failToConnect(message = 'websocket error', active = true): void {
    this.active = active;
    this.fire('connect_error', new Error(message));
  }

  fire<E extends keyof ServerToClientEvents | 'connect' | 'disconnect' | 'connect_error'>(
    event: E,
    ...args: unknown[]
  ): void {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
}
