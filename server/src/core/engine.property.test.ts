/**
 * Property tests: random halls (2–4 services, 2–4 counters with random work profiles and
 * overdue rules) driven by random command sequences. Every command goes through the engine's
 * decision functions; refusals are allowed, and every event a command returns is applied and
 * checked. The checks hold after every single event, not just after every command.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent } from './apply.js';
import { buildHall, cloneState, hallArb, opsArb, run } from './random-hall.js';
import { levelMap } from './routing.js';
import { type QueueState, sequenceKey } from './state.js';
import { type Counter, type CounterState, TICKET_STATUSES, type Ticket } from './types.js';

/** Queue order inside one queue, as the engine defines it (smaller rank first). */
const before = (a: Ticket, b: Ticket): boolean =>
  a.rank - b.rank < 0 ||
  (a.rank === b.rank && (a.issuedAt - b.issuedAt < 0 || (a.issuedAt === b.issuedAt && a.seq < b.seq)));

// ---------------------------------------------------------------------------------------------
// Invariants

const HOLDING: Record<CounterState, Ticket['status'] | null> = {
  calling: 'called',
  serving: 'serving',
  idle: null,
  paused: null,
  closed: null,
};

/** Every structural invariant of the live state; throws (via expect) on the first broken one. */
function expectConsistent(state: QueueState, where: string): void {
  const holders = new Map<string, string>();
  for (const counter of state.counters.values()) {
    const holds = HOLDING[counter.state];
    if (holds === null) {
      expect(
        counter.currentTicketId,
        `${where}: ${counter.id} is ${counter.state} but holds a ticket`,
      ).toBeNull();
    } else {
      const t = counter.currentTicketId ? state.tickets.get(counter.currentTicketId) : undefined;
      expect(t, `${where}: ${counter.id} is ${counter.state} without a ticket`).toBeDefined();
      expect(t?.status, `${where}: ${counter.id} is ${counter.state}`).toBe(holds);
      expect(t?.counterId, `${where}: ${t?.code} held by ${counter.id} does not point back`).toBe(counter.id);
      expect(holders.get(t?.id ?? ''), `${where}: ${t?.code} is held by two counters`).toBeUndefined();
      holders.set(t?.id ?? '', counter.id);
    }
    if (counter.state === 'paused')
      expect(counter.pauseReason, `${where}: pause without reason`).toBeTruthy();
  }
  for (const t of state.tickets.values()) {
    const label = `${where}: ticket ${t.code} (${t.status})`;
    expect(TICKET_STATUSES).toContain(t.status);
    if (t.status === 'called' || t.status === 'serving') {
      expect(holders.get(t.id), `${label} is held by no counter`).toBe(t.counterId);
      expect(t.calledAt, label).not.toBeNull();
      expect(t.targetCounterId, label).toBeNull();
    }
    if (t.status === 'serving') expect(t.startedAt, label).not.toBeNull();
    if (t.status === 'waiting') {
      expect([t.counterId, t.calledAt, t.finishedAt, t.outcome, t.callCount], label).toEqual([
        null,
        null,
        null,
        null,
        0,
      ]);
    }
    if (t.status === 'parked') expect(t.targetCounterId, label).toBeNull();
    if (t.status === 'done') expect(['served', 'served_incomplete', 'referred'], label).toContain(t.outcome);
    if (t.status === 'no_show') expect(t.outcome, label).toBe('no_show');
    if (t.status === 'cancelled')
      expect(['cancelled_by_holder', 'cancelled_by_staff'], label).toContain(t.outcome);
    if (t.status === 'done' || t.status === 'no_show' || t.status === 'cancelled') {
      expect(t.finishedAt, label).not.toBeNull();
    } else {
      expect(t.outcome, label).toBeNull();
    }
    expect(Number.isFinite(t.rank), label).toBe(true);
  }
}

/** A ticket's number: the service that issued it, the day and the sequence. */
const numberOf = (t: Ticket) => `${sequenceKey(t.originServiceId ?? t.serviceId, t.businessDay)}|${t.seq}`;

const RUNS = { numRuns: 200 };

