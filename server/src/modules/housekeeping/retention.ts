import { type Db, ReportReads, type RetentionStore, type RollupStore } from '@guichet/db';
import { ok, type Result } from '../../core/index.js';
import { businessDay } from '../../core/time.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { EventBase } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import { ReportsEngine } from '../reports/engine.js';
import { addDays } from '../reports/period.js';
import { computeDay } from '../reports/rollups.js';

/** Days to keep (0: keep for ever). */
export interface RetentionPolicy {
  /** Ticket events of business days older than this are replaced by the days' report cells. */
  eventDays: number;
  /** Audit rows (configuration, sign-ins, notices…) older than this are deleted. */
  auditDays: number;
  /** Rating texts and comments, texts of closed cases older than this are masked. */
  textDays: number;
}

/**
 * Business days archived in one command (its cells are computed on the event loop, some tens of
 * ms for a busy day): a backlog goes on at every tick of the housekeeping, a day at a time.
 */
export const DAYS_PER_RUN = 1;

export interface ArchivedDay {
  branchId: string;
  day: string;
  cells: { family: string; key: string; data: Buffer }[];
}

/** What the retention removed or masked; the audit row says it (without the cells). */
export interface RetentionApplied extends EventBase {
  type: 'retention.applied';
  days: ArchivedDay[];
  auditBefore: number | null;
  audit: number;
  textBefore: number | null;
  texts: { ratings: number; cases: number };
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'retention.applied': RetentionApplied;
  }
}

const DAY_MS = 86_400_000;

/**
 * The days to archive: closed business days older than the event retention, after the last one
 * archived, each with its report cells computed now from its events (reports/rollups.ts, the
 * same cells the rollup cache would hold). `reads` is over the main connection.
 */
export function daysToArchive(
  reads: ReportReads,
  store: RetentionStore,
  eventDays: number,
  now: number,
): ArchivedDay[] {
  if (eventDays <= 0) return [];
  // The engine's branch context only (zone, closed days, targets, profiles): no rollup cache.
  const engine = new ReportsEngine(reads, null as unknown as RollupStore, () => now);
  const out: ArchivedDay[] = [];
  for (const branchId of reads.branchIds()) {
    const branch = reads.branch(branchId);
    if (!branch) continue;
    const cutoff = addDays(businessDay(now, branch.timezone), -eventDays);
    const days = store.ticketDays(
      branchId,
      store.lastArchivedDay(branchId),
      cutoff,
      DAYS_PER_RUN - out.length,
    );
    if (days.length === 0) continue;
    const { ctx } = engine.context({ branchId, from: days[0]!, to: days.at(-1)! });
    for (const day of days) {
      if (day >= ctx.firstOpenDay) break;
      out.push({ branchId, day, cells: computeDay(reads, ctx, day).cells });
    }
    if (out.length >= DAYS_PER_RUN) break;
  }
  return out;
}

/** One retention pass as a command on the bus: archived days, old audit rows, masked texts. */
export function applyRetention(
  bus: CommandBus,
  db: Db,
  store: RetentionStore,
  policy: RetentionPolicy,
): Promise<Result<{ days: number }>> {
  const reads = new ReportReads(db.$client);
  return bus.run({ actor: { kind: 'system', id: 'retention' } }, (_state, ctx) => {
    const days = daysToArchive(reads, store, policy.eventDays, ctx.now);
    const auditBefore = policy.auditDays > 0 ? ctx.now - policy.auditDays * DAY_MS : null;
    const textBefore = policy.textDays > 0 ? ctx.now - policy.textDays * DAY_MS : null;
    const audit = auditBefore === null ? 0 : store.countAuditBefore(auditBefore);
    const texts = textBefore === null ? { ratings: 0, cases: 0 } : store.countTexts(textBefore);
    if (days.length === 0 && audit === 0 && texts.ratings + texts.cases === 0)
      return ok({ events: [], reply: () => ({ days: 0 }) });
    const event: RetentionApplied = {
      type: 'retention.applied',
      at: ctx.now,
      actor: ctx.actor,
      branchId: null,
      days,
      auditBefore: audit ? auditBefore : null,
      audit,
      textBefore: texts.ratings + texts.cases ? textBefore : null,
      texts,
    };
    return ok({ events: [event], reply: () => ({ days: days.length }) });
  });
}

export function registerRetentionProjections(registry: Registry, store: RetentionStore): void {
  registry
    .project('retention.applied', (e) => {
      for (const d of e.days) store.archiveDay(d.branchId, d.day, d.cells);
      if (e.auditBefore !== null) store.purgeAudit(e.auditBefore);
      if (e.textBefore !== null) store.maskTexts(e.textBefore);
    })
    .audit('retention.applied', {
      target: () => null,
      detail: (e) => ({
        archivedDays: e.days.map((d) => `${d.branchId} ${d.day}`),
        auditBefore: e.auditBefore,
        auditRows: e.audit,
        textBefore: e.textBefore,
        texts: e.texts,
      }),
    });
}
