import type { CaseRow, CaseStepRow, RatingRow } from '@guichet/db';
import type { WorkingCalendar } from '../../core/calendar.js';
import { type CaseStep, deadlineStates, type FollowUpCase } from '../../core/cases.js';
import { businessDay } from '../../core/time.js';
import type { Branch } from '../../core/types.js';
import type { CaseView } from '../../protocol/schemas/case-views.js';

/** The rows of one case turned into core's FollowUpCase (for the workflow) and the wire view. */
export function followUpOf(row: CaseRow, steps: readonly CaseStepRow[], timezone: string): FollowUpCase {
  const openedDay = row.openedDay ?? businessDay(row.openedAt, timezone);
  // Rows from before working-day deadlines had only a due time: their callback was due the day they opened.
  const resolutionDay = row.resolutionDay ?? businessDay(row.dueAt - 1, timezone);
  return {
    id: row.id,
    kind: row.kind as FollowUpCase['kind'],
    channel: row.channel as FollowUpCase['channel'],
    status: row.status === 'assigned' ? 'open' : (row.status as FollowUpCase['status']),
    openedDay,
    deadlines: { callbackDay: row.callbackDay ?? openedDay, resolutionDay },
    assigneeId: row.assigneeId,
    steps: steps.map((s) => ({ at: s.at, by: s.by, kind: s.kind, ...s.detail }) as CaseStep),
  };
}

export interface ViewContext {
  branch: Pick<Branch, 'timezone'>;
  calendar: WorkingCalendar;
  today: string;
  rating: (ticketId: string) => RatingRow | undefined;
  ticketCode: (ticketId: string) => string | null;
  userName: (id: string) => string | null;
}

export function caseView(row: CaseRow, steps: readonly CaseStepRow[], ctx: ViewContext): CaseView {
  const c = followUpOf(row, steps, ctx.branch.timezone);
  const r = row.kind === 'bad_rating' && row.ticketId ? ctx.rating(row.ticketId) : undefined;
  const code = row.ticketId ? ctx.ticketCode(row.ticketId) : null;
  const states =
    row.status === 'closed'
      ? { callback: 'done' as const, resolution: 'done' as const }
      : deadlineStates(ctx.calendar, c, ctx.today);
  return {
    id: row.id,
    branchId: row.branchId,
    kind: c.kind,
    channel: c.channel,
    category: row.category,
    status: c.status,
    ticket: row.ticketId && code ? { id: row.ticketId, code } : null,
    serviceId: row.serviceId,
    counterId: row.counterId,
    clerkId: row.clerkId,
    rating:
      r && r.score !== null
        ? {
            level: r.score,
            reasons: r.reasons ?? (r.reason ? [r.reason] : []),
            text: r.text,
            dimensions: r.dimensions ?? {},
          }
        : null,
    summary: { 'zh-CN': row.summaryZh ?? row.summary, en: row.summary },
    citizenText: row.citizenText,
    contact:
      row.contactName || row.contactMasked ? { name: row.contactName, phone: row.contactMasked } : null,
    assigneeId: row.assigneeId,
    openedAt: row.openedAt,
    openedDay: c.openedDay,
    deadlines: c.deadlines,
    deadlineState: states,
    closedAt: row.closedAt,
    steps: c.steps.map((s) => ({ ...s, byName: ctx.userName(s.by) })),
  };
}

export const isOverdue = (v: CaseView) =>
  v.deadlineState.callback === 'overdue' || v.deadlineState.resolution === 'overdue';
export const isDueSoon = (v: CaseView) =>
  !isOverdue(v) && (v.deadlineState.callback === 'due_soon' || v.deadlineState.resolution === 'due_soon');
