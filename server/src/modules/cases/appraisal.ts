import { type AppraisalEntryRow, type CaseStore, ReportReads } from '@guichet/db';
import type Database from 'better-sqlite3';
import { isoWeekday } from '../../core/calendar.js';
import { fail, ok, type Result } from '../../core/errors.js';
import { counterIntervalsOn } from '../../core/hours.js';
import { fraction } from '../../core/rating-rates.js';
import { segmentStats } from '../../core/stats.js';
import { businessDay } from '../../core/time.js';
import type { Branch } from '../../core/types.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { AppraisalEntry, AppraisalRecord } from '../../protocol/schemas/case-views.js';
import { ticketDetails, toDomainEvent } from '../reports/day-facts.js';
import { staffCells } from '../reports/extras.js';
import { dayStart } from '../reports/period.js';
import './events.js';
import { storedRecord } from './nightly.js';
import { nextDay } from './service.js';

const SERVED = new Set(['served', 'served_incomplete', 'referred']);
const LONG_ABSENCE_MS = 30 * 60_000;

/**
 * 逐日按人考评: each clerk's day computed from the event log (sessions, pauses, legs as the
 * reports compute them), the ratings and cases bound to her, and the inspection entries with
 * her answers and appeals. Entries, answers and decisions are commands with audit rows.
 */
export class Appraisal {
  private readonly reads: ReportReads;

  constructor(
    private readonly deps: {
      bus: CommandBus;
      store: CaseStore;
      reads: Database.Database;
      /** How many of a clerk's cases are past a deadline today. */
      overdueOf?: (branchId: string, clerkId: string) => number;
    },
  ) {
    this.reads = new ReportReads(deps.reads);
  }

  setOverdue(fn: (branchId: string, clerkId: string) => number): void {
    this.deps.overdueOf = fn;
  }

  /**
   * Records of one day for the given clerks (all the branch's clerks by default): a past day as
   * its nightly record stored it (nightly.ts), otherwise computed now.
   */
  day(branch: Branch, day: string, only?: string): AppraisalRecord[] {
    if (day < businessDay(this.deps.bus.now(), branch.timezone)) {
      const rows = this.deps.store.storedDays({ branchId: branch.id, day, userId: only });
      if (rows.length > 0) return rows.map(storedRecord);
    }
    return this.compute(branch, day, only);
  }

