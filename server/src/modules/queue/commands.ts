import {
  type Actor,
  businessDay,
  cancelTicket,
  closeForShift,
  type Decision,
  type IssueOutcome,
  issueOrReplay,
  moveWaiting,
  type Outcome,
  ok,
  type QueueState,
  type Result,
  reinstateNoShow,
  rollover,
  type StaffContext,
  type TicketClass,
  type TransferInput,
  type TransferPlacement,
  takeOverCounter,
} from '../../core/index.js';
import type { CommandBus, Decide } from '../../kernel/command-bus.js';
import type { AnyEvent, CommandMeta } from '../../kernel/events.js';
import type { CounterCommand, CounterCommandResponse, Locale } from '../../protocol/index.js';
import { decideCounter } from './counter-decide.js';
import { counterView, ticketView } from './views.js';

const SYSTEM: CommandMeta = { actor: { kind: 'system', id: 'system' } };

export interface IssueRequest {
  branchId: string;
  serviceId: string;
  priority: boolean;
  locale?: Locale | undefined;
  personHash?: string | null;
  personMasked?: string | null;
  idempotencyKey?: string | null;
  /** Staff issuing at a desk: core decides whether she may give a priority ticket. */
  staff?: StaffContext;
}

export type IssueResult = IssueOutcome;

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
  /** The session opening the counter: signed in to it by the same commit. */
  session?: string | null;
}

export interface QueueCommandDeps {
  bus: CommandBus;
  clerkName: (id: string) => string | null;
  /** The ticket an Idempotency-Key was used for, from the database (keys outlive the live state). */
  ticketIdForKey: (branchId: string, key: string) => string | null;
}

const events = <E extends AnyEvent>(r: Result<E[]>): ReturnType<Decide<null>> =>
  r.ok ? ok({ events: r.data, reply: () => null }) : r;

/** The queue's commands, each decided by core and committed through the bus before it answers. */
export class QueueCommands {
  constructor(private readonly deps: QueueCommandDeps) {}

  private get bus() {
    return this.deps.bus;
  }

  /** Starts a new business day for every branch whose local date has moved on. */
  async rollAll(): Promise<void> {
    for (const id of this.bus.state.branches.keys()) await this.ensureDay(id);
  }

  private ensureDay(branchId: string): Promise<unknown> | null {
    const branch = this.bus.state.branches.get(branchId);
    if (!branch || this.bus.state.currentDay.get(branchId) === businessDay(this.bus.now(), branch.timezone))
      return null;
    return this.bus.run(SYSTEM, (state, ctx) => events(rollover(state, branchId, ctx)));
  }

  issue(meta: CommandMeta, req: IssueRequest): Promise<Result<IssueResult>> {
    void this.ensureDay(req.branchId);
    const ticketClass: TicketClass = req.priority ? 'priority' : 'normal';
    return this.bus.run(meta, (state, ctx) => {
      const r = issueOrReplay(state, { ...req, ticketClass }, ctx, this.deps.ticketIdForKey);
      return r.ok ? ok({ events: r.data.events, reply: () => r.data }) : r;
    });
  }

  counterCommand(
    meta: CommandMeta,
    counterId: string,
    command: CounterCommand,
    input: CounterCommandInput,
  ): Promise<Result<CounterCommandResponse>> {
    const counter = this.bus.state.counters.get(counterId);
    if (counter) void this.ensureDay(counter.branchId);
    return this.bus.run(meta, (state, ctx) => {
      const decided = decideCounter(state, counterId, command, input, ctx);
      if (!decided.ok) return decided;
      const all: AnyEvent[] = [...decided.data.events];
      if (command === 'open' && input.session)
        all.push(this.bound(counter?.branchId ?? null, input.session, counterId, ctx));
      return ok({ events: all, reply: () => this.answer(state, counterId, decided.data) });
    });
  }

  cancel(
    actor: Actor,
    ticketId: string,
    by: 'holder' | 'staff',
    ip?: string,
    staff?: StaffContext,
    reason?: string,
  ): Promise<Result<null>> {
    return this.bus.run({ actor, ip: ip ?? null }, (state, ctx) =>
      events(cancelTicket(state, ticketId, by, ctx, staff, reason)),
    );
  }

  /** Moves a waiting ticket to another service from the front desk. */
  move(
    meta: CommandMeta,
    ticketId: string,
    serviceId: string,
    placement: TransferPlacement,
  ): Promise<Result<null>> {
    return this.bus.run(meta, (state, ctx) =>
      events(moveWaiting(state, ticketId, serviceId, placement, ctx)),
    );
  }

  /**
   * A supervisor closes an abandoned counter (its current ticket back to the front of its queue)
   * or takes it over as it is, signing their own session in to it in the same commit.
   */
  release(
    meta: CommandMeta,
    counterId: string,
    input: { action: 'close' | 'take-over'; reason: string; userId: string; session: string },
  ): Promise<Result<CounterCommandResponse>> {
    return this.bus.run(meta, (state, ctx) => {
      const decided =
        input.action === 'close'
          ? closeForShift(state, counterId, input.reason, ctx)
          : takeOverCounter(state, counterId, input.userId, ctx);
      if (!decided.ok) return decided;
      const all: AnyEvent[] = [...decided.data.events];
      if (input.action === 'take-over')
        all.push(this.bound(state.counters.get(counterId)?.branchId ?? null, input.session, counterId, ctx));
      return ok({ events: all, reply: () => this.answer(state, counterId, decided.data) });
    });
  }

  private bound(
    branchId: string | null,
    tokenHash: string,
    counterId: string,
    ctx: { now: number; actor: Actor },
  ): AnyEvent {
    return { type: 'session.counter_bound', at: ctx.now, actor: ctx.actor, branchId, tokenHash, counterId };
  }

  private answer(state: QueueState, counterId: string, decision: Decision): CounterCommandResponse {
    const c = state.counters.get(counterId)!;
    const ticketId = decision.ticketId ?? c.currentTicketId;
    const t = ticketId ? state.tickets.get(ticketId) : undefined;
    return { counter: counterView(c, this.deps.clerkName), ticket: t ? ticketView(t) : null };
  }

  reinstate(actor: Actor, ticketId: string, ip?: string): Promise<Result<null>> {
    return this.bus.run({ actor, ip: ip ?? null }, (state, ctx) =>
      events(reinstateNoShow(state, ticketId, ctx)),
    );
  }
}
