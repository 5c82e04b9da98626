import type { AppraisalDayRow, CaseStore } from '@guichet/db';
import type { Logger } from 'pino';
import { ok } from '../../core/errors.js';
import type { CommandBus, CommittedBatch } from '../../kernel/command-bus.js';
import type { CommandMeta, EventBase } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import type { AppraisalRecord } from '../../protocol/schemas/case-views.js';
import { addDays } from '../reports/period.js';
import type { Appraisal } from './appraisal.js';

/** The nightly record of a branch's day: every clerk's AppraisalRecord as it stood then. */
export interface AppraisalDayRecorded extends EventBase {
  type: 'appraisal.day-recorded';
  day: string;
  records: AppraisalRecord[];
}
declare module '../../kernel/events.js' {
  interface EventCatalog {
    'appraisal.day-recorded': AppraisalDayRecorded;
  }
}

const SYSTEM: CommandMeta = { actor: { kind: 'system', id: 'system' } };

/** A stored row as the record the routes answer (when it was produced, when entries revised it). */
export const storedRecord = (row: AppraisalDayRow): AppraisalRecord => ({
  ...(row.record as unknown as AppraisalRecord),
  producedAt: row.producedAt,
  revisedAt: row.revisedAt,
});

/**
 * 逐日按人考评 produced every day without anyone asking: when a branch rolls over to a new
 * business day (housekeeping notices the local date moved on within 30 s, or the first command
 * of the day does), the day that just closed is computed for every clerk of the branch and
 * stored. A past day then reads back what was produced that night, so a later change of hours,
 * targets or staff does not rewrite it; later entries, answers and decisions revise only its
 * entries and points, and their audit rows hold the stored record's entries before and after.
 */
export function registerNightlyRecords(
  registry: Registry,
  bus: CommandBus,
  store: CaseStore,
  appraisal: Appraisal,
  log?: Logger,
): { produce(branchId: string, day: string): Promise<number> } {
  registry
    .project('appraisal.day-recorded', (e) =>
      store.storeDays(
        e.records.map((record) => ({
          userId: record.userId,
          day: e.day,
          branchId: e.branchId ?? '',
          record: record as unknown as Record<string, unknown>,
          producedAt: e.at,
          revisedAt: null,
        })),
      ),
    )
    .audit('appraisal.day-recorded', {
      target: (e) => e.branchId,
      detail: (e) => ({ day: e.day, clerks: e.records.map((r) => r.userId) }),
    })
    // After the entry's own row changed (registered earlier): the stored day follows it.
    .project(['appraisal.entry-added', 'appraisal.entry-answered', 'appraisal.entry-decided'], (e) => {
      const entry = store.entry('entry' in e ? e.entry.id : e.entryId);
      if (!entry) return;
      const [row] = store.storedDays({ userId: entry.userId, day: entry.day });
      if (!row) return;
      const entries = store
        .entriesOf({ userId: entry.userId, fromDay: entry.day, toDay: entry.day })
        .map((x) => appraisal.entryView(x));
      const points = entries
        .filter((x) => x.appeal?.status !== 'overturned')
        .reduce((n, x) => n + x.points, 0);
      store.reviseDay(entry.userId, entry.day, { ...row.record, entries, points }, e.at);
    });

  const produce = async (branchId: string, day: string): Promise<number> => {
    const branch = bus.state.branches.get(branchId);
    if (!branch || store.storedDays({ branchId, day }).length > 0) return 0;
    // Computed before the command: the reads are long, the transaction stays short.
    const records = appraisal.compute(branch, day);
    // A day nobody worked and nobody inspected (a holiday, a Sunday, the day before the first
    // start) leaves no record: there is nothing to evaluate, and an empty sheet per clerk would
    // only read as absences.
    const worked = (r: AppraisalRecord) => r.firstSignInAt !== null || r.served > 0 || r.entries.length > 0;
    if (!records.some(worked)) return 0;
    const r = await bus.run(SYSTEM, (_s, ctx) =>
      ok({
        events: [
          { type: 'appraisal.day-recorded' as const, at: ctx.now, actor: ctx.actor, branchId, day, records },
        ],
        reply: () => records.length,
      }),
    );
    return r.ok ? r.data : 0;
  };
  bus.onCommitted('appraisal nightly record', (batch: CommittedBatch) => {
    for (const e of batch.events)
      if (e.type === 'day.rolled' && e.branchId) {
        const day = addDays(e.businessDay, -1);
        produce(e.branchId, day).then(
          (n) =>
            n > 0 && log?.info({ branchId: e.branchId, day, clerks: n }, 'appraisal: nightly record stored'),
          (err: unknown) =>
            log?.error({ err, branchId: e.branchId, day }, 'appraisal: nightly record failed'),
        );
      }
  });
  return { produce };
}
