import type { ReportReads, RollupStore } from '@guichet/db';
import { businessDay } from '../../core/time.js';
import { addTickets, type Cell, encodeCell, entry } from './cells.js';
import { MARKER, openRateCell, orderCells, rateCells } from './day-cells.js';
import { ticketDetails, toDomainEvent } from './day-facts.js';
import { addEstimates, type StaffCell, staffCells } from './extras.js';
import { giveWay } from './give-way.js';
import { addDays, dayStart, earliest } from './period.js';

/**
 * Days as encoded cells. A closed business day is rolled up once into the rollup cache (lazily,
 * the first time a report needs it) and read back from there; the open day is always computed
 * from raw events. A closed day whose events changed since (should not happen: the log is
 * append-only and the day is over) is noticed from the events appended since the last look and
 * rolled up again.
 */
export interface BranchContext {
  branchId: string;
  timezone: string;
  /** Days before this one are closed: the earlier of today and the branch's numbering day. */
  firstOpenDay: string;
  now: number;
  /** The current target of each service (minutes). */
  targetMinutes: Map<string, number>;
  /** The target in force for a service at an instant (effective-dated; the current one when no history). */
  targetAt(serviceId: string, at: number): number;
  targetHistory: Map<string, { effectiveFrom: number; targetWaitMinutes: number }[]>;
  profiles: Map<string, Set<string>>;
}

export interface EncodedCell {
  day: string;
  family: string;
  key: string;
  data: Buffer;
}

export function computeDay(reads: ReportReads, ctx: BranchContext, day: string) {
  const start = dayStart(day, ctx.timezone);
  const end = Math.min(dayStart(addDays(day, 1), ctx.timezone), ctx.now);
  // Give way before the read transaction, never inside it: a snapshot held while waiting would
  // hold back the database's WAL checkpoints, and the live writes would slow as the WAL grows.
  giveWay();
  return reads.snapshot(() => {
    const eventRows = reads.dayEvents(ctx.branchId, day);
    const details = ticketDetails(
      reads.dayTickets(ctx.branchId, day),
      eventRows,
      reads.dayRatings(ctx.branchId, day),
    );
    const counterRows = reads.counterEvents(ctx.branchId, start, end);
    // The target in force when each leg began waiting (kpis.md: "target T in force at the time").
    const target = (serviceId: string, at: number) => ctx.targetAt(serviceId, at) * 60;
    const summary = new Map<string, Cell>();
    addTickets(
      summary,
      details.map((d) => d.facts),
      ctx.timezone,
      target,
    );
    const estimates = new Map<string, Float64Array>();
    addEstimates(estimates, details, ctx.timezone);
    const legs = details.flatMap((d) => d.legs);
    const staff = staffCells(counterRows.map(toDomainEvent), legs, ctx.profiles, start, Math.max(start, end));
    const codes = new Map(details.map((d) => [d.row.id, d.row.code]));
    const cells: EncodedCell[] = [];
    for (const [k, c] of summary) cells.push(split(day, k, encodeCell(c)));
    for (const [k, c] of estimates) cells.push(split(day, k, Buffer.from(c.buffer)));
    for (const s of staff)
      cells.push({ day, family: 'staff', key: `${s.clerkId}|${s.counterId}`, data: staffBlob(s) });
    cells.push(...orderCells(day, legs, codes, ctx.profiles), openRateCell(day, counterRows));
    const next = dayStart(addDays(day, 1), ctx.timezone);
    cells.push(...rateCells(day, reads.rateCounts(ctx.branchId, start, next)));
    let maxEventId = 0;
    for (const r of eventRows) maxEventId = Math.max(maxEventId, r.id);
    for (const r of counterRows) maxEventId = Math.max(maxEventId, r.id);
    return {
      cells,
      eventCount: eventRows.length + counterRows.length,
      maxEventId,
      seenMaxEventId: reads.maxEventId(),
    };
  });
}

const split = (day: string, familyKey: string, data: Buffer): EncodedCell => {
  const bar = familyKey.indexOf('|');
  return { day, family: familyKey.slice(0, bar), key: familyKey.slice(bar + 1), data };
};
const staffBlob = (s: StaffCell) => Buffer.from(JSON.stringify(s));
export const staffOf = (data: Buffer) => JSON.parse(data.toString()) as StaffCell;

