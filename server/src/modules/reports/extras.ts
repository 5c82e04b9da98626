import type { AccuracyRow } from '../../core/estimate-accuracy.js';
import type { DomainEvent } from '../../core/events.js';
import type { Leg } from '../../core/legs.js';
import { type Interval, type StaffTime, staffTime } from '../../core/staff-time.js';
import { localParts } from '../../core/time.js';
import { entry } from './cells.js';
import type { TicketDetail } from './day-facts.js';

/**
 * The two other additive figures of a day: the estimate's accuracy (per service and per hour of
 * issue, as core/estimate-accuracy.ts defines it) and staff time per clerk and counter (as
 * core/staff-time.ts defines it). Both merge across days by plain sums.
 */
const ACC = 7; // n, absolute error sum (s), error sum (s), within ±5 min, ranged, in range, rows

export function addEstimates(cells: Map<string, Float64Array>, tickets: readonly TicketDetail[], tz: string) {
  for (const { row, legs } of tickets) {
    const hour = String(Math.floor(localParts(row.issuedAt, tz).minuteOfDay / 60)).padStart(2, '0');
    const first = legs[0];
    const actual = first?.calledAt == null ? null : first.waitSeconds;
    for (const key of [`est-service|${row.serviceId}`, `est-hour|${hour}`]) {
      const c = entry(cells, key, emptyAccuracy);
      c[6]! += 1;
      const promised = row.estimatedWaitAtIssue;
      if (promised === null || actual === null || actual < 0 || actual > 4 * 3600) continue;
      // Estimates are whole minutes and waits whole seconds: the sums stay exact integers.
      const errorSeconds = actual - promised * 60;
      c[0]! += 1;
      c[1]! += Math.abs(errorSeconds);
      c[2]! += errorSeconds;
      if (Math.abs(actual / 60 - promised) <= 5) c[3]! += 1;
    }
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function accuracyRowOf(key: string, c: Float64Array): AccuracyRow {
  const [n, abs, sum, within5, ranged, inRange, rows] = c;
  return {
    key,
    n: n!,
    meanAbsoluteErrorMinutes: n ? round1(abs! / 60 / n) : null,
    biasMinutes: n ? round1(sum! / 60 / n) : null,
    within5MinutesPercent: n ? round1((within5! / n) * 100) : null,
    // The promised range is not stored with the ticket yet (only the point estimate).
    inRangePercent: ranged ? round1((inRange! / ranged!) * 100) : null,
    excluded: rows! - n!,
  };
}

export const addInto = (a: Float64Array, b: Float64Array) => {
  for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
};
export const emptyAccuracy = () => new Float64Array(ACC);

export interface StaffCell extends Omit<StaffTime, 'utilisationPercent'> {
  clerkId: string;
  counterId: string;
}

interface Session {
  clerkId: string;
  span: [number, number];
}

/**
 * Sessions (counter.opened → closed) and pauses (counter.paused → resumed or closed, with the
 * pause's reason) of each counter inside [start, end); a span still open at `end` is cut
 * there. A counter already open when the window began has no known clerk and is left out.
 */
function timelines(events: readonly DomainEvent[], start: number, end: number) {
  const sessions = new Map<string, Session[]>();
  const pauses = new Map<string, { span: Interval; reason: string }[]>();
  const open = new Map<string, Session>();
  const paused = new Map<string, { at: number; reason: string }>();
  const endPause = (counterId: string, at: number) => {
    const p = paused.get(counterId);
    if (!p) return;
    paused.delete(counterId);
    const list = pauses.get(counterId) ?? [];
    list.push({ span: [p.at, at], reason: p.reason });
    pauses.set(counterId, list);
  };
  const endSession = (counterId: string, at: number) => {
    const s = open.get(counterId);
    if (!s) return;
    open.delete(counterId);
    s.span[1] = at;
    sessions.set(counterId, [...(sessions.get(counterId) ?? []), s]);
  };
  for (const e of events) {
    const c = e.counterId;
    if (c === null) continue;
    if (e.type === 'counter.opened') {
      endPause(c, e.at);
      endSession(c, e.at);
      open.set(c, { clerkId: e.clerkId ?? e.actor.id, span: [e.at, e.at] });
    } else if (e.type === 'counter.closed') {
      endPause(c, e.at);
      endSession(c, e.at);
    } else if (e.type === 'counter.paused') {
      paused.set(c, { at: e.at, reason: e.reason ?? 'unspecified' });
    } else if (e.type === 'counter.resumed') endPause(c, e.at);
  }
  for (const c of [...paused.keys()]) endPause(c, end);
  for (const c of [...open.keys()]) endSession(c, end);
  for (const list of sessions.values()) for (const s of list) s.span[0] = Math.max(s.span[0], start);
  return { sessions, pauses };
}

/** Staff time of each (clerk, counter) that had a session in the window. */
export function staffCells(
  counterEvents: readonly DomainEvent[],
  legs: readonly Leg[],
  profiles: ReadonlyMap<string, ReadonlySet<string>>,
  start: number,
  end: number,
): StaffCell[] {
  const { sessions, pauses } = timelines(counterEvents, start, end);
  const out: StaffCell[] = [];
  for (const [counterId, list] of sessions) {
    const services = profiles.get(counterId) ?? new Set<string>();
    // Waiting spans of tickets this counter could serve (its profile's services).
    const eligibleWaiting: Interval[] = legs
      .filter((l) => services.has(l.serviceId))
      .map((l) => [l.startedAt, l.calledAt ?? l.endedAt ?? end] as Interval);
    for (const clerkId of new Set(list.map((s) => s.clerkId))) {
      // Serving = call → end of each leg this clerk called here (a no-show marked included).
      const serving = legs
        .filter((l) => l.counterId === counterId && l.clerkId === clerkId && l.calledAt !== null)
        .map((l) => [l.calledAt!, l.endedAt ?? end] as Interval);
      const { utilisationPercent: _u, ...t } = staffTime({
        sessions: list.filter((s) => s.clerkId === clerkId).map((s) => s.span),
        pauses: pauses.get(counterId) ?? [],
        serving,
        eligibleWaiting,
      });
      out.push({ clerkId, counterId, ...t });
    }
  }
  return out;
}
