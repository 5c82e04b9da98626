import {
  type Actor,
  aheadOf,
  businessDay,
  type Counter,
  cancelTicket,
  estimateWait,
  fail,
  type Issued,
  issueTicket,
  type Outcome,
  ok,
  orderFor,
  type Result,
  reinstateNoShow,
  rollover,
  type TicketClass,
  type TransferInput,
} from '../core/index.js';
import type {
  BranchSnapshot,
  CallOrderEntry,
  CounterCommand,
  CounterCommandResponse,
  Locale,
  PublicTicketView,
  ServiceView,
} from '../protocol/index.js';
import type { Broadcaster } from './broadcast.js';
import type { CommandBus, Decide } from './command-bus.js';
import { decideCounter } from './counter-decide.js';
import {
  type BranchExtras,
  branchView,
  counterView,
  isListed,
  publicTicketView,
  serviceView,
  ticketView,
} from './views.js';

const SYSTEM: Actor = { kind: 'system', id: 'system' };
const MAX_REMEMBERED_KEYS = 100_000;

export interface HallDeps {
  bus: CommandBus;
  broadcaster: Broadcaster;
  extras: (branchId: string) => BranchExtras;
  clerkName: (id: string) => string | null;
  isRated: (ticketId: string) => boolean;
  /** The ticket an Idempotency-Key was used for, from the database (keys outlive the live state). */
  ticketIdForKey: (branchId: string, key: string) => string | null;
}

export interface IssueRequest {
  branchId: string;
  serviceId: string;
  priority: boolean;
  locale?: Locale | undefined;
  personHash?: string | null;
  personMasked?: string | null;
  idempotencyKey?: string | null;
}

export interface IssueResult extends Issued {
  replayed: boolean;
}

export interface CounterCommandInput {
  reason?: string | undefined;
  ticketId?: string | undefined;
  outcome?: Outcome | undefined;
  serviceId?: string | undefined;
  counterId?: string | undefined;
  placement?: TransferInput['placement'] | undefined;
  clerkId?: string | null;
  /**
   * A clerk acting on a counter: the counter must still be theirs when the command is decided
   * (a manager may close it and another clerk open it between the HTTP check and the bus).
   */
  actingClerk?: string | null;
}

/**
 * The queue operations the transports call. Each runs through the command bus (one at a
 * time, committed before the reply) and answers with wire views.
 */
export class Hall {
  readonly bus: CommandBus;
  private readonly broadcaster: Broadcaster;
  private readonly extras: HallDeps['extras'];
  private readonly clerkName: HallDeps['clerkName'];
  private readonly isRated: HallDeps['isRated'];
  private readonly ticketIdForKey: HallDeps['ticketIdForKey'];

  constructor(deps: HallDeps) {
    ({
      bus: this.bus,
      broadcaster: this.broadcaster,
      extras: this.extras,
      clerkName: this.clerkName,
      isRated: this.isRated,
      ticketIdForKey: this.ticketIdForKey,
    } = deps);
    for (const t of this.bus.state.tickets.values()) {
      if (t.idempotencyKey) this.rememberKey(`${t.branchId}|${t.idempotencyKey}`, t.id);
    }
  }

  get state() {
    return this.bus.state;
  }

  /** Idempotency keys of recent issues → ticket id; a key whose ticket has left the live state is ignored. */
  private readonly idempotent = new Map<string, string>();

  private rememberKey(key: string, ticketId: string): void {
    this.idempotent.set(key, ticketId);
    if (this.idempotent.size > MAX_REMEMBERED_KEYS) {
      const oldest = this.idempotent.keys().next().value;
      if (oldest !== undefined) this.idempotent.delete(oldest);
    }
  }

  /** Starts a new business day for every branch whose local date has moved on. */
  async rollAll(): Promise<void> {
    for (const id of this.state.branches.keys()) await this.ensureDay(id);
  }

  private ensureDay(branchId: string): Promise<unknown> | null {
    const branch = this.state.branches.get(branchId);
    if (!branch || this.state.currentDay.get(branchId) === businessDay(this.bus.now(), branch.timezone))
      return null;
    return this.bus.run(SYSTEM, (state, ctx) => {
      const r = rollover(state, branchId, ctx);
      return r.ok ? ok({ events: r.data, reply: () => null }) : r;
    });
  }

