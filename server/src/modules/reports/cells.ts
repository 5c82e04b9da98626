import { IMPLAUSIBLE_SECONDS, type Leg, plausible } from '../../core/legs.js';
import type { SummaryRow, TicketFacts } from '../../core/report-summary.js';
import { localParts } from '../../core/time.js';

/**
 * Additive report cells: everything `summarize` (core/report-summary.ts) derives, kept as sums
 * that merge exactly across days — counts by outcome, integer sums, 1-second histograms of
 * waits and handles (so the median and P90 of any merged period are the same nearest-rank
 * values the raw computation gives), service-level numerator and denominator, ratings by level.
 *
 * Families: `day` (one cell, key `total`) and `hour` cells hold ticket-level figures, the
 * latter keyed by the local hour of issue (weekday × hour is the sum over days); the `day`
 * cell makes day rows and period totals one cell per day to merge; `service`, `counter`, `clerk` cells
 * hold leg-level figures, with the same rules as `summarize`.
 */
export type Family = 'day' | 'hour' | 'service' | 'counter' | 'clerk';

export interface Cell {
  issued: number;
  served: number;
  noShow: number;
  abandoned: number;
  transferred: number;
  waitN: number;
  waitSum: number;
  waitExcluded: number;
  wait: Map<number, number>;
  handleN: number;
  handleSum: number;
  handleExcluded: number;
  handle: Map<number, number>;
  slaWithin: number;
  slaCounted: number;
  levels: [number, number, number, number, number];
  notRated: number;
}

export const SERVED = new Set(['served', 'served_incomplete', 'referred']);
export const ABANDONED = new Set(['cancelled_by_holder', 'cancelled_by_staff', 'reset']);

export const emptyCell = (): Cell => ({
  issued: 0,
  served: 0,
  noShow: 0,
  abandoned: 0,
  transferred: 0,
  waitN: 0,
  waitSum: 0,
  waitExcluded: 0,
  wait: new Map(),
  handleN: 0,
  handleSum: 0,
  handleExcluded: 0,
  handle: new Map(),
  slaWithin: 0,
  slaCounted: 0,
  levels: [0, 0, 0, 0, 0],
  notRated: 0,
});

/** The map's value for `key`, created with `make` the first time. */
export function entry<K, V>(m: Map<K, V>, key: K, make: () => V): V {
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    m.set(key, v);
  }
  return v;
}

type Target = (serviceId: string, at: number) => number;

function addLeg(c: Cell, l: Leg, target: Target): void {
  if (l.end === 'transferred') c.transferred++;
  if (l.calledAt !== null) {
    if (plausible(l.waitSeconds)) {
      c.waitN++;
      c.waitSum += l.waitSeconds;
      c.wait.set(l.waitSeconds, (c.wait.get(l.waitSeconds) ?? 0) + 1);
      // Service level: a plausible call counts; within when at or under the target.
      c.slaCounted++;
      if (l.waitSeconds <= target(l.serviceId, l.startedAt)) c.slaWithin++;
    } else c.waitExcluded++;
  } else if (ABANDONED.has(l.end) && l.endedAt !== null) {
    if (Math.round((l.endedAt - l.startedAt) / 1000) > target(l.serviceId, l.startedAt)) c.slaCounted++;
  }
  if (SERVED.has(l.end) || l.end === 'transferred') {
    if (plausible(l.handleSeconds)) {
      c.handleN++;
      c.handleSum += l.handleSeconds;
      c.handle.set(l.handleSeconds, (c.handle.get(l.handleSeconds) ?? 0) + 1);
    } else c.handleExcluded++;
  }
}

function addOutcome(c: Cell, l: Leg): void {
  if (SERVED.has(l.end)) c.served++;
  else if (l.end === 'no_show') c.noShow++;
  else if (ABANDONED.has(l.end)) c.abandoned++;
}

function addRating(c: Cell, rating: number | null): void {
  if (rating === null) c.notRated++;
  else c.levels[rating - 1] = (c.levels[rating - 1] ?? 0) + 1;
}

/** Adds tickets into cells of every family, keyed `family|key`. */
export function addTickets(
  cells: Map<string, Cell>,
  tickets: readonly TicketFacts[],
  timezone: string,
  target: Target,
): void {
  const cell = (family: Family, key: string) => entry(cells, `${family}|${key}`, emptyCell);
  for (const t of tickets) {
    const last = t.legs.at(-1);
    const ratedLeg = t.rating === undefined ? undefined : t.legs.findLast((l) => SERVED.has(l.end));
    const hour = String(Math.floor(localParts(t.issuedAt, timezone).minuteOfDay / 60)).padStart(2, '0');
    for (const h of [cell('day', 'total'), cell('hour', hour)]) {
      h.issued++;
      for (const l of t.legs) addLeg(h, l, target);
      if (last) addOutcome(h, last);
      if (ratedLeg) addRating(h, t.rating ?? null);
    }
    for (const [i, l] of t.legs.entries()) {
      const s = cell('service', l.serviceId);
      if (l.origin !== 'reinstate') s.issued++;
      addLeg(s, l, target);
      // A reinstated no-show is not an outcome of its service: the ticket went on.
      if (t.legs[i + 1]?.origin !== 'reinstate') addOutcome(s, l);
      if (l === ratedLeg) addRating(s, t.rating ?? null);
      for (const [family, key] of [
        ['counter', l.counterId],
        ['clerk', l.clerkId],
      ] as const) {
        if (key === null) continue;
        const c = cell(family, key);
        c.issued++;
        addLeg(c, l, target);
        addOutcome(c, l);
        if (l === ratedLeg) addRating(c, t.rating ?? null);
      }
    }
  }
}

