/**
 * Random halls and command sequences for property tests: 2–4 services, 2–4 counters with random
 * work profiles and overdue rules, and sequences of every queue command. Every command goes
 * through the engine's decision functions; refusals are allowed, and every event a command
 * returns is applied. Shared by the engine's invariant tests and the routing checks.
 */
import fc from 'fast-check';
import { applyEvent } from './apply.js';
import {
  callNext,
  callTicket,
  closeCounter,
  finishService,
  markNoShow,
  openCounter,
  parkTicket,
  pauseCounter,
  recall,
  resumeCounter,
  startService,
} from './counter-commands.js';
import type { Result } from './errors.js';
import type { DomainEvent, TransferPlacement } from './events.js';
import { issueTicket } from './issue.js';
import type { QueueState } from './state.js';
import { BRANCH_ID, everyDay, Hall, MINUTE, makeService } from './test-support.js';
import { cancelTicket, reinstateNoShow } from './ticket-commands.js';
import { transferTicket } from './transfer.js';
import type { Counter, CounterState, Outcome, Ticket, TicketClass } from './types.js';

const PREFIXES = ['A', 'B', 'C', 'D'];

const serviceArb = fc.record({
  allowPriority: fc.boolean(),
  dailyCap: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
  perPersonDailyLimit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  requiresPersonId: fc.constantFrom(false, false, false, true),
  defaultServiceMinutes: fc.integer({ min: 1, max: 15 }),
});

const counterArb = fc.record({
  services: fc.uniqueArray(fc.record({ s: fc.nat(3), level: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 4,
    selector: (e) => e.s,
  }),
  rules: fc.array(fc.record({ s: fc.nat(3), minutes: fc.integer({ min: 0, max: 30 }) }), { maxLength: 2 }),
  state: fc.constantFrom<CounterState>('idle', 'idle', 'idle', 'closed', 'paused'),
});

export const hallArb = fc.record({
  services: fc.array(serviceArb, { minLength: 2, maxLength: 4 }),
  counters: fc.array(counterArb, { minLength: 2, maxLength: 4 }),
  noShowAfterRecalls: fc.integer({ min: 0, max: 3 }),
  reinstatePlacesBack: fc.integer({ min: 0, max: 4 }),
  // The hall opens at 07:00 and the clock starts at 10:00 (T0, Paris): some halls close within
  // the hour, so estimates meet the end of the day and the hall goes on serving after hours.
  closesAt: fc.constantFrom('10:20', '11:00', '12:00', '22:00'),
});
export type HallConfig = typeof hallArb extends fc.Arbitrary<infer T> ? T : never;

const c = fc.nat(3);
const pick = fc.nat(1000);
const opArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('issue' as const),
      s: c,
      cls: fc.constantFrom<TicketClass>('normal', 'normal', 'normal', 'priority', 'appointment'),
      person: fc.option(fc.constantFrom('alice', 'bob'), { nil: null }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('callNext' as const), c }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('callTicket' as const), c, t: pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('recall' as const), c }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('start' as const), c }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('finish' as const),
      c,
      outcome: fc.constantFrom<Outcome>('served', 'served', 'served_incomplete', 'referred', 'no_show'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('noShow' as const), c }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      c,
      toService: fc.option(c, { nil: null }),
      toCounter: fc.option(c, { nil: null }),
      placement: fc.constantFrom<TransferPlacement>('first', 'last', 'arrival'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('park' as const), c }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('callback' as const), c, t: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('cancel' as const),
      t: pick,
      by: fc.constantFrom('holder', 'staff'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reinstate' as const), t: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('pause' as const), c, reason: fc.constantFrom('', 'lunch') }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('resume' as const), c }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('open' as const), c }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('close' as const), c, reason: fc.constantFrom('', 'shift end') }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 12 }) }),
  },
);
export type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;
// size 'max': with fast-check's default size, sequences would stay around ten commands long.
export const opsArb = fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' });

export function buildHall(cfg: HallConfig): Hall {
  const services = cfg.services.map((s, i) =>
    makeService(`S${i}`, PREFIXES[i] ?? 'Z', { ...s, sortOrder: i }),
  );
  const sid = (s: number) => `S${s % services.length}`;
  return new Hall({
    branch: {
      hours: everyDay('07:00', cfg.closesAt),
      issueCutoffMinutes: 0,
      noShowAfterRecalls: cfg.noShowAfterRecalls,
      reinstatePlacesBack: cfg.reinstatePlacesBack,
    },
    services,
    counters: cfg.counters.map((k, i) => ({
      id: `K${i}`,
      number: i + 1,
      levels: Object.fromEntries(k.services.map((e) => [sid(e.s), e.level])),
      rules: k.rules.map((r) => ({ kind: 'overdue' as const, serviceId: sid(r.s), minutes: r.minutes })),
      state: k.state,
    })),
  });
}

/** What a step decided, seen from the state before its events were applied. */
export interface Step {
  op: Op;
  before: QueueState;
  events: DomainEvent[];
}

