import {
  type Branch,
  type Counter,
  localParts,
  noticesOf,
  orderFor,
  type QueueState,
  type Service,
  type Ticket,
} from '../../core/index.js';
import type {
  BranchSnapshot,
  BranchView,
  CallOrderEntry,
  CallView,
  PublicRating,
  PublicTicketView,
  ServiceView,
  TicketHistory,
} from '../../protocol/index.js';
import {
  branchView,
  counterView,
  type EstimateOf,
  publicTicketView,
  serviceView,
  ticketView,
} from './views.js';

/** Where the branch stream stands: the snapshot carries it so a client can follow the deltas. */
export interface StreamPosition {
  readonly epoch: string;
  versionOf(branchId: string): number;
  recentCalls(branchId: string): CallView[];
}

export interface QueueReadDeps {
  state: QueueState;
  now: () => number;
  stream: StreamPosition;
  clerkName: (id: string) => string | null;
  ratingOf: (ticketId: string) => PublicRating | null;
  /** A ticket's events from the log, oldest first. */
  eventsOf: (ticketId: string) => {
    at: number;
    type: string;
    actorKind: string;
    actorId: string;
    counterId: string | null;
    reason: string | null;
  }[];
}

/** Everything the transports read of the live queue, as wire views or plain copies. */
export class QueueReads {
  constructor(private readonly deps: QueueReadDeps) {}

  private get state() {
    return this.deps.state;
  }

  branch(id: string): Branch | undefined {
    return this.state.branches.get(id);
  }
  branches(): Branch[] {
    return [...this.state.branches.values()];
  }
  service(id: string): Service | undefined {
    return this.state.services.get(id);
  }
  counter(id: string): Counter | undefined {
    return this.state.counters.get(id);
  }
  ticket(id: string): Ticket | undefined {
    return this.state.tickets.get(id);
  }

  /**
   * Today's tickets of a branch whose code matches (case and spaces ignored), finished and
   * cancelled ones included (the live state keeps the whole business day), each with its events.
   */
  history(branchId: string, code: string): TicketHistory[] {
    const wanted = code.replace(/\s+/g, '').toUpperCase();
    return [...this.state.tickets.values()]
      .filter((t) => t.branchId === branchId && t.code.toUpperCase() === wanted)
      .sort((a, b) => a.issuedAt - b.issuedAt)
      .map((t) => ({
        ticket: ticketView(t),
        events: this.deps.eventsOf(t.id).map((e) => ({
          at: e.at,
          type: e.type,
          actorKind: e.actorKind,
          actor: (e.actorKind === 'user' ? this.deps.clerkName(e.actorId) : null) ?? e.actorId,
          counterId: e.counterId,
          reason: e.reason,
        })),
      }));
  }

  branchView(branch: Branch): BranchView {
    return branchView(this.state, branch, noticesOf(this.state, branch.id), this.deps.now());
  }

  /** The start of the branch's local day, for "today" figures. */
  startOfDay(branchId: string): number {
    const branch = this.state.branches.get(branchId)!;
    const now = this.deps.now();
    return now - localParts(now, branch.timezone).minuteOfDay * 60_000;
  }

  /** The ticket finished last at a counter today (the one a rating pad asks about). */
  lastFinishedAt(counterId: string): Ticket | null {
    let last: Ticket | null = null;
    for (const t of this.state.tickets.values()) {
      if (t.counterId !== counterId || t.status !== 'done' || !t.finishedAt) continue;
      if (!last || t.finishedAt > (last.finishedAt ?? 0)) last = t;
    }
    return last;
  }

  /** A counter and its current ticket as the console shows them. */
  counterState(counter: Counter) {
    const t = counter.currentTicketId ? this.state.tickets.get(counter.currentTicketId) : undefined;
    return { counter: counterView(counter, this.deps.clerkName), ticket: t ? ticketView(t) : null };
  }

  snapshot(branchId: string): BranchSnapshot | null {
    const branch = this.state.branches.get(branchId);
    if (!branch) return null;
    const { stream } = this.deps;
    const counters = [...this.state.counters.values()].filter((c) => c.branchId === branchId);
    return {
      epoch: stream.epoch,
      version: stream.versionOf(branchId),
      at: this.deps.now(),
      branch: this.branchView(branch),
      services: this.services(branchId),
      counters: counters.sort((a, b) => a.number - b.number).map((c) => counterView(c, this.deps.clerkName)),
      // The listed index holds the few active tickets, not the day's finished history.
      tickets: [...this.state.listed.values()].filter((t) => t.branchId === branchId).map(ticketView),
      recentCalls: stream.recentCalls(branchId),
    };
  }

  services(branchId: string): ServiceView[] {
    const now = this.deps.now();
    return [...this.state.services.values()]
      .filter((s) => s.branchId === branchId)
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((s) => serviceView(this.state, s, now));
  }

  /** The order call-next would take at this counter, each with its rule. */
  order(counterId: string): CallOrderEntry[] | null {
    const counter = this.state.counters.get(counterId);
    if (!counter) return null;
    return orderFor(this.state, counter, this.deps.now()).map((p) => ({
      ticketId: p.ticket.id,
      code: p.ticket.code,
      rule: p.rule,
      detail: p.detail,
    }));
  }

  /** `estimateOf`: estimates from one simulation, for a pass over many tickets (waitEstimates). */
  publicTicket(ticketId: string, key: string, estimateOf?: EstimateOf): PublicTicketView | null {
    const t = this.state.tickets.get(ticketId);
    if (!t || !safeEqual(t.trackKey, key)) return null;
    const branch = this.state.branches.get(t.branchId);
    if (!branch) return null;
    return publicTicketView(this.state, t, this.deps.ratingOf(t.id), branch, this.deps.now(), estimateOf);
  }

  /** Counts for the metrics endpoint: waiting and issued per service, counters per state. */
  gauges() {
    const perService = new Map<string, number>();
    for (const t of this.state.tickets.values())
      perService.set(t.serviceId, (perService.get(t.serviceId) ?? 0) + 1);
    const services = [...this.state.services.values()].map((s) => ({
      branchId: s.branchId,
      prefix: s.prefix,
      waiting: this.state.waiting.get(s.id)?.size ?? 0,
      issued: perService.get(s.id) ?? 0,
    }));
    const counterStates = new Map<string, number>();
    for (const c of this.state.counters.values())
      counterStates.set(c.state, (counterStates.get(c.state) ?? 0) + 1);
    return { services, counterStates };
  }
}

/** Constant-time comparison of the tracking secret. */
function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
