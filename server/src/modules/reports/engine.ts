import type { ReportReads, RollupStore } from '@guichet/db';
import type { GroupBy, SummaryRow } from '../../core/report-summary.js';
import { businessDay } from '../../core/time.js';
import { emptyMerged, entry, type Merged, mergeEncoded, rowOf } from './cells.js';
import { accuracyRowOf, addInto, emptyAccuracy } from './extras.js';
import { giveWay } from './give-way.js';
import { type Labels, labelsOf } from './labels.js';
import { addDays, dayStart, isDate, weekdayOf } from './period.js';
import {
  type EstimatesQuery,
  type EstimatesReport,
  type Period,
  ReportError,
  type StaffQuery,
  type StaffReport,
  type StaffRow,
  type SummaryQuery,
  type SummaryReport,
} from './protocol.js';
import { type BranchContext, loadCells, staffOf } from './rollups.js';

/** Longest period one report covers: a year and a bit (a leap year plus a margin). */
export const MAX_PERIOD_DAYS = 400;

/**
 * The reports engine: report queries over a read-only connection and the rollup cache. Runs
 * in the reports worker (file databases) or in-process (':memory:' databases in tests).
 */
export class ReportsEngine {
  constructor(
    readonly reads: ReportReads,
    readonly rollups: RollupStore,
    readonly now: () => number = Date.now,
  ) {}

  /** The branch's zone, closed days, targets and profiles as of now, with its labels. */
  context(p: Period): { ctx: BranchContext; labels: Labels } {
    if (!isDate(p.from) || !isDate(p.to)) {
      throw new ReportError({ code: 'VALIDATION_FAILED', message: 'from and to must be dates YYYY-MM-DD' });
    }
    if (p.from > p.to) throw new ReportError({ code: 'VALIDATION_FAILED', message: 'from is after to' });
    const days = (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 + 1;
    if (days > MAX_PERIOD_DAYS) {
      throw new ReportError({
        code: 'VALIDATION_FAILED',
        message: `a report covers at most ${MAX_PERIOD_DAYS} days`,
      });
    }
    giveWay();
    return this.reads.snapshot(() => {
      const branch = this.reads.branch(p.branchId);
      if (!branch) {
        throw new ReportError({ code: 'BRANCH_NOT_FOUND', message: `branch ${p.branchId} does not exist` });
      }
      const now = this.now();
      const today = businessDay(now, branch.timezone);
      const services = this.reads.services(p.branchId);
      const counters = this.reads.counters(p.branchId);
      const profiles = new Map(
        counters.map((c) => {
          const profile = JSON.parse(c.profile) as { services?: { serviceId: string }[] };
          return [c.id, new Set((profile.services ?? []).map((s) => s.serviceId))];
        }),
      );
      const current = new Map(services.map((s) => [s.id, s.targetWaitMinutes]));
      const history = targetHistory(this.reads.serviceTargets(p.branchId));
      const ctx: BranchContext = {
        branchId: branch.id,
        timezone: branch.timezone,
        firstOpenDay: branch.currentDay && branch.currentDay < today ? branch.currentDay : today,
        now,
        targetMinutes: current,
        targetAt: (serviceId, at) => targetIn(history.get(serviceId), at) ?? current.get(serviceId) ?? 0,
        targetHistory: history,
        profiles,
      };
      return { ctx, labels: labelsOf(services, counters, this.reads.users()) };
    });
  }

  /**
   * Rolls up one closed day not in the cache yet — the newest first, back to the branch's first
   * ticket or MAX_PERIOD_DAYS — and says whether there was one. The worker calls it while idle,
   * so the first report of a month reads cells instead of a month of raw events.
   */
  prerollStep(): boolean {
    for (const branchId of this.reads.branchIds()) {
      const today = businessDay(this.now(), this.reads.branch(branchId)?.timezone ?? 'UTC');
      const first = this.reads.firstDay(branchId);
      if (!first) continue;
      const from = [first, addDays(today, 1 - MAX_PERIOD_DAYS)].sort()[1]!;
      const { ctx } = this.context({ branchId, from, to: today });
      const lastClosed = addDays(ctx.firstOpenDay, -1);
      if (lastClosed < from) continue;
      const have = new Set(this.rollups.days(branchId, from, lastClosed).map((d) => d.day));
      // Archived days (retention) have their cells in the database: nothing to roll up.
      for (const day of this.reads.archivedDays(branchId, from, lastClosed)) have.add(day);
      for (let day = lastClosed; day >= from; day = addDays(day, -1)) {
        if (have.has(day)) continue;
        loadCells(this.reads, this.rollups, ctx, day, day, ['day']);
        return true;
      }
    }
    return false;
  }

  summary(q: SummaryQuery): SummaryReport {
    const { ctx, labels } = this.context(q);
    const family = keyFamily(q.by);
    const families = family === 'day' ? ['day'] : ['day', family];
    const { cells, rolledUp, raw } = loadCells(this.reads, this.rollups, ctx, q.from, q.to, families);
    const groups = new Map<string, Merged>();
    const total = emptyMerged();
    for (const c of cells) {
      giveWay();
      if (c.family === 'day') mergeEncoded(total, c.data);
      if (c.family !== family) continue;
      const key = q.by === 'day' ? c.day : q.by === 'weekday-hour' ? `${weekdayOf(c.day)}-${c.key}` : c.key;
      mergeEncoded(entry(groups, key, emptyMerged), c.data);
    }
    const label = (r: SummaryRow) => ({ ...r, label: labels.of(q.by, r.key) });
    const rows = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, m]) => {
        giveWay();
        return label(rowOf(k, m));
      });
    giveWay();
    const totals = label(rowOf('total', total));
    return {
      from: q.from,
      to: q.to,
      by: q.by,
      timezone: ctx.timezone,
      rows,
      totals,
      excluded: totals.excluded,
      targets: [...ctx.targetMinutes].map(([serviceId, targetWaitMinutes]) => ({
        serviceId,
        label: labels.of('service', serviceId),
        targetWaitMinutes,
        inForce: inForce(
          ctx.targetHistory.get(serviceId),
          dayStart(q.from, ctx.timezone),
          dayStart(addDays(q.to, 1), ctx.timezone),
        ),
      })),
      days: { rolledUp, raw },
    };
  }

  estimates(q: EstimatesQuery): EstimatesReport {
    const { ctx, labels } = this.context(q);
    const family = `est-${q.by}`;
    const { cells } = loadCells(this.reads, this.rollups, ctx, q.from, q.to, [family]);
    const groups = new Map<string, Float64Array>();
    const total = emptyAccuracy();
    for (const c of cells) {
      giveWay();
      const a = new Float64Array(
        c.data.buffer.slice(c.data.byteOffset, c.data.byteOffset + c.data.byteLength),
      );
      addInto(entry(groups, c.key, emptyAccuracy), a);
      addInto(total, a);
    }
    const rows = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, g]) => ({ ...accuracyRowOf(k, g), label: labels.of(q.by, k) }));
    return {
      from: q.from,
      to: q.to,
      by: q.by,
      rows,
      totals: { ...accuracyRowOf('total', total), label: labels.total },
    };
  }

  staff(q: StaffQuery): StaffReport {
    const { ctx, labels } = this.context(q);
    const { cells } = loadCells(this.reads, this.rollups, ctx, q.from, q.to, ['staff']);
    const byClerk = new Map<string, StaffRow>();
    for (const c of cells) {
      giveWay();
      const s = staffOf(c.data);
      let r = byClerk.get(s.clerkId);
      if (!r) {
        r = {
          clerkId: s.clerkId,
          label: labels.of('clerk', s.clerkId),
          counterIds: [],
          sessionSeconds: 0,
          pausedSeconds: 0,
          pausedByReason: {},
          servingSeconds: 0,
          idleSeconds: 0,
          idleWithWorkSeconds: 0,
          utilisationPercent: null,
        };
        byClerk.set(s.clerkId, r);
      }
      if (!r.counterIds.includes(s.counterId)) r.counterIds.push(s.counterId);
      r.sessionSeconds += s.sessionSeconds;
      r.pausedSeconds += s.pausedSeconds;
      r.servingSeconds += s.servingSeconds;
      r.idleSeconds += s.idleSeconds;
      r.idleWithWorkSeconds += s.idleWithWorkSeconds;
      for (const [reason, n] of Object.entries(s.pausedByReason)) {
        r.pausedByReason[reason] = (r.pausedByReason[reason] ?? 0) + n;
      }
    }
    const rows = [...byClerk.values()].sort((a, b) => (a.clerkId < b.clerkId ? -1 : 1));
    for (const r of rows) {
      r.counterIds.sort();
      const available = r.sessionSeconds - r.pausedSeconds;
      // serving ÷ (session − paused), as core/staff-time.ts rounds it.
      r.utilisationPercent = available > 0 ? Math.round((r.servingSeconds / available) * 1000) / 10 : null;
    }
    return { from: q.from, to: q.to, rows };
  }
}

