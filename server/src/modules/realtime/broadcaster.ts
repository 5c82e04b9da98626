import { randomBytes } from 'node:crypto';
import {
  type Counter,
  type DomainEvent,
  isDomainEvent,
  NO_COUNTER_OPEN,
  noticesOf,
  type QueueState,
  type Service,
  type SimulatedEstimate,
  waitEstimates,
} from '../../core/index.js';
import type { AnyEvent } from '../../kernel/events.js';
import {
  type BranchDelta,
  type CallView,
  type CounterView,
  type HallCalledEvent,
  type PublicTicketView,
  RECENT_CALLS,
  type ServerToClientEvents,
  type ServiceView,
  type TicketView,
} from '../../protocol/index.js';
import {
  branchView,
  callView,
  counterView,
  type EstimateOf,
  isListed,
  serviceView,
  ticketView,
} from '../queue/views.js';

type DeltaEvent = 'ticket:issued' | 'ticket:called' | 'ticket:updated' | 'counter:updated' | 'branch:updated';

/** Where the broadcaster delivers: implemented by the Socket.IO layer, by a recorder in tests. */
export interface BroadcastSink {
  /** `hall`: what hall rooms get instead (default: the payload without personal data). */
  toBranch<E extends DeltaEvent>(
    branchId: string,
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
    hall?: Parameters<ServerToClientEvents[E]>[0],
  ): void;
  toTicket(ticketId: string, view: PublicTicketView): void;
  trackedTickets(): Iterable<string>;
  isTracked(ticketId: string): boolean;
}

const TRACK_COALESCE_MS = 1000;

type DeltaBody = Omit<BranchDelta, 'epoch' | 'version' | 'branchId'> & { services?: ServiceView[] };
interface Part {
  branchId: string;
  event: DeltaEvent;
  body: DeltaBody;
}
/** The name a command's merged delta goes by: its most telling event. */
const EVENT_PRIORITY: DeltaEvent[] = ['ticket:called', 'ticket:issued', 'branch:updated', 'counter:updated'];

/** Merges one command's deltas: the last view of each ticket, counter and service wins. */
function mergeParts(bodies: DeltaBody[]): DeltaBody {
  if (bodies.length === 1) return bodies[0]!;
  const tickets = new Map<string, TicketView>();
  const removed = new Set<string>();
  const counters = new Map<string, CounterView>();
  const services = new Map<string, ServiceView>();
  const out: DeltaBody = {};
  for (const b of bodies) {
    for (const t of b.tickets ?? []) {
      tickets.set(t.id, t);
      removed.delete(t.id);
    }
    for (const id of b.removedTicketIds ?? []) {
      removed.add(id);
      tickets.delete(id);
    }
    for (const c of b.counters ?? []) counters.set(c.id, c);
    for (const v of b.services ?? []) services.set(v.id, v);
    if (b.call) out.call = b.call;
    if (b.branch) out.branch = b.branch;
  }
  if (tickets.size) out.tickets = [...tickets.values()];
  if (removed.size) out.removedTicketIds = [...removed];
  if (counters.size) out.counters = [...counters.values()];
  if (services.size) out.services = [...services.values()];
  return out;
}

/**
 * Turns committed domain events into versioned branch deltas. Versions count the messages of
 * one branch stream since this process started (`epoch`); a client that sees a gap resyncs.
 */
export class Broadcaster {
  /** 48 random bits: a restart changes it; short, since every delta carries it. */
  readonly epoch = randomBytes(6).toString('base64url');
  private readonly versions = new Map<string, number>();
  private readonly calls = new Map<string, CallView[]>();
  private readonly movedServices = new Set<string>();
  private trackTimer: NodeJS.Timeout | null = null;
  /**
   * While one batch is published: the state is the batch's final state throughout, so each
   * service's view and each branch's estimates are computed once for the whole batch (a burst
   * of issues in one service asked for the same view once per ticket).
   */
  private pass: { now: number; views: Map<string, ServiceView>; estimateOf: EstimateOf } | null = null;

  constructor(
    private readonly state: QueueState,
    private readonly sink: BroadcastSink,
    private readonly clerkName: (id: string) => string | null,
    private readonly publicView: (ticketId: string, estimateOf?: EstimateOf) => PublicTicketView | null,
    private readonly now: () => number,
  ) {}

  versionOf(branchId: string): number {
    return this.versions.get(branchId) ?? 0;
  }

  recentCalls(branchId: string): CallView[] {
    return this.calls.get(branchId) ?? [];
  }

