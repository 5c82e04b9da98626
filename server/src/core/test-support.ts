/**
 * Test support for the queue engine: a hall (one branch, its services and counters) built as a
 * plain `QueueState`, a fixed clock that only moves when a test moves it, and deterministic ids.
 * Used by the `*.test.ts` files next to it; nothing in the server imports it.
 */
import { applyEvent } from './apply.js';
import type { CommandContext } from './context.js';
import type { Result } from './errors.js';
import type { DomainEvent } from './events.js';
import { type IssueInput, issueTicket } from './issue.js';
import { emptyState, type QueueState } from './state.js';
import { businessDay } from './time.js';
import type {
  Actor,
  Branch,
  Counter,
  CounterState,
  OverdueRule,
  Service,
  Ticket,
  TicketClass,
  WeeklyHours,
} from './types.js';

export const BRANCH_ID = 'b1';
/** Thursday 15 January 2026, 10:00 in Paris (09:00 UTC): a plain winter weekday. */
export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
export const MINUTE = 60_000;

export const everyDay = (open: string, close: string): WeeklyHours => ({
  1: [{ open, close }],
  2: [{ open, close }],
  3: [{ open, close }],
  4: [{ open, close }],
  5: [{ open, close }],
  6: [{ open, close }],
  7: [{ open, close }],
});

export function makeBranch(overrides: Partial<Branch> = {}): Branch {
  return {
    id: BRANCH_ID,
    name: { 'zh-CN': '测试大厅', en: 'Test hall' },
    timezone: 'Europe/Paris',
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    hours: everyDay('08:00', '18:00'),
    exceptions: [],
    issueCutoffMinutes: 15,
    noShowAfterRecalls: 2,
    reinstatePlacesBack: 3,
    ewtSampleSize: 20,
    ...overrides,
  };
}

export function makeService(id: string, prefix: string, overrides: Partial<Service> = {}): Service {
  return {
    id,
    branchId: BRANCH_ID,
    prefix,
    name: { 'zh-CN': `业务${prefix}`, en: `Service ${prefix}` },
    dailyCap: null,
    perPersonDailyLimit: null,
    targetWaitMinutes: 15,
    defaultServiceMinutes: 5,
    suspended: false,
    suspendedReason: null,
    allowPriority: true,
    requiresPersonId: false,
    sortOrder: prefix.charCodeAt(0),
    ...overrides,
  };
}

export interface CounterSpec {
  id: string;
  number: number;
  /** serviceId → level (1 is served first). */
  levels: Record<string, number>;
  rules?: OverdueRule[];
  state?: CounterState;
}

export function makeCounter(spec: CounterSpec): Counter {
  const state = spec.state ?? 'idle';
  return {
    id: spec.id,
    branchId: BRANCH_ID,
    number: spec.number,
    name: { 'zh-CN': `${spec.number}号窗口`, en: `Counter ${spec.number}` },
    profile: {
      services: Object.entries(spec.levels).map(([serviceId, level]) => ({ serviceId, level })),
      rules: spec.rules ?? [],
    },
    state,
    pauseReason: state === 'paused' ? 'break' : null,
    currentTicketId: null,
    clerkId: state === 'closed' ? null : `clerk-${spec.id}`,
    stateSince: 0,
  };
}

/** A command context whose clock is set by the test and whose ids are T1, T2, … */
export interface TestContext extends CommandContext {
  now: number;
  actor: Actor;
}

export function makeContext(now: number, actor: Actor = { kind: 'user', id: 'clerk' }): TestContext {
  let ids = 0;
  let secrets = 0;
  return {
    now,
    actor,
    newId: () => `T${++ids}`,
    newSecret: () => `secret-${++secrets}`,
  };
}

export interface HallSpec {
  branch?: Partial<Branch>;
  services?: Service[];
  counters?: CounterSpec[];
  now?: number;
}

/** Two services (A, B) and two idle counters: 1 serves A first then B, 2 serves B first then A. */
export const DEFAULT_SERVICES = (): Service[] => [makeService('A', 'A'), makeService('B', 'B')];
export const DEFAULT_COUNTERS = (): CounterSpec[] => [
  { id: 'c1', number: 1, levels: { A: 1, B: 2 } },
  { id: 'c2', number: 2, levels: { B: 1, A: 2 } },
];

export class Hall {
  readonly state: QueueState;
  readonly ctx: TestContext;
  /** Every event applied so far, in order. */
  readonly log: DomainEvent[] = [];

  constructor(spec: HallSpec = {}) {
    const branch = makeBranch(spec.branch);
    this.state = emptyState();
    this.state.branches.set(branch.id, branch);
    for (const s of spec.services ?? DEFAULT_SERVICES()) this.state.services.set(s.id, { ...s });
    for (const c of spec.counters ?? DEFAULT_COUNTERS()) this.state.counters.set(c.id, makeCounter(c));
    this.ctx = makeContext(spec.now ?? T0);
    this.state.currentDay.set(branch.id, businessDay(this.ctx.now, branch.timezone));
  }

  get branch(): Branch {
    return this.state.branches.get(BRANCH_ID)!;
  }
  get now(): number {
    return this.ctx.now;
  }
  setNow(instant: number): this {
    this.ctx.now = instant;
    return this;
  }
  advance(minutes: number): this {
    this.ctx.now += minutes * MINUTE;
    return this;
  }

  counter(id: string): Counter {
    const c = this.state.counters.get(id);
    if (!c) throw new Error(`no counter ${id}`);
    return c;
  }
  ticket(id: string): Ticket {
    const t = this.state.tickets.get(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }
  service(id: string): Service {
    const s = this.state.services.get(id);
    if (!s) throw new Error(`no service ${id}`);
    return s;
  }

  apply(events: readonly DomainEvent[]): void {
    for (const e of events) {
      applyEvent(this.state, e);
      this.log.push(e);
    }
  }

  /** Applies a successful command's events and returns its data; throws with the code on a refusal. */
  commit<T extends { events: DomainEvent[] } | DomainEvent[]>(result: Result<T>): T {
    if (!result.ok) throw new Error(`unexpected refusal ${result.error.code}: ${result.error.message}`);
    this.apply(Array.isArray(result.data) ? result.data : result.data.events);
    return result.data;
  }

  /** Issues a ticket now and returns it as it stands in the state. */
  issue(serviceId: string, ticketClass: TicketClass = 'normal', extra: Partial<IssueInput> = {}): Ticket {
    const issued = this.commit(
      issueTicket(this.state, { branchId: BRANCH_ID, serviceId, ticketClass, ...extra }, this.ctx),
    );
    return this.ticket(issued.ticket.id);
  }

  /** Issues a ticket and moves the clock on by `gapMinutes` so the next one is strictly later. */
  issueThen(serviceId: string, gapMinutes = 1, ticketClass: TicketClass = 'normal'): Ticket {
    const t = this.issue(serviceId, ticketClass);
    this.advance(gapMinutes);
    return t;
  }
}

/** The error code of a refused command, or 'ok'. */
export const codeOf = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code);
