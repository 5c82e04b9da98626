// @vitest-environment happy-dom
import type { AppraisalEntry, AppraisalRecord } from '@guichet/server/kit';
import { FakeServer } from '@guichet/server/kit/testing';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { now, session, setLocale } from '../store';
import { MyRecord } from './MyRecord';
import { RECORD_STRINGS } from './strings';

const TODAY = '2026-09-22';
const YESTERDAY = '2026-09-21';
const at = (hhmm: string, day = TODAY) => new Date(`${day}T${hhmm}:00`).getTime();
const fraction = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  percent: denominator ? Math.round((numerator / denominator) * 1000) / 10 : null,
});

function entry(over: Partial<AppraisalEntry> = {}): AppraisalEntry {
  return {
    id: 'e1',
    userId: 'user-clerk1',
    date: TODAY,
    kind: 'inspection',
    observation: '离岗未摆放暂停牌',
    evidence: '监控 10:12',
    points: -2,
    authorId: 'user-supervisor',
    authorName: '李主管',
    at: at('10:30'),
    answer: null,
    appeal: null,
    ...over,
  };
}

function day(date: string, over: Partial<AppraisalRecord> = {}): AppraisalRecord {
  return {
    userId: 'user-clerk1',
    name: '王芳',
    staffNumber: '1001',
    date,
    published: { open: '08:30', close: '17:00' },
    firstSignInAt: at('08:41', date),
    lastSignOutAt: null,
    lateMinutes: 11,
    earlyLeaveMinutes: 0,
    sessionSeconds: 3 * 3600,
    pausedSeconds: 1200,
    pausesByReason: { 午餐: 1200 },
    longAbsences: 0,
    served: 17,
    noShows: 2,
    transfers: 1,
    handleMeanSeconds: 247,
    handleP90Seconds: 512,
    handleVsServiceMedian: 1.12,
    idleWhileWaitingSeconds: 300,
    ratings: {
      byLevel: { 1: 1, 2: 0, 3: 1, 4: 4, 5: 8 },
      notRated: 3,
      bad: 1,
      good: fraction(13, 14),
      notRatedRate: fraction(3, 17),
    },
    cases: { opened: 1, overdue: 1 },
    entries: [],
    points: 0,
    producedAt: null,
    revisedAt: null,
    ...over,
  };
}

let server: FakeServer;
const onClose = vi.fn();
const open = () => render(<MyRecord onClose={onClose} />);

beforeEach(() => {
  setLocale('zh-CN');
  now.value = at('11:00');
  session.value = {
    token: 'tok-clerk1',
    user: {
      id: 'user-clerk1',
      username: 'clerk1',
      displayName: '王芳',
      role: 'clerk',
      staffNumber: '1001',
      branchId: 'demo-hall',
    },
  };
  server = new FakeServer();
  server.routes['appraisal:user'] = () => [
    200,
    {
      days: [
        day(YESTERDAY, { producedAt: at('00:00', TODAY) + 30_000, served: 30, lateMinutes: 0 }),
        day(TODAY, { entries: [entry()], points: -2 }),
      ],
    },
  ];
  vi.stubGlobal('fetch', server.fetch);
  onClose.mockReset();
});
afterEach(() => {
  cleanup();
  session.value = null;
  vi.unstubAllGlobals();
});

