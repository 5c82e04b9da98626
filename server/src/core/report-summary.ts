import type { Leg } from './legs.js';
import { segmentStats, serviceLevel } from './stats.js';
import { localParts } from './time.js';

/**
 * Report rows for any grouping, computed from ticket legs (see legs.ts) the way the hall KPIs
 * define them. Pure: the read side gathers the legs, targets and ratings; this adds them up.
 *
 * Grouping:
 * - `day`, `hour`, `weekday-hour`: by when the ticket was issued (branch time); each ticket
 *   counts once in `issued`, and every one of its legs feeds the waits.
 * - `service`: by leg, so a transferred ticket counts in each service it went through;
 *   `issued` there is the legs that began in the service (issued to it or transferred in); a
 *   no-show that was reinstated is not an outcome there, the ticket went on.
 * - `counter`, `clerk`: by the legs called there / by them; `issued` is those legs, and a
 *   no-show they marked counts even if the ticket was reinstated later.
 */
export type GroupBy = 'day' | 'hour' | 'weekday-hour' | 'service' | 'counter' | 'clerk';

export interface TicketFacts {
  ticketId: string;
  issuedAt: number;
  legs: readonly Leg[];
  /** The rating of the ticket's service: 1–5, null = recorded as not rated, undefined = none yet. */
  rating?: number | null;
}

export interface SummaryRow {
  key: string;
  issued: number;
  served: number;
  noShow: number;
  abandoned: number;
  transferred: number;
  waitMeanSeconds: number | null;
  waitMedianSeconds: number | null;
  waitP90Seconds: number | null;
  waitMaxSeconds: number | null;
  handleMeanSeconds: number | null;
  slaPercent: number | null;
  ratings: { count: number; byLevel: Record<1 | 2 | 3 | 4 | 5, number>; bad: number; notRated: number };
  excluded: { wait: number; handle: number };
}

const SERVED = new Set(['served', 'served_incomplete', 'referred']);
const ABANDONED = new Set(['cancelled_by_holder', 'cancelled_by_staff', 'reset']);

interface Acc {
  tickets: Set<string>;
  legs: Leg[];
  /** Legs whose end is an outcome: a ticket's last leg, or each leg by service/counter/clerk. */
  outcomes: Leg[];
  rated: (number | null)[];
}

const emptyAcc = (): Acc => ({ tickets: new Set(), legs: [], outcomes: [], rated: [] });

/** A no-show that was reinstated is not an outcome: the ticket went on. */
const endsWithOutcome = (legs: readonly Leg[], i: number) => legs[i + 1]?.origin !== 'reinstate';

/** `targetSeconds(serviceId, at)` is the target in force for that service at that time. */
export function summarize(
  tickets: readonly TicketFacts[],
  by: GroupBy,
  timezone: string,
  targetSeconds: (serviceId: string, at: number) => number,
): { rows: SummaryRow[]; totals: SummaryRow } {
  const groups = new Map<string, Acc>();
  const all = emptyAcc();
  const acc = (key: string) => {
    const a = groups.get(key) ?? emptyAcc();
    groups.set(key, a);
    return a;
  };
  for (const t of tickets) {
    const last = t.legs.at(-1);
    all.tickets.add(t.ticketId);
    all.legs.push(...t.legs);
    if (last) all.outcomes.push(last);
    const ratedLeg = t.rating === undefined ? undefined : t.legs.findLast((l) => SERVED.has(l.end));
    if (ratedLeg) all.rated.push(t.rating ?? null);
    if (by === 'day' || by === 'hour' || by === 'weekday-hour') {
      const a = acc(timeKey(t.issuedAt, by, timezone));
      a.tickets.add(t.ticketId);
      a.legs.push(...t.legs);
      if (last) a.outcomes.push(last);
      if (ratedLeg) a.rated.push(t.rating ?? null);
      continue;
    }
    for (const [i, leg] of t.legs.entries()) {
      const key = by === 'service' ? leg.serviceId : by === 'counter' ? leg.counterId : leg.clerkId;
      if (key === null) continue; // never called: no counter or clerk to put it on
      const a = acc(key);
      if (by !== 'service' || leg.origin !== 'reinstate') a.tickets.add(`${leg.ticketId}#${leg.index}`);
      a.legs.push(leg);
      // A counter and a clerk are measured on what they did, a no-show they marked included.
      if (by !== 'service' || endsWithOutcome(t.legs, i)) a.outcomes.push(leg);
      if (leg === ratedLeg) a.rated.push(t.rating ?? null);
    }
  }
  const rows = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, a]) => row(key, a, targetSeconds));
  return { rows, totals: row('total', all, targetSeconds) };
}

function timeKey(at: number, by: 'day' | 'hour' | 'weekday-hour', timezone: string): string {
  const p = localParts(at, timezone);
  const hour = String(Math.floor(p.minuteOfDay / 60)).padStart(2, '0');
  if (by === 'day') return p.date;
  if (by === 'hour') return hour;
  return `${p.weekday}-${hour}`;
}

function row(key: string, a: Acc, targetSeconds: (serviceId: string, at: number) => number): SummaryRow {
  const count = (set: Set<string>) => a.outcomes.filter((l) => set.has(l.end)).length;
  const waits = a.legs.filter((l) => l.calledAt !== null).map((l) => l.waitSeconds);
  const handles = a.legs
    .filter((l) => SERVED.has(l.end) || l.end === 'transferred')
    .map((l) => l.handleSeconds);
  const wait = segmentStats(waits);
  const handle = segmentStats(handles);
  const sla = serviceLevel(
    a.legs.map((l) => ({
      waitSeconds: l.calledAt === null ? null : l.waitSeconds,
      uncalledWaitSeconds:
        l.calledAt === null && ABANDONED.has(l.end) && l.endedAt !== null
          ? Math.round((l.endedAt - l.startedAt) / 1000)
          : null,
      targetSeconds: targetSeconds(l.serviceId, l.startedAt),
    })),
  );
  const byLevel = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let notRated = 0;
  for (const r of a.rated) {
    if (r === null) notRated++;
    else byLevel[r as 1 | 2 | 3 | 4 | 5]++;
  }
  return {
    key,
    issued: a.tickets.size,
    served: count(SERVED),
    noShow: a.outcomes.filter((l) => l.end === 'no_show').length,
    abandoned: count(ABANDONED),
    transferred: a.legs.filter((l) => l.end === 'transferred').length,
    waitMeanSeconds: wait.mean,
    waitMedianSeconds: wait.median,
    waitP90Seconds: wait.p90,
    waitMaxSeconds: wait.max,
    handleMeanSeconds: handle.mean,
    slaPercent: sla.percent,
    ratings: { count: a.rated.length - notRated, byLevel, bad: byLevel[1] + byLevel[2], notRated },
    excluded: { wait: wait.excluded, handle: handle.excluded },
  };
}