/** Drops rolled-up days touched by events appended since the last look. */
function dropChangedDays(reads: ReportReads, rollups: RollupStore, ctx: BranchContext): void {
  const mark = `watermark:${ctx.branchId}`;
  const seen = rollups.meta(mark);
  if (seen === null) {
    // Nothing of this branch is rolled up before its watermark exists.
    rollups.setMeta(mark, String(reads.maxEventId()));
    return;
  }
  // Read before the events: anything appended after it has a higher id and is seen next time.
  const top = reads.maxEventId();
  const fresh = reads.eventsSince(ctx.branchId, Number(seen));
  if (fresh.length === 0) {
    // Other branches' events move the mark too: else every report of a quiet branch would
    // scan them all again (tens of milliseconds once a busy branch has written a day).
    if (top > Number(seen)) rollups.setMeta(mark, String(top));
    return;
  }
  const touched = new Map<string, number>();
  const touch = (day: string, id: number) => {
    if (day < ctx.firstOpenDay && !touched.has(day)) touched.set(day, id);
  };
  for (const e of fresh) {
    touch(e.day ?? businessDay(e.at, ctx.timezone), e.id);
    // A rating given later clears the ticket's "not rated" mark, made up to three days after
    // its finish (feedback-store): those days' rates change.
    if (e.ratedDay) for (let i = 0; i <= 3; i++) touch(addDays(e.ratedDay, i), e.id);
  }
  if (touched.size) {
    const sorted = [...touched.keys()].sort();
    const days = new Map(
      rollups.days(ctx.branchId, sorted[0]!, sorted.at(-1)!).map((d) => [d.day, d.seenMaxEventId]),
    );
    for (const [day, id] of touched) {
      const seenMax = days.get(day);
      if (seenMax !== undefined && id > seenMax) rollups.dropDay(ctx.branchId, day);
    }
  }
  rollups.setMeta(mark, String(Math.max(top, fresh.at(-1)!.id)));
}

/**
 * The cells of the given families for every day of [from, to]: closed days from the rollup
 * cache (rolling up those missing), the open days computed now.
 */
export function loadCells(
  reads: ReportReads,
  rollups: RollupStore,
  ctx: BranchContext,
  from: string,
  to: string,
  families: readonly string[],
): { cells: EncodedCell[]; rolledUp: number; raw: number } {
  const today = businessDay(ctx.now, ctx.timezone);
  const last = earliest(to, today);
  const cells: EncodedCell[] = [];
  let rolledUp = 0;
  let raw = 0;
  const closedTo = ctx.firstOpenDay > from ? addDays(ctx.firstOpenDay, -1) : null;
  if (closedTo !== null) {
    const closedLast = earliest(closedTo, last);
    giveWay();
    dropChangedDays(reads, rollups, ctx);
    giveWay();
    // Days whose ticket events the retention removed: their cells are kept in the database itself.
    const archived = new Set(reads.archivedDays(ctx.branchId, from, closedLast));
    if (archived.size) cells.push(...archivedCells(reads, ctx, from, closedLast, families, archived));
    giveWay();
    const have = new Set(rollups.days(ctx.branchId, from, closedLast).map((d) => d.day));
    giveWay();
    for (const day of archived) have.add(day);
    const targets = JSON.stringify(Object.fromEntries(ctx.targetMinutes));
    for (let day = from; day <= closedLast; day = addDays(day, 1)) {
      if (have.has(day)) continue;
      const d = computeDay(reads, ctx, day);
      const { eventCount, maxEventId, seenMaxEventId } = d;
      const row = {
        branchId: ctx.branchId,
        day,
        eventCount,
        maxEventId,
        seenMaxEventId,
        targets,
        computedAt: ctx.now,
      };
      rollups.putDay(row, d.cells);
    }
    for (const r of rollups.eachCell(ctx.branchId, from, closedLast, families)) {
      giveWay();
      if (!archived.has(r.day)) cells.push(r);
    }
    giveWay();
    rolledUp =
      rollups.days(ctx.branchId, from, closedLast).filter((d) => !archived.has(d.day)).length + archived.size;
  }
  const firstRaw = closedTo === null ? from : addDays(closedTo, 1);
  for (let day = firstRaw; day <= last; day = addDays(day, 1)) {
    raw++;
    for (const c of openDay(reads, ctx, day)) if (families.includes(c.family)) cells.push(c);
  }
  return { cells, rolledUp, raw };
}

/** An open day's cells, computed once per request (a report may load two families of it). */
const openDays = new WeakMap<BranchContext, Map<string, EncodedCell[]>>();
function openDay(reads: ReportReads, ctx: BranchContext, day: string): EncodedCell[] {
  if (!openDays.has(ctx)) openDays.set(ctx, new Map());
  return entry(openDays.get(ctx)!, day, () => computeDay(reads, ctx, day).cells);
}

/**
 * Archived days' cells (retention). A day archived before a family existed lacks it: that
 * family is computed from what the database still holds (counters' events, ratings).
 */
function archivedCells(
  reads: ReportReads,
  ctx: BranchContext,
  from: string,
  to: string,
  families: readonly string[],
  archived: ReadonlySet<string>,
): EncodedCell[] {
  const markers = [...new Set(families.flatMap((f) => (MARKER[f] ? [MARKER[f]] : [])))];
  const rows = reads.archivedCells(ctx.branchId, from, to, [...new Set([...families, ...markers])]);
  const marked = new Set(rows.filter((r) => markers.includes(r.family)).map((r) => `${r.day}|${r.family}`));
  const out: EncodedCell[] = rows.filter((r) => families.includes(r.family));
  for (const day of archived) {
    const missing = families.filter((f) => MARKER[f] && !marked.has(`${day}|${MARKER[f]}`));
    if (missing.length === 0) continue;
    for (const c of openDay(reads, ctx, day)) if (missing.includes(c.family)) out.push(c);
  }
  return out;
}
