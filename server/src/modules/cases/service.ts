import type { CaseStore, RatingRow } from '@guichet/db';
import type { CaseConfig } from '../../config/env.js';
import { advanceCase, type CaseAction } from '../../core/cases.js';
import { fail, ok, type Result } from '../../core/errors.js';
import type { QueueState } from '../../core/index.js';
import { businessDay } from '../../core/time.js';
import type { Branch } from '../../core/types.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { CaseView } from '../../protocol/schemas/case-views.js';
import { branchCalendar, caseDates, complaintSummary, maskPhone, openCaseRow } from './deadlines.js';
import './events.js';
import { caseView, followUpOf, isDueSoon, isOverdue, type ViewContext } from './views.js';

const OPEN_STATUSES = ['open', 'called_back', 'resolved', 'answered'] as const;

/** The cases the live monitor raises alerts for (see monitor-source.ts). */
export interface CaseAlerts {
  dueSoon: CaseView[];
  overdue: CaseView[];
  /** Bad ratings still waiting for their first callback. */
  fresh: CaseView[];
}

export interface Complaint {
  branchId: string;
  channel: 'phone' | 'phone_call' | 'letter' | 'hotline' | 'in_person';
  category: string;
  text: string;
  ticketId?: string | undefined;
  serviceId?: string | undefined;
  counterId?: string | undefined;
  clerkId?: string | undefined;
  contact?: { name?: string | undefined; phone?: string | undefined } | undefined;
  receivedAt?: number | undefined;
  /** Keyed hash of the phone page's address (limit per address and day). */
  originHash?: string | undefined;
}

export interface CaseFilter {
  status?: string | undefined;
  kind?: string | undefined;
  channel?: string | undefined;
  overdue?: boolean | undefined;
  deadline?: 'due_soon' | 'overdue' | undefined;
  counterId?: string | undefined;
  clerkId?: string | undefined;
  serviceId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface CasesDeps {
  bus: CommandBus;
  store: CaseStore;
  rules: CaseConfig;
  rating: (ticketId: string) => RatingRow | undefined;
  userName: (id: string) => string | null;
  /** The finisher of a ticket (the clerk a complaint about it concerns). */
  finishedBy: (ticketId: string) => string | null;
  dayStart: (day: string, timezone: string) => number;
}

/**
 * Cases on the one write path: complaints open them, each workflow step (core/cases.ts) is a
 * command whose event appends a step row; reads build the views with deadlines on today's
 * branch calendar. Reads of cases are audited by the routes through `audit`.
 */
export class Cases {
  constructor(private readonly deps: CasesDeps) {}

  get state(): QueueState {
    return this.deps.bus.state;
  }

  now(): number {
    return this.deps.bus.now();
  }

  get store(): CaseStore {
    return this.deps.store;
  }

  branch(branchId: string): Branch | undefined {
    return this.state.branches.get(branchId);
  }

  private context(branch: Branch): ViewContext {
    const codes = new Map<string, string | null>();
    return {
      branch,
      calendar: branchCalendar(branch),
      today: businessDay(this.deps.bus.now(), branch.timezone),
      rating: this.deps.rating,
      ticketCode: (id) => {
        if (!codes.has(id)) codes.set(id, this.deps.store.ticketCodes([id]).get(id) ?? null);
        return codes.get(id) ?? null;
      },
      userName: this.deps.userName,
    };
  }

  view(caseId: string): CaseView | null {
    const row = this.deps.store.caseOf(caseId);
    const branch = row && this.branch(row.branchId);
    if (!row || !branch) return null;
    return caseView(row, this.deps.store.stepsOf([row.id]), this.context(branch));
  }

  list(branchId: string, f: CaseFilter): CaseView[] {
    const branch = this.branch(branchId);
    if (!branch) return [];
    const { dayStart } = this.deps;
    const rows = this.deps.store.listCases({
      branchId,
      status: f.status,
      kind: f.kind,
      channel: f.channel,
      counterId: f.counterId,
      clerkId: f.clerkId,
      serviceId: f.serviceId,
      fromAt: f.from ? dayStart(f.from, branch.timezone) : undefined,
      toAt: f.to ? dayStart(nextDay(f.to), branch.timezone) : undefined,
    });
    const steps = groupBy(this.deps.store.stepsOf(rows.map((r) => r.id)), (s) => s.caseId);
    const ctx = this.context(branch);
    return rows
      .map((r) => caseView(r, steps.get(r.id) ?? [], ctx))
      .filter((v) => (f.overdue === undefined ? true : isOverdue(v) === f.overdue))
      .filter((v) =>
        f.deadline === 'overdue' ? isOverdue(v) : f.deadline === 'due_soon' ? isDueSoon(v) : true,
      );
  }

  /** For the live monitor: open cases due soon and overdue on today's branch calendar. */
  alerts(branchId: string): CaseAlerts {
    // By status, on the (branch, status) index: closed cases pile up over the years, open ones do not.
    const open = OPEN_STATUSES.flatMap((status) => this.list(branchId, { status }));
    return {
      dueSoon: open.filter(isDueSoon),
      overdue: open.filter(isOverdue),
      // A bad rating nobody has called back yet: the supervisor hears of it at once.
      fresh: open.filter((v) => v.kind === 'bad_rating' && v.status === 'open'),
    };
  }