describe('my record (我的考评)', () => {
  it("asks for the signed-in clerk's own record, today and the six days before, and shows today's figures", async () => {
    open();
    await waitFor(() => expect(screen.getByTestId('rec-served').textContent).toBe('17'));
    const [req] = server.requestsTo('appraisal:user');
    expect(req).toMatchObject({
      params: { id: 'user-clerk1' },
      query: { from: '2026-09-16', to: TODAY },
      headers: { Authorization: 'Bearer tok-clerk1' },
    });
    expect(screen.getByTestId('rec-late').textContent).toBe('11 分钟');
    expect(screen.getByTestId('rec-level-5').textContent).toBe('8');
    expect(screen.getByTestId('rec-not-rated-rate').textContent).toBe('17.6%');
    expect(screen.getByTestId('rec-overdue').textContent).toBe('1');
    expect(screen.getByText('暂停：午餐')).toBeTruthy();
    expect(screen.getByText('1.12 倍')).toBeTruthy();
    expect(screen.getByTestId('record-origin').textContent).toContain('实时计算');
    expect(screen.getAllByRole('tab')).toHaveLength(7);
    expect(screen.getByRole('dialog').getAttribute('aria-labelledby')).toBe('my-record-title');
  });

  it('moves between days with the arrow keys and shows a stored day as stored; Escape closes', async () => {
    open();
    await waitFor(() => screen.getByTestId('rec-served'));
    const todayTab = screen.getByRole('tab', { name: '今天' });
    expect(document.activeElement).toBe(todayTab);
    fireEvent.keyDown(todayTab, { key: 'ArrowRight' });
    await waitFor(() => expect(screen.getByTestId('rec-served').textContent).toBe('30'));
    expect(document.activeElement?.getAttribute('data-day')).toBe(YESTERDAY);
    expect(screen.getByTestId('record-origin').textContent).toContain('自动存档');
    // Tab wraps inside the panel: back from its first stop (Close) to its last, and on again.
    const close = screen.getByRole('button', { name: '关闭' });
    close.focus();
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    const last = document.activeElement as HTMLElement;
    expect(screen.getByRole('dialog').contains(last)).toBe(true);
    expect(last).not.toBe(close);
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('sends her answer as an appeal and shows it pending; an empty answer is not sent', async () => {
    server.routes['appraisal:entry-answer'] = (req) => {
      const body = req.body as { text: string; appeal: boolean };
      return [
        200,
        entry({
          answer: { text: body.text, at: at('11:00'), appeal: body.appeal },
          appeal: { status: 'pending', decision: null, decidedBy: null, decidedAt: null },
        }),
      ];
    };
    open();
    const card = await screen.findByTestId('record-entry');
    expect(within(card).getByText('记录人：李主管 · 10:30')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: '提交说明' }));
    expect(within(card).getByRole('alert').textContent).toBe('请先填写说明。');
    expect(server.requestsTo('appraisal:entry-answer')).toHaveLength(0);
    fireEvent.input(within(card).getByLabelText('我的说明'), { target: { value: '当时在协助老人取号' } });
    fireEvent.click(within(card).getByLabelText('申诉（请经理复核）'));
    fireEvent.click(within(card).getByRole('button', { name: '提交申诉' }));
    await waitFor(() => expect(screen.getByTestId('appeal-status').textContent).toBe('申诉待复核'));
    expect(server.requestsTo('appraisal:entry-answer')[0]).toMatchObject({
      params: { id: 'e1' },
      body: { text: '当时在协助老人取号', appeal: true },
    });
    expect(screen.queryByLabelText('我的说明')).toBeNull();
  });

  it('says why an answer was refused, in her language', async () => {
    setLocale('en');
    server.routes['appraisal:entry-answer'] = () => [
      409,
      { error: { code: 'APPEAL_NOT_PENDING', message: 'this entry has been answered already' } },
    ];
    open();
    const card = await screen.findByTestId('record-entry');
    fireEvent.input(within(card).getByLabelText('My answer'), { target: { value: 'ok' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Send answer' }));
    await waitFor(() => expect(within(card).getByRole('alert').textContent).not.toBe(''));
    expect(screen.getByText('Inspection entries')).toBeTruthy();
  });

  it('shows a failed load with a retry', async () => {
    server.routes['appraisal:user'] = () => [403, { error: { code: 'FORBIDDEN', message: 'no' } }];
    open();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('考评记录加载失败');
    server.routes['appraisal:user'] = () => [200, { days: [day(TODAY)] }];
    fireEvent.click(within(alert).getByRole('button', { name: '重试' }));
    await waitFor(() => expect(screen.getByTestId('rec-served').textContent).toBe('17'));
  });

  it('has every word in both languages', () => {
    const zh = RECORD_STRINGS['zh-CN'];
    const en = RECORD_STRINGS.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const table of [zh, en]) for (const v of Object.values(table)) expect(v.trim()).not.toBe('');
  });
});