/**
 * Runs the ops against the hall. `onEvent` sees the state after each applied event and
 * `onStep` the step with a copy of the state before it (only made when `onStep` is given).
 */
export function run(
  hall: Hall,
  ops: Op[],
  hooks: {
    onEvent?: (s: QueueState, e: DomainEvent) => void;
    onStep?: (step: Step) => void;
    /** Called after every command, refused or not, with the state from just before it. */
    afterDecide?: (before: QueueState, after: QueueState, op: Op) => void;
  } = {},
): void {
  const { state, ctx } = hall;
  const counterIds = [...state.counters.keys()];
  const serviceIds = [...state.services.keys()];
  /** A counter matching `p` when there is one (mostly), else any counter, so refusals are exercised too. */
  const counterAt = (i: number, p: (k: Counter) => boolean = () => true): string => {
    const preferred = [...state.counters.values()].filter(p);
    if (preferred.length === 0 || i % 10 === 0) return counterIds[i % counterIds.length]!;
    return preferred[i % preferred.length]!.id;
  };
  const idle = (k: Counter) => k.state === 'idle';
  const calling = (k: Counter) => k.state === 'calling';
  const holding = (k: Counter) => k.state === 'calling' || k.state === 'serving';
  const ticketsWhere = (p: (t: Ticket) => boolean) => [...state.tickets.values()].filter(p);
  /** A ticket matching `p` when there is one (mostly), else any ticket, so refusals are exercised too. */
  const ticketAt = (i: number, p: (t: Ticket) => boolean): string => {
    const preferred = ticketsWhere(p);
    const pool = preferred.length > 0 && i % 10 !== 0 ? preferred : [...state.tickets.values()];
    return pool[i % Math.max(1, pool.length)]?.id ?? 'none';
  };
  const waitingOrParked = (t: Ticket) => t.status === 'waiting' || t.status === 'parked';

  for (const op of ops) {
    const pre = hooks.onStep || hooks.afterDecide ? cloneState(state) : state;
    let result: Result<{ events: DomainEvent[] } | DomainEvent[]>;
    switch (op.op) {
      case 'issue':
        result = issueTicket(
          state,
          {
            branchId: BRANCH_ID,
            serviceId: serviceIds[op.s % serviceIds.length]!,
            ticketClass: op.cls,
            personHash: op.person,
          },
          ctx,
        );
        break;
      case 'callNext':
        result = callNext(state, counterAt(op.c, idle), ctx);
        break;
      case 'callTicket':
        result = callTicket(
          state,
          counterAt(op.c, idle),
          ticketAt(op.t, (t) => t.status === 'waiting'),
          ctx,
        );
        break;
      case 'callback':
        result = callTicket(
          state,
          counterAt(op.c, idle),
          ticketAt(op.t, (t) => t.status === 'parked'),
          ctx,
        );
        break;
      case 'recall':
        result = recall(state, counterAt(op.c, calling), ctx);
        break;
      case 'start':
        result = startService(state, counterAt(op.c, calling), ctx);
        break;
      case 'finish':
        result = finishService(state, counterAt(op.c, holding), op.outcome, ctx);
        break;
      case 'noShow':
        result = markNoShow(state, counterAt(op.c, calling), ctx);
        break;
      case 'transfer':
        result = transferTicket(
          state,
          counterAt(op.c, holding),
          {
            toServiceId: op.toService === null ? undefined : serviceIds[op.toService % serviceIds.length],
            toCounterId: op.toCounter === null ? undefined : counterAt(op.toCounter),
            placement: op.placement,
          },
          ctx,
        );
        break;
      case 'park':
        result = parkTicket(state, counterAt(op.c, holding), null, ctx);
        break;
      case 'cancel':
        result = cancelTicket(state, ticketAt(op.t, waitingOrParked), op.by, ctx);
        break;
      case 'reinstate':
        result = reinstateNoShow(
          state,
          ticketAt(op.t, (t) => t.status === 'no_show'),
          ctx,
        );
        break;
      case 'pause':
        result = pauseCounter(state, counterAt(op.c, idle), op.reason, ctx);
        break;
      case 'resume':
        result = resumeCounter(
          state,
          counterAt(op.c, (k) => k.state === 'paused'),
          ctx,
        );
        break;
      case 'open':
        result = openCounter(
          state,
          counterAt(op.c, (k) => k.state === 'closed'),
          null,
          ctx,
        );
        break;
      case 'close':
        result = closeCounter(
          state,
          counterAt(op.c, (k) => !holding(k)),
          op.reason,
          ctx,
        );
        break;
      case 'advance':
        ctx.now += op.minutes * MINUTE;
        continue;
    }
    hooks.afterDecide?.(pre, state, op);
    if (!result.ok) continue;
    const events = Array.isArray(result.data) ? result.data : result.data.events;
    hooks.onStep?.({ op, before: pre, events });
    for (const e of events) {
      applyEvent(state, e);
      hall.log.push(e);
      hooks.onEvent?.(state, e);
    }
  }
}

export function cloneState(s: QueueState): QueueState {
  return structuredClone(s);
}
