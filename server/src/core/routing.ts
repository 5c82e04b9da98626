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
 * Tickets sent to a counter in rank order. A tie keeps the order of the waiting index (queue by
 * queue, in the order the queues were made; within a queue, `sentWaiting` has the same order),
 * where one sort of every eligible ticket would leave it.
 */
function sentInRankOrder(state: QueueState, sent: Ticket[]): Ticket[] {
  let queues: string[] | null = null;
  const queueAt = (serviceId: string) => {
    queues ??= [...state.waiting.keys()];
    const at = queues.indexOf(serviceId);
    return at < 0 ? queues.length : at;
  };
  return sent.sort(
    (a, b) => byRank(a, b) || (a.serviceId === b.serviceId ? 0 : queueAt(a.serviceId) - queueAt(b.serviceId)),
  );
}

const isIndexed = (state: QueueState, t: Ticket): boolean => state.waitingIn.get(t.id) === t.serviceId;
const sentHere = (t: Ticket, counter: Counter): boolean =>
  t.targetCounterId === counter.id && t.branchId === counter.branchId;

/**
 * Walks a counter's call order, rule by rule, without describing it: the wait simulation walks
 * every open counter's whole order for each estimate, so the walk reads only the queues of the
 * services the counter serves (and the tickets sent to it, `sentWaiting`) and sorts each queue on
 * its own. The order is the one `eligibleFor` sorted by rank gives (call-order.property.test.ts holds it to
 * that definition), ties kept in the waiting index's order.
 */
export function walkOrder(
  state: QueueState,
  counter: Counter,
  now: number,
  visit: OrderVisit,
  extraTicket?: Ticket,
): void {
  const levels = levelMap(counter);
  // A waiting ticket not in the state yet (one about to be issued, the simulation's target).
  const extra = extraTicket && !isIndexed(state, extraTicket) ? extraTicket : undefined;
  const transferred: Ticket[] = [];
  for (const t of state.sentWaiting.values()) if (sentHere(t, counter)) transferred.push(t);
  if (extra && sentHere(extra, counter)) transferred.push(extra);
  // Each served service's tickets that wait for it, in rank order (a queue is in rank order but
  // for transfers and reinstated no-shows: the sort puts those in place). The extra ticket joins
  // the end of its service's queue, or a queue of its own after all others, as the index would.
  const queues: { serviceId: string; level: number; tickets: Ticket[] }[] = [];
  const served = (serviceId: string, tickets: Iterable<Ticket>, withExtra: boolean) => {
    const level = levels.get(serviceId);
    if (level === undefined) return;
    const list: Ticket[] = [];
    for (const t of tickets) if (t.targetCounterId !== counter.id && waitsForService(state, t)) list.push(t);
    if (withExtra && extra!.targetCounterId !== counter.id && waitsForService(state, extra!))
      list.push(extra!);
    if (list.length) queues.push({ serviceId, level, tickets: inRankOrder(list) });
  };
  for (const [serviceId, queue] of state.waiting)
    served(serviceId, queue.values(), extra?.serviceId === serviceId);
  if (extra && !state.waiting.has(extra.serviceId)) served(extra.serviceId, [], true);

  const taken = new Set<Ticket>();
  const take = (t: Ticket, rule: CallRule, minutes = 0): boolean => {
    taken.add(t);
    return visit(t, rule, minutes);
  };
  for (const t of sentInRankOrder(state, transferred)) if (take(t, 'counter_transfer')) return;
  const priority = queues.map((q) => ({ ...q, tickets: q.tickets.filter(isPriorityClass) }));
  if (eachByLevel(priority, (t) => take(t, 'priority_class'))) return;
  // Overdue rules apply to the head of their queue only: once it is taken, the next head is
  // checked again against the rule, as a fresh call would.
  for (const rule of counter.profile.rules) {
    const queue = queues.find((q) => q.serviceId === rule.serviceId);
    for (const t of queue?.tickets ?? []) {
      if (taken.has(t)) continue;
      if (Math.floor((now - t.queuedAt) / 60_000) < rule.minutes) break;
      if (take(t, 'overdue_rule', rule.minutes)) return;
    }
  }
  // The last phase: what it visits need not be remembered.
  const rest = taken.size
    ? queues.map((q) => ({ ...q, tickets: q.tickets.filter((t) => !taken.has(t)) }))
    : queues;
  eachByLevel(rest, (t) => visit(t, 'level_fifo', 0));
}

/** The tickets in rank order: as they are when they already are (a queue mostly is). */
function inRankOrder(tickets: Ticket[]): Ticket[] {
  for (let i = 1; i < tickets.length; i++)
    if (byRank(tickets[i - 1]!, tickets[i]!) > 0) return tickets.sort(byRank);
  return tickets;
}

/**
 * Visits the queues' tickets level by level (lowest first), each level's in rank order: one
 * queue's tickets as they are, several merged, a tie going to the earlier queue (where one
 * stable sort of every eligible ticket would leave it). Stops when `fn` returns true (and
 * answers true): the wait simulation reads only the first places of a long order.
 */
function eachByLevel(
  queues: readonly { level: number; tickets: readonly Ticket[] }[],
  fn: (t: Ticket) => boolean,
): boolean {
  const levels = [...new Set(queues.map((q) => q.level))].sort((a, b) => a - b);
  for (const level of levels) {
    const of = queues.filter((q) => q.level === level && q.tickets.length > 0).map((q) => q.tickets);
    if (of.length === 1) {
      for (const t of of[0]!) if (fn(t)) return true;
    } else if (of.length > 1 && merge(of, fn)) return true;
  }
  return false;
}

/** Visits rank-ordered lists merged; of equal tickets, the earlier list's first. True: `fn` stopped it. */
function merge(lists: readonly (readonly Ticket[])[], fn: (t: Ticket) => boolean): boolean {
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const t = lists[i]![at[i]!];
      if (t !== undefined && (best < 0 || byRank(t, lists[best]![at[best]!]!) < 0)) best = i;
    }
    if (best < 0) return false;
    if (fn(lists[best]![at[best]!++]!)) return true;
  }
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
