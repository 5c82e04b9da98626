import { describe, expect, it } from 'vitest';
import { chineseStatutoryCalendar } from '../calendar/chinese.js';
import {
  advanceCase,
  type CaseAction,
  caseDeadlines,
  DEFAULT_CASE_RULES,
  deadlineStates,
  type FollowUpCase,
} from './cases.js';
import { ratingRates } from './rating-rates.js';

const cn = chineseStatutoryCalendar();

function openCase(openedDay = '2025-09-26', id = 'case-1'): FollowUpCase {
  return {
    id,
    kind: 'bad_rating',
    channel: 'pad',
    status: 'open',
    openedDay,
    deadlines: caseDeadlines(cn, openedDay, DEFAULT_CASE_RULES),
    assigneeId: null,
    steps: [],
  };
}

function run(c: FollowUpCase, ...actions: CaseAction[]): FollowUpCase {
  return actions.reduce((acc, a, i) => {
    const r = advanceCase(acc, a, 'sup-1', 1000 + i);
    if (!r.ok) throw new Error(`${a.kind}: ${r.error.code}`);
    return r.data;
  }, c);
}

const callback: CaseAction = { kind: 'callback', method: 'phone', citizenSaid: '等了四十分钟没人叫号' };
const resolve: CaseAction = { kind: 'resolve', resolution: 'explanation', text: '高峰时段增开窗口' };
const feedback: CaseAction = { kind: 'feedback', method: 'phone', text: '已告知整改措施' };

describe('case deadlines in working days (2025 National Day: 10-01…10-08 closed, make-up 09-28 Sun, 10-11 Sat)', () => {
  it('a bad rating on Friday 09-26 is called back by the make-up Sunday and resolved by 10-23', () => {
    // By hand: callback = 1st working day after 09-26 = 09-28 (make-up Sunday).
    // Resolution = 15th: 09-28, 09-29, 09-30, 10-09, 10-10, 10-11 (Sat, make-up), 10-13…10-17,
    // 10-20, 10-21, 10-22, 10-23.
    expect(openCase().deadlines).toEqual({ callbackDay: '2025-09-28', resolutionDay: '2025-10-23' });
  });

  it('configured deadlines (3 and 10 working days) skip the holiday too', () => {
    expect(caseDeadlines(cn, '2025-09-26', { callbackWorkingDays: 3, resolutionWorkingDays: 10 })).toEqual({
      callbackDay: '2025-09-30',
      resolutionDay: '2025-10-16',
    });
  });

  it('due soon on the working day before, overdue after, done once answered', () => {
    const c = openCase();
    expect(deadlineStates(cn, c, '2025-09-26').callback).toBe('due_soon');
    expect(deadlineStates(cn, c, '2025-09-29').callback).toBe('overdue');
    expect(deadlineStates(cn, c, '2025-10-01').resolution).toBe('on_time');
    expect(deadlineStates(cn, c, '2025-10-22').resolution).toBe('due_soon');
    expect(deadlineStates(cn, c, '2025-10-24').resolution).toBe('overdue');
    const answered = run(c, callback, resolve, feedback);
    expect(deadlineStates(cn, answered, '2025-10-24')).toEqual({ callback: 'done', resolution: 'done' });
  });
});

describe('case workflow', () => {
  it('runs open → callback → resolution → feedback → satisfaction → closed, keeping every step', () => {
    const closed = run(
      openCase(),
      callback,
      resolve,
      feedback,
      { kind: 'satisfaction', satisfaction: 'satisfied' },
      {
        kind: 'close',
      },
    );
    expect(closed.status).toBe('closed');
    expect(closed.steps.map((s) => s.kind)).toEqual([
      'callback',
      'resolution',
      'feedback',
      'satisfaction',
      'closed',
    ]);
    expect(closed.steps[0]).toMatchObject({ by: 'sup-1', method: 'phone', text: '等了四十分钟没人叫号' });
  });

  it('refuses to close without feedback', () => {
    const r = advanceCase(run(openCase(), callback, resolve), { kind: 'close' }, 'sup-1', 1);
    expect(r).toMatchObject({ ok: false, error: { code: 'CASE_FEEDBACK_REQUIRED' } });
  });

  it('refuses steps out of order and empty texts', () => {
    expect(advanceCase(openCase(), resolve, 'sup-1', 1)).toMatchObject({
      ok: false,
      error: { code: 'CASE_STEP_OUT_OF_ORDER' },
    });
    expect(
      advanceCase(openCase(), { ...callback, citizenSaid: '  ' } as CaseAction, 'sup-1', 1),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    const called = run(openCase(), callback);
    expect(
      advanceCase(called, { kind: 'resolve', resolution: 'rectification', text: '改' }, 'sup-1', 1),
    ).toMatchObject({ ok: false, error: { message: /due/ } });
  });

  it('a closed case reopens with a reason and cannot be reassigned while closed', () => {
    const closed = run(openCase(), callback, resolve, feedback, { kind: 'close' });
    expect(advanceCase(closed, { kind: 'assign', assigneeId: 'u9' }, 'm', 1)).toMatchObject({
      ok: false,
      error: { code: 'CASE_CLOSED' },
    });
    const reopened = run(
      closed,
      { kind: 'reopen', reason: '市民不满意答复' },
      { kind: 'assign', assigneeId: 'u9' },
    );
    expect(reopened).toMatchObject({ status: 'open', assigneeId: 'u9' });
    expect(reopened.steps).toHaveLength(6);
  });
});

describe('published 好差评 rates on a known set', () => {
  it('computes every rate as an exact fraction', () => {
    // 40 served: 37 rated (5×20, 4×10, 3×3, 2×3, 1×1) and 3 not rated.
    const levels = [...Array(20).fill(5), ...Array(10).fill(4), ...Array(3).fill(3), 2, 2, 2, 1];
    const ratings = [
      ...levels.map((level) => ({ level })),
      { level: null },
      { level: null },
      { level: null },
    ];
    const c1 = run(openCase('2025-09-26', 'a'), callback, resolve, feedback, {
      kind: 'satisfaction',
      satisfaction: 'satisfied',
    });
    const c2 = run(openCase('2025-09-26', 'b'), callback, resolve, feedback, {
      kind: 'satisfaction',
      satisfaction: 'dissatisfied',
    });
    const c3 = run(openCase('2025-09-26', 'c'), callback);
    const c4 = openCase('2025-09-26', 'd');
    const rates = ratingRates({ served: 40, ratings, badRatingCases: [c1, c2, c3, c4], overdueCases: 1 });
    expect(rates.byLevel).toEqual({ 1: 1, 2: 3, 3: 3, 4: 10, 5: 20 });
    expect(rates.bad).toBe(4);
    expect(rates.good).toEqual({ numerator: 33, denominator: 37, percent: 89.2 });
    expect(rates.notRated).toEqual({ numerator: 3, denominator: 40, percent: 7.5 });
    expect(rates.answered).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    expect(rates.followedUp).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    expect(rates.followUpSatisfied).toEqual({ numerator: 1, denominator: 3, percent: 33.3 });
    // Good levels are configurable: 4–5 only.
    expect(
      ratingRates({ served: 40, ratings, badRatingCases: [], overdueCases: 0, goodLevels: [4, 5] }).good,
    ).toEqual({ numerator: 30, denominator: 37, percent: 81.1 });
  });

  it('gives no percentage, not 0 %, when nothing was rated', () => {
    expect(
      ratingRates({ served: 0, ratings: [], badRatingCases: [], overdueCases: 0 }).good.percent,
    ).toBeNull();
  });
});