  /**
   * Pushes the deltas of committed events, one message per command: the events of one command
   * (call-next's call and start, finish's implicit start and finish) are merged into one delta.
   * Events of other modules (sessions, ratings) have none.
   */
  publish(events: readonly AnyEvent[], metaOf?: (e: AnyEvent) => unknown): void {
    const now = this.now();
    this.pass = { now, views: new Map(), estimateOf: this.estimatesOnce(now) };
    try {
      let group: Part[] = [];
      let owner: unknown;
      for (const event of events) {
        if (!isDomainEvent(event)) continue;
        const meta = metaOf?.(event) ?? event;
        if (group.length && meta !== owner) this.flushGroup(group);
        if (meta !== owner) group = [];
        owner = meta;
        const part = this.partOf(event);
        if (part) group.push(part);
      }
      this.flushGroup(group);
    } finally {
      this.pass = null;
    }
    this.scheduleTrackUpdates();
  }

  /**
   * Configuration changed (branch, services, counters): the branch view with every service
   * and the changed counters. A deactivated service or counter is sent as closed for good.
   */
  publishConfig(branchId: string, extra: { services?: ServiceView[]; counters?: Counter[] } = {}): void {
    const branch = this.state.branches.get(branchId);
    if (!branch) return;
    const services = [...this.servicesOf(branchId), ...(extra.services ?? [])];
    this.emit(branchId, 'branch:updated', {
      branch: branchView(this.state, branch, noticesOf(this.state, branchId), this.now()),
      services,
      ...(extra.counters?.length
        ? { counters: extra.counters.map((c) => counterView(c, this.clerkName)) }
        : {}),
    });
  }

  /** A change outside the queue (notice, emergency, configuration): push the branch view again. */
  private publishBranch(branchId: string, services: boolean): void {
    const branch = this.state.branches.get(branchId);
    if (!branch) return;
    const view: BranchDelta['branch'] = branchView(
      this.state,
      branch,
      noticesOf(this.state, branchId),
      this.now(),
    );
    this.emit(branchId, 'branch:updated', {
      branch: view,
      ...(services ? { services: this.servicesOf(branchId) } : {}),
    });
    // Every phone following a ticket of this hall shows the notice / emergency too.
    const estimateOf = this.pass?.estimateOf ?? this.estimatesOnce();
    for (const id of this.sink.trackedTickets()) {
      if (this.state.tickets.get(id)?.branchId !== branchId) continue;
      const ticketView = this.publicView(id, estimateOf);
      if (ticketView) this.sink.toTicket(id, ticketView);
    }
  }

  stop(): void {
    if (this.trackTimer) clearTimeout(this.trackTimer);
    this.trackTimer = null;
  }

  /** One event's share of its command's delta (null: the event was pushed on its own). */
  private partOf(event: DomainEvent): Part | null {
    const { branchId } = event;
    const ticket = event.ticketId ? this.state.tickets.get(event.ticketId) : undefined;
    const counter = event.counterId ? this.state.counters.get(event.counterId) : undefined;
    const counters = counter ? [counterView(counter, this.clerkName)] : undefined;
    if (ticket) {
      this.movedServices.add(ticket.serviceId);
      if (event.type === 'ticket.transferred' && ticket.originServiceId)
        this.movedServices.add(ticket.originServiceId);
    }
    const services = ticket ? this.servicesFor(ticket.serviceId, event) : undefined;
    // The holder of this very ticket hears of its own change at once (e.g. "go to counter 3").
    if (ticket && this.sink.isTracked(ticket.id)) {
      const view = this.publicView(ticket.id, this.pass?.estimateOf);
      if (view) this.sink.toTicket(ticket.id, view);
    }
    const tickets = ticket && isListed(ticket) ? [ticketView(ticket)] : undefined;
    const removedTicketIds = ticket && !isListed(ticket) ? [ticket.id] : undefined;
    switch (event.type) {
      case 'branch.notice_set':
        this.publishBranch(branchId, false);
        return null;
      case 'branch.emergency_raised':
      case 'branch.emergency_lifted':
        this.publishBranch(branchId, true);
        return null;
      case 'ticket.issued':
        return { branchId, event: 'ticket:issued', body: { tickets, services } };
      case 'ticket.called':
      case 'ticket.recalled': {
        if (!ticket || !counter) return null;
        const call = callView(ticket, counter);
        this.remember(branchId, call);
        return { branchId, event: 'ticket:called', body: { call, tickets, counters, services } };
      }
      case 'counter.opened':
      case 'counter.closed':
      case 'counter.paused':
      case 'counter.resumed':
      case 'counter.taken_over':
        return {
          branchId,
          event: 'counter:updated',
          body: { counters, services: this.servicesOf(branchId) },
        };
      case 'day.rolled':
        this.calls.set(branchId, []);
        return {
          branchId,
          event: 'branch:updated',
          body: {
            removedTicketIds: event.closedTicketIds,
            counters: [...this.state.counters.values()]
              .filter((c) => c.branchId === branchId)
              .map((c: Counter) => counterView(c, this.clerkName)),
            services: this.servicesOf(branchId),
          },
        };
      default:
        return { branchId, event: 'ticket:updated', body: { tickets, removedTicketIds, counters, services } };
    }
  }

