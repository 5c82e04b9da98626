/**
 * The call order is walked without describing it and regrouped by level in linear time, and one
 * simulation answers every waiting ticket's estimate at once. These properties hold them to the
 * plain definition, written here as server/README.md states the rules: each counter's eligible
 * tickets sorted by rank, then by phase (transfers to the counter, priority classes by level,
 * overdue heads, the rest by level), on every state random halls reach.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHall, hallArb, opsArb, run } from './random-hall.js';
import { byRank, eligibleFor, levelMap, orderFor } from './routing.js';
import { allWaiting, type QueueState } from './state.js';
import type { CallRule, Counter, Ticket } from './types.js';
import { NO_COUNTER_OPEN, simulateWait, simulateWith, waitEstimates } from './wait-simulation.js';

/** The order by the definition: sorts with comparators, nothing shared between counters. */
function plainOrder(state: QueueState, counter: Counter, now: number): { ticket: Ticket; rule: CallRule }[] {
  const levels = levelMap(counter);
  const level = (t: Ticket) => levels.get(t.serviceId) ?? 99;
  const eligible = eligibleFor(state, counter).sort(byRank);
  const out: { ticket: Ticket; rule: CallRule }[] = [];
  const taken = new Set<string>();
  const take = (ticket: Ticket, rule: CallRule) => {
    taken.add(ticket.id);
    out.push({ ticket, rule });
  };
  for (const t of eligible) if (t.targetCounterId === counter.id) take(t, 'counter_transfer');
  const byLevelThenRank = (a: Ticket, b: Ticket) => level(a) - level(b) || byRank(a, b);
  const priority = eligible.filter((t) => !taken.has(t.id) && t.ticketClass !== 'normal');
  for (const t of priority.sort(byLevelThenRank)) take(t, 'priority_class');
  for (const rule of counter.profile.rules) {
    if (!levels.has(rule.serviceId)) continue;
    for (const t of eligible) {
      if (taken.has(t.id) || t.serviceId !== rule.serviceId) continue;
      if (Math.floor((now - t.queuedAt) / 60_000) < rule.minutes) break;
      take(t, 'overdue_rule');
    }
  }
  for (const t of eligible.filter((t) => !taken.has(t.id)).sort(byLevelThenRank)) take(t, 'level_fifo');
  return out;
}

/** The state as routing reads it, with the target among the waiting tickets (a copy). */
function withTicket(state: QueueState, t: Ticket): QueueState {
  if (state.waitingIn.get(t.id) === t.serviceId) return state;
  const waiting = new Map(state.waiting);
  const queue = new Map(waiting.get(t.serviceId) ?? []);
  queue.set(t.id, t);
  waiting.set(t.serviceId, queue);
  return { ...state, waiting };
}

/** The simulation with every lane's order computed the plain way, on the state with the target indexed. */
const plainSimulation =
  (state: QueueState, now: number) =>
  (target: Ticket) =>
  (c: Counter): Ticket[] =>
    plainOrder(withTicket(state, target), c, now).map((p) => p.ticket);

/** Tickets about to be issued: after everyone, and one that ties with a waiting ticket of another service. */
function wouldBe(state: QueueState, serviceId: string, now: number): Ticket[] {
  const base = {
    id: 'would-be',
    branchId: state.services.get(serviceId)!.branchId,
    serviceId,
    issuedServiceId: serviceId,
    status: 'waiting',
    rank: now,
    issuedAt: now,
    queuedAt: now,
    seq: 1_000,
    targetCounterId: null,
  } as unknown as Ticket;
  const out = [
    { ...base, ticketClass: 'normal' },
    { ...base, id: 'would-be-priority', ticketClass: 'priority' },
  ] as Ticket[];
  const other = [...allWaiting(state)].find((t) => t.serviceId !== serviceId);
  if (other) {
    const tie = { rank: other.rank, issuedAt: other.issuedAt, seq: other.seq };
    out.push({ ...base, id: 'would-be-tie', ticketClass: 'normal', ...tie } as Ticket);
  }
  return out;
}

function expectSameAsPlain(state: QueueState, now: number, where: string): void {
  for (const c of state.counters.values()) {
    const fast = orderFor(state, c, now).map((p) => `${p.ticket.id}:${p.rule}`);
    const plain = plainOrder(state, c, now).map((p) => `${p.ticket.id}:${p.rule}`);
    expect(fast, `${where}: order of ${c.id}`).toEqual(plain);
  }
  for (const s of state.services.values()) {
    const targets = [undefined, ...[...allWaiting(state)].filter((t) => t.serviceId === s.id)];
    targets.push(...wouldBe(state, s.id, now));
    for (const t of targets) {
      expect(simulateWait(state, s, now, t), `${where}: estimate of ${t?.id ?? `the next ${s.id}`}`).toEqual(
        simulateWith(state, s, now, t, plainSimulation(state, now)),
      );
    }
  }
  // One run for every waiting ticket gives each the estimate of its own simulation.
  for (const branchId of state.branches.keys()) {
    const all = waitEstimates(state, branchId, now);
    for (const t of allWaiting(state)) {
      if (t.branchId !== branchId) continue;
      const own = simulateWait(state, state.services.get(t.serviceId)!, now, t);
      expect(all.get(t.id) ?? NO_COUNTER_OPEN, `${where}: ${t.id} among all`).toEqual(own);
    }
  }
}

describe('the fast call order and wait simulation', () => {
  it('agree with the plain definition on every state random halls reach, for waiting, next and would-be tickets', () => {
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        run(hall, ops, { onEvent: (s, e) => expectSameAsPlain(s, hall.ctx.now, `after ${e.type}`) });
      }),
      { numRuns: 100 },
    );
  });

  it('describe each place with its rule as the console shows it', () => {
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        run(hall, ops);
        for (const c of hall.state.counters.values()) {
          const levels = levelMap(c);
          for (const p of orderFor(hall.state, c, hall.ctx.now)) {
            const level = levels.get(p.ticket.serviceId);
            const waited = Math.floor((hall.ctx.now - p.ticket.queuedAt) / 60_000);
            const expected = {
              counter_transfer: `transferred to counter ${c.number}`,
              priority_class: `${p.ticket.ticketClass} ticket, level ${level}`,
              overdue_rule: new RegExp(`^waited ${waited} min, over the \\d+ min rule$`),
              level_fifo: `level ${level}, longest waiting`,
            }[p.rule as 'level_fifo'];
            expect(p.detail).toMatch(expected);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