const SCALARS = 15;

/**
 * One blob per cell of unsigned 32-bit integers: the five rating levels, the scalars, then
 * each histogram as a length and (value, count) pairs. A day's sums stay far below 2³²
 * (50,000 legs × 4 h = 7.2e8 seconds).
 */
export function encodeCell(c: Cell): Buffer {
  const out = new Uint32Array(5 + SCALARS + 2 + 2 * (c.wait.size + c.handle.size));
  out.set([
    ...c.levels,
    c.issued,
    c.served,
    c.noShow,
    c.abandoned,
    c.transferred,
    c.waitN,
    c.waitSum,
    c.waitExcluded,
    c.handleN,
    c.handleSum,
    c.handleExcluded,
    c.slaWithin,
    c.slaCounted,
    c.notRated,
    0,
  ]);
  let i = 5 + SCALARS;
  for (const h of [c.wait, c.handle]) {
    out[i++] = h.size;
    for (const [v, n] of h) {
      out[i++] = v;
      out[i++] = n;
    }
  }
  return Buffer.from(out.buffer);
}

/** A merged cell: histograms dense over 0 … 4 h, so merging a year is a tight add loop. */
export interface Merged {
  s: Float64Array; // the scalars, summed
  levels: Float64Array;
  wait: Uint32Array;
  handle: Uint32Array;
}

export const emptyMerged = (): Merged => ({
  s: new Float64Array(SCALARS),
  levels: new Float64Array(5),
  wait: new Uint32Array(IMPLAUSIBLE_SECONDS + 1),
  handle: new Uint32Array(IMPLAUSIBLE_SECONDS + 1),
});

/** Adds an encoded cell into a merged one. */
export function mergeEncoded(m: Merged, blob: Buffer): void {
  // A view when the bytes are aligned (the usual case), a copy otherwise.
  const a =
    blob.byteOffset % 4 === 0
      ? new Uint32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4)
      : new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  for (let k = 0; k < 5; k++) m.levels[k]! += a[k]!;
  for (let k = 0; k < SCALARS; k++) m.s[k]! += a[5 + k]!;
  let i = 5 + SCALARS;
  for (const h of [m.wait, m.handle]) {
    const size = a[i++]!;
    for (let k = 0; k < size; k++, i += 2) h[a[i]!]! += a[i + 1]!;
  }
}

export function mergeCell(m: Merged, c: Cell): void {
  mergeEncoded(m, encodeCell(c));
}

/** The n-th smallest value (1-based) of a dense histogram. */
function nth(h: Uint32Array, rank: number): number | null {
  let seen = 0;
  for (let v = 0; v < h.length; v++) {
    seen += h[v]!;
    if (seen >= rank) return v;
  }
  return null;
}

/** Nearest-rank percentile from a histogram, the same rank rule as core/stats `percentile`. */
function pct(h: Uint32Array, n: number, p: number): number | null {
  if (n === 0) return null;
  return nth(h, Math.max(1, Math.ceil((p / 100) * n)));
}

export function rowOf(key: string, m: Merged): SummaryRow {
  const [issued, served, noShow, abandoned, transferred, waitN, waitSum, waitExcl, handleN, handleSum] = m.s;
  const [handleExcl, slaWithin, slaCounted, notRated] = m.s.subarray(10);
  const mean = (sum: number, n: number) => (n ? Math.round((sum / n) * 10) / 10 : null);
  const byLevel = { 1: m.levels[0]!, 2: m.levels[1]!, 3: m.levels[2]!, 4: m.levels[3]!, 5: m.levels[4]! };
  const rated = byLevel[1] + byLevel[2] + byLevel[3] + byLevel[4] + byLevel[5];
  return {
    key,
    issued: issued!,
    served: served!,
    noShow: noShow!,
    abandoned: abandoned!,
    transferred: transferred!,
    waitMeanSeconds: mean(waitSum!, waitN!),
    waitMedianSeconds: pct(m.wait, waitN!, 50),
    waitP90Seconds: pct(m.wait, waitN!, 90),
    waitMaxSeconds: waitN ? nth(m.wait, waitN) : null,
    handleMeanSeconds: mean(handleSum!, handleN!),
    slaPercent: slaCounted ? Math.round((slaWithin! / slaCounted) * 1000) / 10 : null,
    ratings: { count: rated, byLevel, bad: byLevel[1] + byLevel[2], notRated: notRated! },
    excluded: { wait: waitExcl!, handle: handleExcl! },
  };
}

/** Handle median and P90 of a merged cell (for the clerk's handle against the service median). */
export function handlePercentiles(m: Merged): { median: number | null; p90: number | null } {
  const n = m.s[8]!;
  return { median: pct(m.handle, n, 50), p90: pct(m.handle, n, 90) };
}