  /** Emits one command's parts as one delta per branch (the state is read after its commit). */
  private flushGroup(parts: Part[]): void {
    const branches = new Set(parts.map((p) => p.branchId));
    for (const branchId of branches) {
      const mine = parts.filter((p) => p.branchId === branchId);
      const event = EVENT_PRIORITY.find((e) => mine.some((p) => p.event === e)) ?? 'ticket:updated';
      const body = mergeParts(mine.map((p) => p.body));
      if (event !== 'ticket:called' || !body.call) {
        this.emit(branchId, event, body);
        continue;
      }
      const call = body.call;
      const version = this.next(branchId);
      const staff = { ...body, ...call, call, branchId, epoch: this.epoch, version };
      // Hall screens get what the board shows: the call and the waits it moved.
      const hall: HallCalledEvent = {
        epoch: this.epoch,
        version,
        call,
        services: (body.services ?? []).map((v) => ({
          id: v.id,
          waiting: v.waiting,
          estimatedWaitMinutes: v.estimatedWaitMinutes,
          estimatedWaitRange: v.estimatedWaitRange,
        })),
      };
      this.sink.toBranch(branchId, 'ticket:called', staff, hall);
    }
  }

  private emit<E extends DeltaEvent>(
    branchId: string,
    event: E,
    body: Omit<Parameters<ServerToClientEvents[E]>[0], 'epoch' | 'version' | 'branchId'> & {
      branchId?: string;
    },
  ): void {
    const version = this.next(branchId);
    const payload = { ...body, epoch: this.epoch, version, branchId } as Parameters<
      ServerToClientEvents[E]
    >[0];
    this.sink.toBranch(branchId, event, payload);
  }

  private next(branchId: string): number {
    const version = this.versionOf(branchId) + 1;
    this.versions.set(branchId, version);
    return version;
  }

  private remember(branchId: string, call: CallView): void {
    const list = [call, ...(this.calls.get(branchId) ?? [])].slice(0, RECENT_CALLS);
    this.calls.set(branchId, list);
  }

  private servicesOf(branchId: string) {
    return [...this.state.services.values()]
      .filter((s) => s.branchId === branchId)
      .map((s) => this.viewOf(s));
  }

  /** A service's view, once per published batch (see `pass`). */
  private viewOf(s: Service): ServiceView {
    if (!this.pass) return serviceView(this.state, s, this.now());
    let view = this.pass.views.get(s.id);
    if (!view) {
      view = serviceView(this.state, s, this.pass.now);
      this.pass.views.set(s.id, view);
    }
    return view;
  }

  /** The services whose counts or estimates this event moved (a transfer moves two queues). */
  private servicesFor(serviceId: string, event: DomainEvent) {
    const ids = new Set([serviceId]);
    if (event.type === 'ticket.transferred') {
      for (const s of this.movedServices) ids.add(s);
    }
    return [...ids]
      .map((id) => this.state.services.get(id))
      .filter((s) => s !== undefined)
      .map((s) => this.viewOf(s));
  }

  /**
   * Phones following a ticket learn their new place at most once a second: a call moves every
   * ticket behind it, and one push per waiting ticket per call would not scale.
   */
  private scheduleTrackUpdates(): void {
    if (this.trackTimer) return;
    this.trackTimer = setTimeout(() => {
      this.trackTimer = null;
      const moved = new Set(this.movedServices);
      this.movedServices.clear();
      const estimateOf = this.estimatesOnce();
      for (const id of this.sink.trackedTickets()) {
        const t = this.state.tickets.get(id);
        if (!t || !moved.has(t.serviceId)) continue;
        const view = this.publicView(id, estimateOf);
        if (view) this.sink.toTicket(id, view);
      }
    }, TRACK_COALESCE_MS);
    this.trackTimer.unref();
  }

  /**
   * For one pass over the tracked tickets (the state does not change during it): each branch's
   * estimates from one simulation when first asked, instead of one simulation per phone.
   */
  private estimatesOnce(now = this.now()): EstimateOf {
    const byBranch = new Map<string, Map<string, SimulatedEstimate>>();
    return (t) => {
      let all = byBranch.get(t.branchId);
      if (!all) {
        all = waitEstimates(this.state, t.branchId, now);
        byBranch.set(t.branchId, all);
      }
      return all.get(t.id) ?? NO_COUNTER_OPEN;
    };
  }
}
