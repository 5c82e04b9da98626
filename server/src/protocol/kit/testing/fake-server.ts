import type { Ack, PadIdentity, RatingRequest } from '../../events.js';
import type { AlertView, MonitorSnapshot } from '../../monitor.js';
import { API, ROUTES, type RouteName } from '../../routes.js';
import { applyDelta } from '../../sync.js';
import type { BranchDelta, BranchSnapshot, CallView, PublicTicketView } from '../../views.js';
import type { KitSocket, SocketFactory, SocketOptions } from '../socket.js';
import { FakeSocket } from './fake-socket.js';
import * as wire from './fixtures.js';

/**
 * The one fake server of the screens' tests: the Socket.IO side of API.md (handshake by token,
 * `branch:subscribe` with versioned deltas, `ticket:track`, `pad:subscribe`) and its REST side by
 * route name, in memory and synchronous, so tests drive it step by step, fake timers included.
 * Hand `server.socket` to the kit wherever it takes a SocketFactory, and `server.fetch` to
 * `vi.stubGlobal('fetch', …)`.
 */
export interface FakeRequest {
  route: RouteName | null;
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}
export type FakeReply = [status: number, body: unknown] | undefined;
export type FakeRoute = (req: FakeRequest) => FakeReply;

export class FakeServer {
  snapshot: BranchSnapshot;
  readonly sockets: FakeSocket[] = [];
  /** Tokens the handshake accepts; null accepts any. */
  tokens: Set<string> | null = null;
  /** 'answer' answers `branch:subscribe` at once; 'hold' keeps the acks in `heldSubscribes`. */
  subscribeMode: 'answer' | 'hold' = 'answer';
  /** Answer every `branch:subscribe` with this refusal instead. */
  refuseSubscribe: { code: string; message: string } | null = null;
  readonly heldSubscribes: ((res: Ack<BranchSnapshot>) => void)[] = [];
  subscribes = 0;
  /** The live monitor `monitor:subscribe` answers (its branchId must match); null refuses it. */
  monitor: MonitorSnapshot | null = null;
  monitorSubscribes = 0;
  /** Public views by ticket id with their keys, for `ticket:track` and the default REST route. */
  readonly tickets = new Map<string, { key: string; view: PublicTicketView }>();
  readonly requests: FakeRequest[] = [];
  /** REST answers by route name; a route without one answers 404 NOT_FOUND. */
  routes: Partial<Record<RouteName, FakeRoute>> = {};
  /** Connect sockets as soon as the kit opens them (as io() would, a moment later). */
  autoConnect = true;
  /** What `pad:subscribe` answers: the window and its clerk. */
  padIdentity: PadIdentity = {
    counterId: 'ctr-1',
    counter: { number: 1, name: { 'zh-CN': '1号窗口', en: 'Counter 1' } },
    clerk: null,
  };

  constructor(snapshot: BranchSnapshot = wire.snapshot()) {
    this.snapshot = snapshot;
  }

  /** What the kit calls instead of io(). */
  readonly socket: SocketFactory = (options: SocketOptions): KitSocket => {
    const s = new FakeSocket(this, options);
    this.sockets.push(s);
    if (this.autoConnect) queueMicrotask(() => s.handshake());
    return s.asKit();
  };

  get lastSocket(): FakeSocket {
    const s = this.sockets.at(-1);
    if (!s) throw new Error('no socket was opened');
    return s;
  }

  /** Sends a change as the next version (or one version too far, to make a gap). */
  push(
    change: Omit<BranchDelta, 'epoch' | 'version' | 'branchId'>,
    opts: { skipVersion?: boolean } = {},
  ): BranchDelta {
    const delta: BranchDelta = {
      ...change,
      epoch: this.snapshot.epoch,
      version: this.snapshot.version + (opts.skipVersion ? 2 : 1),
      branchId: this.snapshot.branch.id,
    };
    this.snapshot = applyDelta(this.snapshot, delta);
    for (const s of this.subscribed()) {
      if (change.call) {
        s.fire('ticket:called', { ...delta, ...change.call, branchId: delta.branchId, call: change.call });
      } else
        s.fire(
          change.branch ? 'branch:updated' : change.counters ? 'counter:updated' : 'ticket:updated',
          delta,
        );
    }
    return delta;
  }