describe('engine invariants under random command sequences', () => {
  it('every applied event leaves the state consistent: one current ticket per counter, pointing back, never shared', () => {
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        expectConsistent(hall.state, 'initial');
        run(hall, ops, { onEvent: (s, e) => expectConsistent(s, `after ${e.type}`) });
      }),
      RUNS,
    );
  });

  it('no number repeats: (issuing service, business day, seq) and the printed code are unique, and dense from 1', () => {
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        run(hall, ops);
        const tickets = [...hall.state.tickets.values()];
        expect(new Set(tickets.map(numberOf)).size).toBe(tickets.length);
        expect(new Set(tickets.map((t) => `${t.businessDay}|${t.code}`)).size).toBe(tickets.length);
        for (const s of hall.state.services.values()) {
          const seqs = tickets
            .filter((t) => (t.originServiceId ?? t.serviceId) === s.id)
            .map((t) => t.seq)
            .sort((a, b) => a - b);
          expect(seqs).toEqual(seqs.map((_, i) => i + 1));
          expect(hall.state.sequences.get(sequenceKey(s.id, '2026-01-15')) ?? 0).toBe(seqs.length);
        }
      }),
      RUNS,
    );
  });

  it('counts are conserved: every issued ticket is in exactly one status', () => {
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        run(hall, ops);
        const issued = hall.log.filter((e) => e.type === 'ticket.issued').length;
        const byStatus = TICKET_STATUSES.map(
          (st) => [...hall.state.tickets.values()].filter((t) => t.status === st).length,
        );
        expect(byStatus.reduce((a, b) => a + b, 0)).toBe(issued);
        expect(hall.state.tickets.size).toBe(issued);
        const finished = hall.log.filter((e) => e.type === 'ticket.finished').length;
        const reinstated = hall.log.filter((e) => e.type === 'ticket.reinstated').length;
        const noShows = hall.log.filter((e) => e.type === 'ticket.no_show').length;
        const cancels = hall.log.filter((e) => e.type === 'ticket.cancelled').length;
        expect(byStatus[TICKET_STATUSES.indexOf('done')]).toBe(finished);
        expect(byStatus[TICKET_STATUSES.indexOf('no_show')]).toBe(noShows - reinstated);
        expect(byStatus[TICKET_STATUSES.indexOf('cancelled')]).toBe(cancels);
      }),
      RUNS,
    );
  });

  it('per-class FIFO: a level_fifo or priority_class call never passes over a ticket ahead of it in its queue that the counter could call by the same rule', () => {
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        run(hall, ops, {
          onStep: ({ before: s, events }) => {
            const called = events.find((e) => e.type === 'ticket.called');
            if (called?.type !== 'ticket.called' || !called.counterId || !called.ticketId) return;
            if (called.rule !== 'level_fifo' && called.rule !== 'priority_class') return;
            const counter = s.counters.get(called.counterId) as Counter;
            const t = s.tickets.get(called.ticketId) as Ticket;
            const levels = levelMap(counter);
            const priorityClass = called.rule === 'priority_class';
            // Waiting for any counter of its service: never sent to one counter, or sent to one that has closed.
            const free = (u: Ticket) =>
              u.targetCounterId === null || s.counters.get(u.targetCounterId)?.state === 'closed';
            // The called ticket is one the rule covers: free, of a served service, of the rule's class.
            expect(free(t)).toBe(true);
            expect(levels.has(t.serviceId)).toBe(true);
            expect(t.ticketClass !== 'normal').toBe(priorityClass);
            // Same service, same class group, waiting for any counter of the service: none is ahead of it.
            const passedOver = [...s.tickets.values()].filter(
              (u) =>
                u.id !== t.id &&
                u.status === 'waiting' &&
                free(u) &&
                u.serviceId === t.serviceId &&
                (u.ticketClass !== 'normal') === priorityClass &&
                before(u, t),
            );
            expect(
              passedOver.map((u) => u.code),
              `${counter.id} called ${t.code} by ${called.rule}`,
            ).toEqual([]);
            // And by the level: no waiting ticket of the same class group sits in a better-level queue.
            const level = levels.get(t.serviceId)!;
            if (!priorityClass) {
              const better = [...s.tickets.values()].filter(
                (u) =>
                  u.status === 'waiting' &&
                  free(u) &&
                  u.ticketClass === 'normal' &&
                  (levels.get(u.serviceId) ?? Number.POSITIVE_INFINITY) < level,
              );
              expect(
                better.map((u) => u.code),
                `${counter.id} called ${t.code} at level ${level}`,
              ).toEqual([]);
            }
          },
        });
      }),
      RUNS,
    );
  });

  it('commands only decide: the state changes through their events alone, and replaying the log rebuilds it', () => {
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        const initial = cloneState(hall.state);
        run(hall, ops, {
          afterDecide: (pre, post, op) => {
            expect(fingerprint(post), `${op.op} changed the state by itself`).toEqual(fingerprint(pre));
          },
        });
        const replayed = cloneState(initial);
        for (const e of hall.log) applyEvent(replayed, e);
        expect(fingerprint(replayed)).toEqual(fingerprint(hall.state));
      }),
      { numRuns: 100 },
    );
  });
});

function fingerprint(s: QueueState) {
  return {
    tickets: [...s.tickets.values()].sort((a, b) => a.id.localeCompare(b.id)),
    counters: [...s.counters.values()].sort((a, b) => a.id.localeCompare(b.id)),
    sequences: [...s.sequences.entries()].sort(),
    durations: [...s.serviceDurations.entries()].sort(),
  };
}

// Sanity check that the generator reaches the interesting states at all (else the properties are vacuous).
describe('the random command generator', () => {
  it('reaches calls by every automatic rule, transfers, reinstates, callbacks and auto no-shows', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(hallArb, opsArb, (cfg, ops) => {
        const hall = buildHall(cfg);
        run(hall, ops);
        for (const e of hall.log) seen.add(e.type === 'ticket.called' ? `called:${e.rule}` : e.type);
        for (const e of hall.log) if (e.type === 'ticket.no_show' && e.auto) seen.add('auto no-show');
      }),
      { numRuns: 200, seed: 42 },
    );
    for (const kind of [
      'called:counter_transfer',
      'called:priority_class',
      'called:overdue_rule',
      'called:level_fifo',
      'called:manual',
      'called:callback',
      'ticket.transferred',
      'ticket.reinstated',
      'ticket.cancelled',
      'ticket.finished',
      'counter.paused',
      'counter.closed',
      'auto no-show',
    ]) {
      expect(seen, kind).toContain(kind);
    }
  });
});
