import { addWorkingDays, isWorkingDay, type WorkingCalendar } from './calendar.js';
import { fail, ok, type Result } from './errors.js';

/**
 * Follow-up cases (差评 and complaints), the way the 好差评 practice runs them:
 * open (待核实) → callback made (回访核实) → resolution (整改/解释/复核) → feedback to the citizen
 * (反馈) → the citizen's satisfaction with the answer → closed (办结). Every step is recorded,
 * none is erased; a case never closes without a feedback record. Deadlines count working days
 * of the branch calendar from the day the case opened. Pure: decisions in, new case out.
 */
export type CaseKind = 'bad_rating' | 'complaint';
/**
 * Where a case came from: a rating channel, or staff entering a phone call, a letter, the 12345
 * hotline, a visit. The one list: the wire schema's and the ledger filter's, in this order.
 */
export const CASE_CHANNELS = [
  'pad',
  'phone',
  'keypad',
  'kiosk',
  'web',
  'phone_call',
  'letter',
  'hotline',
  'in_person',
] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
/** A case's steps in the order it goes through them (the wire schema's and the ledger filter's list). */
export const CASE_STATUSES = ['open', 'called_back', 'resolved', 'answered', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type ContactMethod = 'phone' | 'sms' | 'visit' | 'letter' | 'email' | 'other';
export type ResolutionKind = 'fixed_on_spot' | 'rectification' | 'explanation' | 'disputed_reviewed';
export type AnswerSatisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'unreachable';

export interface CaseDeadlines {
  callbackDay: string;
  resolutionDay: string;
}

export interface CaseRules {
  callbackWorkingDays: number;
  resolutionWorkingDays: number;
}

export const DEFAULT_CASE_RULES: CaseRules = { callbackWorkingDays: 1, resolutionWorkingDays: 15 };

export interface CaseStep {
  at: number;
  by: string;
  kind: 'callback' | 'resolution' | 'feedback' | 'satisfaction' | 'assigned' | 'closed' | 'reopened';
  method?: ContactMethod;
  /** What the citizen said, what was done, or what was answered — in the words given. */
  text?: string;
  resolution?: ResolutionKind;
  /** For a rectification with a deadline. */
  dueDay?: string;
  satisfaction?: AnswerSatisfaction;
  assigneeId?: string;
}

export interface FollowUpCase {
  id: string;
  kind: CaseKind;
  channel: CaseChannel;
  status: CaseStatus;
  openedDay: string;
  deadlines: CaseDeadlines;
  assigneeId: string | null;
  steps: CaseStep[];
}

export function caseDeadlines(calendar: WorkingCalendar, openedDay: string, rules: CaseRules): CaseDeadlines {
  return {
    callbackDay: addWorkingDays(calendar, openedDay, rules.callbackWorkingDays),
    resolutionDay: addWorkingDays(calendar, openedDay, rules.resolutionWorkingDays),
  };
}

export type CaseAction =
  | { kind: 'callback'; method: ContactMethod; citizenSaid: string }
  | { kind: 'resolve'; resolution: ResolutionKind; text: string; dueDay?: string }
  | { kind: 'feedback'; method: ContactMethod; text: string }
  | { kind: 'satisfaction'; satisfaction: AnswerSatisfaction }
  | { kind: 'assign'; assigneeId: string }
  | { kind: 'close' }
  | { kind: 'reopen'; reason: string };

const has = (c: FollowUpCase, kind: CaseStep['kind']) => c.steps.some((s) => s.kind === kind);

/** Which status each action needs, and where it leads. */
const FLOW: Record<Exclude<CaseAction['kind'], 'assign'>, { from: CaseStatus[]; to: CaseStatus | null }> = {
  callback: { from: ['open', 'called_back'], to: 'called_back' },
  resolve: { from: ['called_back'], to: 'resolved' },
  feedback: { from: ['resolved', 'answered'], to: 'answered' },
  satisfaction: { from: ['answered'], to: null },
  close: { from: ['answered'], to: 'closed' },
  reopen: { from: ['closed'], to: 'open' },
};

/** Applies one step of the workflow, or says why it cannot be taken now. */
export function advanceCase(
  c: FollowUpCase,
  action: CaseAction,
  by: string,
  at: number,
): Result<FollowUpCase> {
  if (action.kind === 'assign') {
    if (c.status === 'closed')
      return fail('CASE_CLOSED', 'a closed case cannot be reassigned; reopen it first');
    return ok(
      step(c, { at, by, kind: 'assigned', assigneeId: action.assigneeId }, c.status, action.assigneeId),
    );
  }
  const flow = FLOW[action.kind];
  if (action.kind === 'close' && !has(c, 'feedback')) {
    return fail('CASE_FEEDBACK_REQUIRED', 'a case closes only after the citizen has been given feedback');
  }
  if (!flow.from.includes(c.status)) {
    return fail(
      'CASE_STEP_OUT_OF_ORDER',
      `cannot ${action.kind} a case that is ${c.status.replace('_', ' ')}`,
    );
  }
  const text = 'citizenSaid' in action ? action.citizenSaid : 'text' in action ? action.text : undefined;
  if (text !== undefined && text.trim() === '')
    return fail('VALIDATION_FAILED', `${action.kind} needs a text`);
  const to = flow.to ?? c.status;
  switch (action.kind) {
    case 'callback':
      return ok(step(c, { at, by, kind: 'callback', method: action.method, text: action.citizenSaid }, to));
    case 'resolve': {
      if (action.resolution === 'rectification' && !action.dueDay) {
        return fail('VALIDATION_FAILED', 'a rectification needs the day it is due');
      }
      const dueDay = action.resolution === 'rectification' ? action.dueDay : undefined;
      return ok(
        step(c, { at, by, kind: 'resolution', resolution: action.resolution, text: action.text, dueDay }, to),
      );
    }
    case 'feedback':
      return ok(step(c, { at, by, kind: 'feedback', method: action.method, text: action.text }, to));
    case 'satisfaction':
      return ok(step(c, { at, by, kind: 'satisfaction', satisfaction: action.satisfaction }, to));
    case 'close':
      return ok(step(c, { at, by, kind: 'closed' }, to));
    case 'reopen':
      if (action.reason.trim() === '') return fail('VALIDATION_FAILED', 'reopening needs a reason');
      return ok(step(c, { at, by, kind: 'reopened', text: action.reason }, to));
  }
}

function step(c: FollowUpCase, s: CaseStep, status: CaseStatus, assigneeId = c.assigneeId): FollowUpCase {
  const clean = Object.fromEntries(
    Object.entries(s).filter(([, v]) => v !== undefined),
  ) as unknown as CaseStep;
  return { ...c, status, assigneeId, steps: [...c.steps, clean] };
}

export type DeadlineState = 'done' | 'on_time' | 'due_soon' | 'overdue';

/**
 * Where each deadline stands on `today`: the callback until one is made, the resolution until
 * the citizen has had feedback. "Due soon" is the due day itself or the working day before it.
 */
export function deadlineStates(
  calendar: WorkingCalendar,
  c: FollowUpCase,
  today: string,
): { callback: DeadlineState; resolution: DeadlineState } {
  const judge = (done: boolean, dueDay: string): DeadlineState => {
    if (done) return 'done';
    if (today > dueDay) return 'overdue';
    if (today === dueDay) return 'due_soon';
    const next = addWorkingDays(calendar, today, isWorkingDay(calendar, today) ? 1 : 0);
    return next >= dueDay ? 'due_soon' : 'on_time';
  };
  return {
    callback: judge(has(c, 'callback'), c.deadlines.callbackDay),
    resolution: judge(has(c, 'feedback'), c.deadlines.resolutionDay),
  };
}