  issue(actor: Actor, req: IssueRequest): Promise<Result<IssueResult>> {
    void this.ensureDay(req.branchId);
    return this.bus.run(actor, (state, ctx) => {
      const key = req.idempotencyKey ? `${req.branchId}|${req.idempotencyKey}` : null;
      const knownId = key
        ? (this.idempotent.get(key) ?? this.ticketIdForKey(req.branchId, req.idempotencyKey!))
        : null;
      const known = knownId ? state.tickets.get(knownId) : undefined;
      if (knownId && (!known || known.issuedServiceId !== req.serviceId)) {
        // The key belongs to another request (another service, or a ticket of an earlier day).
        return fail(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used for another ticket; send a new key',
        );
      }
      if (known) {
        // A retry (a double tap, a lost reply) gets the same ticket, as it stands now.
        const service = state.services.get(known.serviceId)!;
        const ahead = aheadOf(state, known);
        const estimate =
          known.status === 'waiting'
            ? estimateWait(state, service, ahead)
            : { minutes: null, low: null, high: null };
        const replay: IssueResult = { events: [], ticket: known, ahead, estimate, replayed: true };
        return ok({ events: [], reply: () => replay });
      }
      // Checked inside the command: an issue queued before the notice went up is refused too;
      // a retry of a ticket issued before it (above) still gets its ticket.
      if (this.extras(req.branchId).emergency?.stopIssuing) {
        return fail('EMERGENCY_ACTIVE', 'issuing is stopped by an emergency notice');
      }
      const ticketClass: TicketClass = req.priority ? 'priority' : 'normal';
      const issued = issueTicket(state, { ...req, ticketClass }, ctx);
      if (!issued.ok) return issued;
      return ok({
        events: issued.data.events,
        reply: () => {
          // Runs once the ticket is applied, so a retry later in the same batch finds it.
          if (key) this.rememberKey(key, issued.data.ticket.id);
          return { ...issued.data, replayed: false };
        },
      });
    });
  }

  counterCommand(
    actor: Actor,
    counterId: string,
    command: CounterCommand,
    input: CounterCommandInput,
    /** Writes that belong to the same commit (audit entry, session binding): run inside its transaction. */
    alongside?: (response: CounterCommandResponse) => void,
  ): Promise<Result<CounterCommandResponse>> {
    const counter = this.state.counters.get(counterId);
    if (counter) void this.ensureDay(counter.branchId);
    const decide: Decide<CounterCommandResponse> = (state, ctx) => {
      const decided = decideCounter(state, counterId, command, input, ctx);
      if (!decided.ok) return decided;
      return ok({
        events: decided.data.events,
        reply: () => {
          const c = state.counters.get(counterId) as Counter;
          const ticketId = decided.data.ticketId ?? c.currentTicketId;
          const t = ticketId ? state.tickets.get(ticketId) : undefined;
          const response = { counter: counterView(c, this.clerkName), ticket: t ? ticketView(t) : null };
          alongside?.(response);
          return response;
        },
      });
    };
    return this.bus.run(actor, decide);
  }

  cancel(actor: Actor, ticketId: string, by: 'holder' | 'staff'): Promise<Result<null>> {
    return this.bus.run(actor, (state, ctx) => {
      const r = cancelTicket(state, ticketId, by, ctx);
      return r.ok ? ok({ events: r.data, reply: () => null }) : r;
    });
  }

  reinstate(actor: Actor, ticketId: string): Promise<Result<null>> {
    return this.bus.run(actor, (state, ctx) => {
      const r = reinstateNoShow(state, ticketId, ctx);
      return r.ok ? ok({ events: r.data, reply: () => null }) : r;
    });
  }

  snapshot(branchId: string): BranchSnapshot | null {
    const branch = this.state.branches.get(branchId);
    if (!branch) return null;
    const now = this.bus.now();
    const counters = [...this.state.counters.values()].filter((c) => c.branchId === branchId);
    return {
      epoch: this.broadcaster.epoch,
      version: this.broadcaster.versionOf(branchId),
      at: now,
      branch: branchView(this.state, branch, this.extras(branchId), now),
      services: this.services(branchId),
      counters: counters.sort((a, b) => a.number - b.number).map((c) => counterView(c, this.clerkName)),
      tickets: [...this.state.tickets.values()]
        .filter((t) => t.branchId === branchId && isListed(t))
        .map(ticketView),
      recentCalls: this.broadcaster.recentCalls(branchId),
    };
  }

  services(branchId: string): ServiceView[] {
    const now = this.bus.now();
    return [...this.state.services.values()]
      .filter((s) => s.branchId === branchId)
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((s) => serviceView(this.state, s, now));
  }

  /** The order call-next would take at this counter, each with its rule. */
  order(counterId: string): CallOrderEntry[] | null {
    const counter = this.state.counters.get(counterId);
    if (!counter) return null;
    return orderFor(this.state, counter, this.bus.now()).map((p) => ({
      ticketId: p.ticket.id,
      code: p.ticket.code,
      rule: p.rule,
      detail: p.detail,
    }));
  }

  publicTicket(ticketId: string, key: string): PublicTicketView | null {
    const t = this.state.tickets.get(ticketId);
    if (!t || !safeEqual(t.trackKey, key)) return null;
    const branch = this.state.branches.get(t.branchId);
    return branch ? publicTicketView(this.state, t, this.isRated(t.id), branch) : null;
  }
}

/** Constant-time comparison of the tracking secret. */
function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