  /** Records of one day computed now from the event log, the ratings and the entries. */
  compute(branch: Branch, day: string, only?: string): AppraisalRecord[] {
    const start = dayStart(day, branch.timezone);
    const end = Math.min(dayStart(nextDay(day), branch.timezone), this.deps.bus.now());
    const clerks = this.deps.store.branchClerks(branch.id).filter((c) => !only || c.id === only);
    if (only && clerks.length === 0) {
      const u = this.deps.store.user(only);
      if (u) clerks.push({ id: u.id, name: u.name, staffNumber: u.staffNumber });
    }
    const { legs, staff, counterRows } = this.reads.snapshot(() => {
      const eventRows = this.reads.dayEvents(branch.id, day);
      const details = ticketDetails(this.reads.dayTickets(branch.id, day), eventRows, []);
      const counterRows = this.reads.counterEvents(branch.id, start, Math.max(start, end));
      const legs = details.flatMap((d) => d.legs);
      const profiles = new Map(
        this.reads.counters(branch.id).map((c) => {
          const p = JSON.parse(c.profile) as { services?: { serviceId: string }[] };
          return [c.id, new Set((p.services ?? []).map((s) => s.serviceId))];
        }),
      );
      const staff = staffCells(counterRows.map(toDomainEvent), legs, profiles, start, Math.max(start, end));
      return { legs, staff, counterRows };
    });
    const medians = new Map<string, number>();
    for (const serviceId of new Set(legs.map((l) => l.serviceId))) {
      const m = segmentStats(
        legs.filter((l) => l.serviceId === serviceId && SERVED.has(l.end)).map((l) => l.handleSeconds),
      ).median;
      if (m !== null) medians.set(serviceId, m);
    }
    const ratings = this.deps.store.ratingsIn(branch.id, start, dayStart(nextDay(day), branch.timezone));
    const entries = this.deps.store.entriesOf({ branchId: branch.id, fromDay: day, toDay: day });
    // Published hours: those of the counter she first signed in to (its own, else the branch's).
    const publishedAt = (counterId: string | null) => {
      const hours = counterIntervalsOn(branch, counterId ?? '', day, isoWeekday(day));
      return hours.length ? { open: hours[0]!.open, close: hours.at(-1)!.close } : null;
    };
    return clerks.map((c) => {
      const mine = legs.filter((l) => l.clerkId === c.id);
      const served = mine.filter((l) => SERVED.has(l.end));
      const handles = segmentStats(served.map((l) => l.handleSeconds));
      let own = 0;
      let base = 0;
      for (const l of served) {
        const m = medians.get(l.serviceId);
        if (l.handleSeconds !== null && m) {
          own += l.handleSeconds;
          base += m;
        }
      }
      const cells = staff.filter((s) => s.clerkId === c.id);
      const pausesByReason: Record<string, number> = {};
      for (const s of cells)
        for (const [r, sec] of Object.entries(s.pausedByReason))
          pausesByReason[r] = (pausesByReason[r] ?? 0) + sec;
      const opened = counterRows.filter((e) => e.type === 'counter.opened' && e.actorId === c.id);
      const closed = counterRows.filter((e) => e.type === 'counter.closed' && e.actorId === c.id);
      const firstSignInAt = opened[0]?.at ?? null;
      const published = publishedAt(opened[0]?.counterId ?? null);
      // Late and early are counted from the published opening and closing. A hall open round the
      // clock (00:00–24:00; the demo hall is, so that it works whenever it is tried) publishes no
      // start and no end: midnight is only the calendar's edge, and counting from it would call
      // every clerk who signs in at 08:30 "510 minutes late". So 00:00 is no start time and 24:00
      // no end time; a real hall's hours (08:30–17:00, or two sessions) are counted as published.
      const opensAt = published && published.open !== '00:00' ? published.open : null;
      const closesAt = published && published.close !== '24:00' ? published.close : null;
      const lastSignOutAt = closed.at(-1)?.at ?? null;
      const mineRatings = ratings.filter((r) => r.clerkId === c.id);
      const byLevel = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
      for (const r of mineRatings) if (r.score !== null) byLevel[r.score as 1 | 2 | 3 | 4 | 5]++;
      const rated = mineRatings.filter((r) => r.score !== null).length;
      const notRated = mineRatings.length - rated;
      const dayEntries = entries.filter((e) => e.userId === c.id).map((e) => this.entryView(e));
      const at = (hhmm: string) =>
        start + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000;
      return {
        userId: c.id,
        name: c.name,
        staffNumber: c.staffNumber,
        date: day,
        published,
        firstSignInAt,
        lastSignOutAt,
        lateMinutes:
          opensAt && firstSignInAt ? Math.max(0, Math.round((firstSignInAt - at(opensAt)) / 60_000)) : 0,
        earlyLeaveMinutes:
          closesAt && lastSignOutAt ? Math.max(0, Math.round((at(closesAt) - lastSignOutAt) / 60_000)) : 0,
        sessionSeconds: sum(cells.map((s) => s.sessionSeconds)),
        pausedSeconds: sum(cells.map((s) => s.pausedSeconds)),
        pausesByReason,
        longAbsences: longPauses(counterRows, c.id, end),
        served: served.length,
        noShows: mine.filter((l) => l.end === 'no_show').length,
        transfers: mine.filter((l) => l.end === 'transferred').length,
        handleMeanSeconds: handles.mean,
        handleP90Seconds: handles.p90,
        handleVsServiceMedian: base ? Math.round((own / base) * 100) / 100 : null,
        idleWhileWaitingSeconds: sum(cells.map((s) => s.idleWithWorkSeconds)),
        ratings: {
          byLevel,
          notRated,
          bad: byLevel[1] + byLevel[2],
          good: fraction(byLevel[3] + byLevel[4] + byLevel[5], rated),
          notRatedRate: fraction(notRated, served.length),
        },
        cases: {
          opened: this.deps.store.listCases({
            branchId: branch.id,
            clerkId: c.id,
            fromAt: start,
            toAt: end + 1,
          }).length,
          overdue: this.deps.overdueOf?.(branch.id, c.id) ?? 0,
        },
        entries: dayEntries,
        points: sum(dayEntries.filter((e) => e.appeal?.status !== 'overturned').map((e) => e.points)),
        producedAt: null,
        revisedAt: null,
      };
    });
  }