type History = { effectiveFrom: number; targetWaitMinutes: number }[];

function targetHistory(
  rows: readonly { serviceId: string; effectiveFrom: number; targetWaitMinutes: number }[],
) {
  const out = new Map<string, History>();
  for (const r of rows)
    entry(out, r.serviceId, () => [] as History).push({
      effectiveFrom: r.effectiveFrom,
      targetWaitMinutes: r.targetWaitMinutes,
    });
  return out;
}

/** The target in force at `at`: the last one that took effect at or before it (rows oldest first). */
function targetIn(h: History | undefined, at: number): number | null {
  if (!h?.length) return null;
  let found: number | null = null;
  for (const r of h) {
    if (r.effectiveFrom > at) break;
    found = r.targetWaitMinutes;
  }
  // Before the first recorded target: the first one (the service's target when it was set up).
  return found ?? h[0]!.targetWaitMinutes;
}

/** The targets in force during [from, to): the one in force at `from` and every change before `to`. */
function inForce(h: History | undefined, from: number, to: number): History {
  if (!h?.length) return [];
  const out: History = [];
  for (const r of h) {
    if (r.effectiveFrom >= to) break;
    if (r.effectiveFrom <= from) out.splice(0, out.length, r);
    else out.push(r);
  }
  return out.length ? out : [h[0]!];
}

function keyFamily(by: GroupBy): 'day' | 'hour' | 'service' | 'counter' | 'clerk' {
  return by === 'weekday-hour' ? 'hour' : by;
}