  complain(meta: CommandMeta, c: Complaint): Promise<Result<CaseView>> {
    return this.deps.bus.run(meta, (state, ctx) => {
      const branch = state.branches.get(c.branchId);
      if (!branch) return fail('BRANCH_NOT_FOUND', `branch ${c.branchId} does not exist`);
      if (c.text.trim() === '') return fail('VALIDATION_FAILED', 'the complaint is empty');
      const ticket = c.ticketId ? (state.tickets.get(c.ticketId) ?? null) : null;
      const code = c.ticketId ? (this.deps.store.ticketCodes([c.ticketId]).get(c.ticketId) ?? null) : null;
      if (c.ticketId && !code) return fail('TICKET_NOT_FOUND', `ticket ${c.ticketId} does not exist`);
      if (c.serviceId && !state.services.has(c.serviceId))
        return fail('SERVICE_NOT_FOUND', `service ${c.serviceId} does not exist`);
      if (c.counterId && !state.counters.has(c.counterId))
        return fail('COUNTER_NOT_FOUND', `counter ${c.counterId} does not exist`);
      if (c.clerkId && this.deps.userName(c.clerkId) === null)
        return fail('USER_NOT_FOUND', `user ${c.clerkId} does not exist`);
      if (c.channel === 'phone' && c.ticketId && c.originHash) {
        const n = this.deps.store.complaintCounts(c.ticketId, c.originHash, ctx.now - 86_400_000);
        if (n.byTicket >= this.deps.rules.complaintsPerTicket)
          return fail('COMPLAINT_LIMIT_REACHED', 'this ticket has sent its complaints already');
        if (n.byOrigin >= this.deps.rules.complaintsPerAddressPerDay)
          return fail('COMPLAINT_LIMIT_REACHED', 'too many complaints from this address today');
      }
      const at = c.receivedAt && c.receivedAt < ctx.now ? c.receivedAt : ctx.now;
      const d = caseDates(branch, at, this.deps.rules);
      const summary = complaintSummary(code, c.channel, c.category);
      const phone = c.contact?.phone?.trim() || null;
      const row = openCaseRow(
        {
          id: ctx.newId(),
          branchId: c.branchId,
          kind: 'complaint',
          ticketId: c.ticketId ?? null,
          ratingId: null,
          channel: c.channel,
          category: c.category,
          citizenText: c.text,
          serviceId: c.serviceId ?? ticket?.serviceId ?? null,
          counterId: c.counterId ?? ticket?.counterId ?? null,
          clerkId: c.clerkId ?? (c.ticketId ? this.deps.finishedBy(c.ticketId) : null),
          contactName: c.contact?.name?.trim() || null,
          contactMasked: phone ? maskPhone(phone) : null,
          contactPhone: phone,
          originHash: c.originHash ?? null,
        },
        summary,
        at,
        d,
      );
      return ok({
        events: [{ type: 'case.opened', at: ctx.now, actor: ctx.actor, branchId: c.branchId, case: row }],
        reply: () => this.view(row.id)!,
      });
    });
  }

  step(meta: CommandMeta, caseId: string, action: CaseAction, at?: number): Promise<Result<CaseView>> {
    return this.deps.bus.run(meta, (state, ctx) => {
      const row = this.deps.store.caseOf(caseId);
      const branch = row && state.branches.get(row.branchId);
      if (!row || !branch) return fail('CASE_NOT_FOUND', `case ${caseId} does not exist`);
      const when = at !== undefined && at <= ctx.now ? at : ctx.now;
      const c = followUpOf(row, this.deps.store.stepsOf([caseId]), branch.timezone);
      const next = advanceCase(c, action, ctx.actor.id, when);
      if (!next.ok) return next;
      const { at: stepAt, by, kind, ...detail } = next.data.steps.at(-1)!;
      const status = next.data.status;
      return ok({
        events: [
          {
            type: 'case.stepped',
            at: ctx.now,
            actor: ctx.actor,
            branchId: row.branchId,
            step: { caseId, at: stepAt, by, kind, detail: detail as Record<string, string> },
            status,
            assigneeId: next.data.assigneeId,
            closedAt: status === 'closed' ? ctx.now : null,
          },
        ],
        reply: () => this.view(caseId)!,
      });
    });
  }

  /** The unmasked callback number (managers); the route audits it. */
  contact(caseId: string): { name: string | null; phone: string | null } | null {
    const row = this.deps.store.caseOf(caseId);
    return row ? { name: row.contactName, phone: row.contactPhone } : null;
  }

  /** One audit row per read of cases or personal data (who read what, from where). */
  async audit(
    meta: CommandMeta,
    branchId: string,
    what: 'case' | 'list' | 'ledger' | 'export' | 'contact' | 'appraisal',
    subjects: string[],
    detail: string | null = null,
  ): Promise<void> {
    await this.deps.bus.run(meta, (_s, ctx) =>
      ok({
        events: [
          {
            type: 'case.viewed',
            at: ctx.now,
            actor: ctx.actor,
            branchId,
            what,
            subjects: subjects.slice(0, 500),
            detail,
          },
        ],
        reply: () => undefined,
      }),
    );
  }
}

export const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}