  entryView(e: AppraisalEntryRow): AppraisalEntry {
    return {
      id: e.id,
      userId: e.userId,
      date: e.day,
      kind: 'inspection',
      observation: e.observation,
      evidence: e.evidence,
      points: e.points,
      authorId: e.authorId,
      authorName: this.deps.store.user(e.authorId)?.name ?? null,
      at: e.at,
      answer: e.answer !== null ? { text: e.answer, at: e.answerAt ?? e.at, appeal: e.appeal } : null,
      appeal: e.appealStatus
        ? {
            status: e.appealStatus as 'pending' | 'upheld' | 'overturned',
            decision: e.decision,
            decidedBy: e.decidedBy,
            decidedAt: e.decidedAt,
          }
        : null,
    };
  }

  addEntry(
    meta: CommandMeta,
    user: { id: string; branchId: string },
    input: { date: string; observation: string; evidence?: string | undefined; points: number },
  ): Promise<Result<AppraisalEntry>> {
    return this.deps.bus.run(meta, (_s, ctx) => {
      const entry: AppraisalEntryRow = {
        id: ctx.newId(),
        branchId: user.branchId,
        userId: user.id,
        day: input.date,
        kind: 'inspection',
        observation: input.observation,
        evidence: input.evidence ?? null,
        points: input.points,
        authorId: ctx.actor.id,
        at: ctx.now,
        answer: null,
        answerAt: null,
        appeal: false,
        appealStatus: null,
        decision: null,
        decidedBy: null,
        decidedAt: null,
      };
      return ok({
        events: [
          { type: 'appraisal.entry-added', at: ctx.now, actor: ctx.actor, branchId: user.branchId, entry },
        ],
        reply: () => this.entryView(this.deps.store.entry(entry.id)!),
      });
    });
  }

  /** The clerk answers (once); an appeal waits for a manager's decision. */
  answer(meta: CommandMeta, entryId: string, text: string, appeal: boolean): Promise<Result<AppraisalEntry>> {
    return this.change(meta, entryId, 'appraisal.entry-answered', (e, now) =>
      e.answer !== null
        ? fail('APPEAL_NOT_PENDING', 'this entry has been answered already')
        : ok({ answer: text, answerAt: now, appeal, appealStatus: appeal ? 'pending' : null }),
    );
  }

  decide(meta: CommandMeta, entryId: string, outcome: 'upheld' | 'overturned', text: string) {
    return this.change(meta, entryId, 'appraisal.entry-decided', (e, now, by) =>
      e.appealStatus !== 'pending'
        ? fail('APPEAL_NOT_PENDING', 'there is no pending appeal on this entry')
        : ok({ appealStatus: outcome, decision: text, decidedBy: by, decidedAt: now }),
    );
  }

  private change(
    meta: CommandMeta,
    entryId: string,
    type: 'appraisal.entry-answered' | 'appraisal.entry-decided',
    decide: (e: AppraisalEntryRow, now: number, by: string) => Result<Partial<AppraisalEntryRow>>,
  ): Promise<Result<AppraisalEntry>> {
    return this.deps.bus.run(meta, (_s, ctx) => {
      const e = this.deps.store.entry(entryId);
      if (!e) return fail('APPRAISAL_ENTRY_NOT_FOUND', `entry ${entryId} does not exist`);
      const set = decide(e, ctx.now, ctx.actor.id);
      if (!set.ok) return set;
      return ok({
        events: [{ type, at: ctx.now, actor: ctx.actor, branchId: e.branchId, entryId, set: set.data }],
        reply: () => this.entryView(this.deps.store.entry(entryId)!),
      });
    });
  }
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Pauses longer than 30 minutes that this clerk started (closed by a resume or a close of the counter). */
function longPauses(
  rows: readonly { type: string; at: number; actorId: string; counterId: string | null }[],
  clerkId: string,
  end: number,
) {
  let n = 0;
  const open = new Map<string, number>();
  for (const r of rows) {
    if (!r.counterId) continue;
    if (r.type === 'counter.paused' && r.actorId === clerkId) open.set(r.counterId, r.at);
    else if ((r.type === 'counter.resumed' || r.type === 'counter.closed') && open.has(r.counterId)) {
      if (r.at - open.get(r.counterId)! > LONG_ABSENCE_MS) n++;
      open.delete(r.counterId);
    }
  }
  for (const at of open.values()) if (end - at > LONG_ABSENCE_MS) n++;
  return n;
}
