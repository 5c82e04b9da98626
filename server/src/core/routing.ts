import { allWaiting, type QueueState, waitingIn } from './state.js';
import type { CallRule, Counter, Ticket } from './types.js';

/**
 * Which ticket a counter calls next. The order, documented in server/README.md, is:
 *
 *  1. counter_transfer — a ticket transferred to this very counter, longest-queued first;
 *  2. priority_class   — priority and appointment tickets of the counter's services,
 *                        by the counter's level for their service, then longest-queued;
 *  3. overdue_rule     — the counter's rules in order: "serve queue X first when its oldest
 *                        ticket has waited more than N minutes";
 *  4. level_fifo       — the lowest level that has waiting tickets, longest-queued first.
 *
 * "Longest-queued" means smallest rank: the rank is the issue time for a new ticket and is
 * moved by transfers (first / last / by arrival) and by reinstating a no-show.
 */
export interface Pick {
  ticket: Ticket;
  rule: CallRule;
  detail: string;
}

const isPriorityClass = (t: Ticket): boolean => t.ticketClass !== 'normal';
/**
 * Whether a waiting ticket waits for any counter of its service: it was never sent to one
 * counter, or the counter it was sent to has closed (it is not stranded there).
 */
export function waitsForService(state: QueueState, t: Ticket): boolean {
  return t.targetCounterId === null || state.counters.get(t.targetCounterId)?.state === 'closed';
}
export const byRank = (a: Ticket, b: Ticket): number =>
  a.rank - b.rank || a.issuedAt - b.issuedAt || a.seq - b.seq;

/** Waiting tickets a counter may call, whatever the order. */
export function eligibleFor(state: QueueState, counter: Counter): Ticket[] {
  const levels = levelMap(counter);
  const out: Ticket[] = [];
  for (const t of allWaiting(state)) {
    if (t.branchId !== counter.branchId) continue;
    if (t.targetCounterId === counter.id) out.push(t);
    // A ticket sent to a counter that has since closed is not stranded: it waits in its
    // service's queue again, for any counter that serves it.
    else if (levels.has(t.serviceId) && waitsForService(state, t)) out.push(t);
  }
  return out;
}

export function pickNext(state: QueueState, counter: Counter, now: number): Pick | null {
  return orderFor(state, counter, now, 1)[0] ?? null;
}

/** Visits one place of a counter's order: the ticket and its rule; returns true to stop. */
export type OrderVisit = (ticket: Ticket, rule: CallRule, ruleMinutes: number) => boolean;

/**
 * Walks a counter's call order, rule by rule, without describing it: the wait simulation walks
 * every open counter's whole order for each estimate.
 */
export function walkOrder(state: QueueState, counter: Counter, now: number, visit: OrderVisit): void {
  const levels = levelMap(counter);
  // Each service's queue is in rank order but for transfers and reinstated no-shows: the sort
  // merges those runs.
  const eligible = eligibleFor(state, counter).sort(byRank);
  const taken = new Set<string>();
  const take = (t: Ticket, rule: CallRule, minutes = 0): boolean => {
    taken.add(t.id);
    return visit(t, rule, minutes);
  };
  for (const t of eligible) {
    if (t.targetCounterId === counter.id && take(t, 'counter_transfer')) return;
  }
  for (const t of byLevel(
    eligible.filter((t) => !taken.has(t.id) && isPriorityClass(t)),
    levels,
  )) {
    if (take(t, 'priority_class')) return;
  }
  // Overdue rules apply to the head of their queue only: once it is taken, the next head is
  // checked again against the rule, as a fresh call would.
  for (const rule of counter.profile.rules) {
    if (!levels.has(rule.serviceId)) continue;
    for (const t of eligible) {
      if (taken.has(t.id) || t.serviceId !== rule.serviceId) continue;
      if (Math.floor((now - t.queuedAt) / 60_000) < rule.minutes) break;
      if (take(t, 'overdue_rule', rule.minutes)) return;
    }
  }
  for (const t of byLevel(
    eligible.filter((t) => !taken.has(t.id)),
    levels,
  )) {
    if (take(t, 'level_fifo')) return;
  }
}

/**
 * Tickets in rank order regrouped by the counter's level for their service (a service it does
 * not serve counts as level 99): the same order as a stable sort by level then rank, in linear
 * time.
 */
function byLevel(ranked: Ticket[], levels: ReadonlyMap<string, number>): Ticket[] {
  const groups = new Map<number, Ticket[]>();
  for (const t of ranked) {
    const level = levels.get(t.serviceId) ?? 99;
    const group = groups.get(level);
    if (group) group.push(t);
    else groups.set(level, [t]);
  }
  if (groups.size <= 1) return ranked;
  return [...groups.keys()].sort((a, b) => a - b).flatMap((level) => groups.get(level)!);
}

/** The whole call order for a counter (what its console lists), each with the rule that places it. */
export function orderFor(
  state: QueueState,
  counter: Counter,
  now: number,
  limit = Number.POSITIVE_INFINITY,
): Pick[] {
  const picks: Pick[] = [];
  const levels = levelMap(counter);
  walkOrder(state, counter, now, (ticket, rule, minutes) => {
    const detail = describe(ticket, rule, minutes, levels.get(ticket.serviceId), counter.number, now);
    picks.push({ ticket, rule, detail });
    return picks.length >= limit;
  });
  return picks;
}

function describe(
  t: Ticket,
  rule: CallRule,
  minutes: number,
  level: number | undefined,
  counterNumber: number,
  now: number,
): string {
  switch (rule) {
    case 'counter_transfer':
      return `transferred to counter ${counterNumber}`;
    case 'priority_class':
      return `${t.ticketClass} ticket, level ${level}`;
    case 'overdue_rule':
      return `waited ${Math.floor((now - t.queuedAt) / 60_000)} min, over the ${minutes} min rule`;
    default:
      return `level ${level}, longest waiting`;
  }
}

/** People ahead of a waiting ticket in its own queue: same service, called before it by class and rank. */
export function aheadOf(state: QueueState, ticket: Ticket): number {
  if (ticket.status !== 'waiting') return 0;
  let ahead = 0;
  const mine = isPriorityClass(ticket);
  // A new ticket ranked at or after every ticket of its queue (the usual issue): everyone of its
  // class, and every priority ticket, is ahead. Counted, not scanned.
  const stats = state.waitingStats.get(ticket.serviceId);
  if (!state.waitingIn.has(ticket.id) && (!stats || ticket.rank >= stats.maxRank)) {
    return stats ? stats.priority + (mine ? 0 : stats.normal) : 0;
  }
  for (const t of waitingIn(state, ticket.serviceId)) {
    if (t.id === ticket.id) continue;
    const theirs = isPriorityClass(t);
    if ((theirs && !mine) || (theirs === mine && byRank(t, ticket) < 0)) ahead++;
  }
  return ahead;
}

export function waitingCount(state: QueueState, serviceId: string): number {
  return state.waiting.get(serviceId)?.size ?? 0;
}

export function levelMap(counter: Counter): Map<string, number> {
  return new Map(counter.profile.services.map((e) => [e.serviceId, e.level]));
}