  call(c: CallView): BranchDelta {
    return this.push({ call: c });
  }

  /** Changes the snapshot without telling anyone, as if the deltas were lost. */
  mutateSilently(fn: (s: BranchSnapshot) => void): void {
    fn(this.snapshot);
    this.snapshot.version++;
  }

  /** The server closes every socket (a restart: a new epoch by default). */
  dropClients(newEpoch = true): void {
    if (newEpoch)
      this.snapshot = { ...this.snapshot, epoch: `e${this.sockets.length}-${Date.now()}`, version: 1 };
    for (const s of this.sockets) if (s.connected) s.drop('io server disconnect');
  }

  /** Sends a new public view to whoever follows the ticket. */
  updateTicket(view: PublicTicketView): void {
    const held = this.tickets.get(view.id);
    if (held) held.view = view;
    for (const s of this.sockets) if (s.tracked.has(view.id)) s.fire('track:updated', view);
  }

  /** New monitor figures to every socket following them. */
  pushMonitor(change: Partial<MonitorSnapshot>): void {
    if (!this.monitor) throw new Error('no monitor to change');
    this.monitor = { ...this.monitor, ...change };
    for (const s of this.sockets) if (s.connected && s.monitoring) s.fire('monitor:updated', this.monitor);
  }

  /** An alert raised or changed, to every socket following the monitor. */
  alert(event: 'alert:raised' | 'alert:updated', a: AlertView): void {
    for (const s of this.sockets) if (s.connected && s.monitoring === a.branchId) s.fire(event, a);
  }

  requestRating(r: RatingRequest): void {
    for (const s of this.sockets) if (s.pad) s.fire('rating:requested', r);
  }

  /** The window's clerk changed: pads are told. */
  setPadIdentity(p: PadIdentity): void {
    this.padIdentity = p;
    for (const s of this.sockets) if (s.pad) s.fire('pad:identity', p);
  }

  closeRating(ticketId: string): void {
    for (const s of this.sockets) if (s.pad) s.fire('rating:closed', { ticketId });
  }

  count(event: string): number {
    return this.sockets.reduce((n, s) => n + s.emitted.filter((e) => e.event === event).length, 0);
  }

  /** The requests made to one route. */
  requestsTo(route: RouteName): FakeRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** A fetch that answers from `routes` by route name; records every request. */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://screen.test');
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const match = matchRoute(method, url.pathname);
    const req: FakeRequest = {
      route: match?.route ?? null,
      method,
      path: url.pathname.slice(API.length),
      params: match?.params ?? {},
      query: Object.fromEntries(url.searchParams),
      body,
      headers,
    };
    this.requests.push(req);
    const reply = (req.route && this.routes[req.route]?.(req)) ?? this.defaultReply(req);
    return new Response(JSON.stringify(reply[1]), {
      status: reply[0],
      headers: { 'Content-Type': 'application/json' },
    });
  };

  /** Subscribed, connected sockets. */
  subscribed(): FakeSocket[] {
    return this.sockets.filter((s) => s.connected && s.subscribedTo === this.snapshot.branch.id);
  }

  private defaultReply(req: FakeRequest): [number, unknown] {
    if (req.route === 'branch:queue') return [200, this.snapshot];
    if (req.route === 'ticket:view') {
      const held = this.tickets.get(req.params.id ?? '');
      if (held && held.key === req.query.key) return [200, held.view];
      return [404, { error: { code: 'TICKET_NOT_FOUND', message: 'no such ticket' } }];
    }
    return [404, { error: { code: 'NOT_FOUND', message: `no fake answer for ${req.method} ${req.path}` } }];
  }
}

const PATTERNS = (Object.keys(ROUTES) as RouteName[]).map((route) => {
  const names: string[] = [];
  const source = ROUTES[route].path.replace(/:(\w+)/g, (_m, n: string) => {
    names.push(n);
    return '([^/]+)';
  });
  return { route, method: ROUTES[route].method as string, regex: new RegExp(`^${API}${source}$`), names };
});

function matchRoute(method: string, pathname: string) {
  for (const p of PATTERNS) {
    const m = p.method === method ? p.regex.exec(pathname) : null;
    if (m) {
      const params = Object.fromEntries(p.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
      return { route: p.route, params };
    }
  }
  return null;
}
