import { createHmac } from 'node:crypto';
import type { CaseStore, FeedbackStore, QueueStore } from '@guichet/db';
import type { Logger } from 'pino';
import type { CaseConfig } from '../../config/env.js';
import type { Kernel } from '../../kernel/index.js';
import type { Registry } from '../../kernel/registry.js';
import { dayStart } from '../reports/period.js';
import { Appraisal } from './appraisal.js';
import { registerNightlyRecords } from './nightly.js';
import { Cases } from './service.js';

export { casesRoutes } from './routes.js';
export type { Cases } from './service.js';

/** Case rows and steps, appraisal entries; every read of cases or a clerk's record is audited too. */
function registerCaseProjections(registry: Registry, store: CaseStore): void {
  registry
    .project('case.opened', (e) => store.insertCase(e.case))
    .audit('case.opened', {
      target: (e) => e.case.id,
      detail: (e) => ({ kind: e.case.kind, channel: e.case.channel, ticketId: e.case.ticketId }),
    })
    .project('case.stepped', (e) => store.addStep(e.step, e.status, e.assigneeId, e.closedAt))
    .audit('case.stepped', {
      target: (e) => e.step.caseId,
      detail: (e) => ({ step: e.step.kind, status: e.status }),
    })
    .audit('case.viewed', {
      target: (e) => (e.subjects.length === 1 ? (e.subjects[0] ?? null) : null),
      detail: (e) => ({ what: e.what, subjects: e.subjects, detail: e.detail }),
    })
    .project('appraisal.entry-added', (e) => store.insertEntry(e.entry))
    .audit('appraisal.entry-added', {
      target: (e) => e.entry.userId,
      subject: (e) => storedEntries(store, e.entry.userId, e.entry.day),
      detail: (e) => ({ entryId: e.entry.id, day: e.entry.day, points: e.entry.points }),
    })
    .project(['appraisal.entry-answered', 'appraisal.entry-decided'], (e) =>
      store.updateEntry(e.entryId, e.set),
    )
    .audit(['appraisal.entry-answered', 'appraisal.entry-decided'], {
      target: (e) => e.entryId,
      subject: (e) => {
        const entry = store.entry(e.entryId);
        return entry ? storedEntries(store, entry.userId, entry.day) : null;
      },
      detail: (e) => e.set,
    });
}

/** The stored nightly record's entries and points (null when the day has none stored), for the audit. */
function storedEntries(store: CaseStore, userId: string, day: string) {
  const row = store.storedDays({ userId, day })[0];
  if (!row) return null;
  const { entries, points } = row.record as { entries?: unknown; points?: unknown };
  return { storedRecord: { day, entries, points } };
}

export function createCases(
  kernel: Kernel,
  stores: { cases: CaseStore; feedback: FeedbackStore; queue: QueueStore },
  opts: {
    rules: CaseConfig;
    secret: string;
    userName: (id: string) => string | null;
    /** Who finished a ticket (the clerk a rating is about). */
    finishedBy: (ticketId: string) => string | null;
    log?: Logger | undefined;
  },
) {
  registerCaseProjections(kernel.registry, stores.cases);
  const cases = new Cases({
    bus: kernel.bus,
    store: stores.cases,
    rules: opts.rules,
    rating: (ticketId) => stores.feedback.ratingOf(ticketId),
    userName: opts.userName,
    finishedBy: opts.finishedBy,
    dayStart,
  });
  const appraisal = new Appraisal({ bus: kernel.bus, store: stores.cases, reads: stores.queue.db.$client });
  // The appraisal's "cases overdue" item counts the clerk's overdue cases.
  appraisal.setOverdue((branchId, clerkId) => cases.list(branchId, { clerkId, overdue: true }).length);
  const nightly = registerNightlyRecords(kernel.registry, kernel.bus, stores.cases, appraisal, opts.log);
  /** A keyed hash of a client address: the complaint limit per address without keeping the address. */
  const originHash = (ip: string) => createHmac('sha256', opts.secret).update(`origin:${ip}`).digest('hex');
  return { cases, appraisal, nightly, originHash };
}
