// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { appraisalRecord, caseView } from '../../testing/cases';
import { fakeServer, hall, resetAfterEach, seedManager, T0 } from '../../testing/fixtures';
import { Cases } from './Cases';
import type { CaseView } from './lib';

resetAfterEach();

type Step = CaseView['steps'][number];
const step = (kind: Step['kind'], over: Partial<Step> = {}): Step => ({
  at: T0 + 3_600_000,
  by: 'user-manager',
  byName: '周主任',
  kind,
  ...over,
});

function setup(cases = [caseView()]) {
  seedManager(hall());
  const server = fakeServer();
  server.routes['cases:list'] = () => [200, cases];
  server.routes['appraisal:branch'] = () => [200, { date: '2026-11-27', records: [appraisalRecord()] }];
  render(<Cases />);
  return server;
}

describe('case ledger (台账)', () => {
  it('lists cases with their deadlines, due-soon and overdue badges, clerk names from the day records', async () => {
    setLocale('zh-CN');
    setup([
      caseView(),
      caseView({
        id: 'case-2',
        kind: 'complaint',
        channel: 'hotline',
        ticket: null,
        clerkId: null,
        summary: { 'zh-CN': '12345 转来：窗口人员态度差', en: 'From 12345: rude clerk' },
        deadlineState: { callback: 'overdue', resolution: 'on_time' },
      }),
    ]);
    const table = await screen.findByTestId('case-table');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
    await waitFor(() => expect(table.querySelector('[data-case="case-1"]')!.textContent).toContain('王芳'));
    const first = table.querySelector('[data-case="case-1"]')!;
    expect(first.textContent).toContain('差评');
    expect(first.textContent).toContain('评价器');
    expect(first.querySelector('[data-deadline="due_soon"]')!.textContent).toBe('● 即将到期');
    const second = table.querySelector('[data-case="case-2"]')!;
    expect(second.textContent).toContain('12345 热线');
    expect(second.querySelector('[data-deadline="overdue"]')!.textContent).toBe('▲ 已超期');
  });

  it('sends the filters chosen: status, deadline, counter, clerk, channel, period', async () => {
    setLocale('en');
    const server = setup();
    await screen.findByTestId('case-table');
    await waitFor(() =>
      expect(document.querySelector('[data-filter="clerkId"] option[value="user-clerk1"]')).not.toBeNull(),
    );
    const pick = (k: string, v: string) =>
      fireEvent.change(document.querySelector(`[data-filter="${k}"]`)!, { target: { value: v } });
    pick('status', 'open');
    pick('deadline', 'overdue');
    pick('counterId', 'ctr-2');
    pick('clerkId', 'user-clerk1');
    pick('channel', 'pad');
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByTestId('apply-filters'));
    await waitFor(() => expect(server.requestsTo('cases:list')).toHaveLength(2));
    expect(server.requestsTo('cases:list')[1]!.query).toEqual({
      status: 'open',
      deadline: 'overdue',
      counterId: 'ctr-2',
      clerkId: 'user-clerk1',
      channel: 'pad',
      from: '2026-11-01',
    });
  });

  it('walks a case: callback, resolution, feedback, satisfaction; close waits for feedback and says why', async () => {
    setLocale('zh-CN');
    const server = setup();
    let current = caseView();
    server.routes['case:view'] = () => [200, current];
    const answer = (next: typeof current) => () => {
      current = next;
      return [200, next] as [number, unknown];
    };
    fireEvent.click(await screen.findByRole('button', { name: '查看' }));
    await screen.findByTestId('case-detail');
    const close = screen.getByTestId('close-case') as HTMLButtonElement;
    expect(close.disabled).toBe(true);
    expect(screen.getByTestId('close-why').textContent).toContain('尚无反馈记录，不能办结');
    expect(screen.getByTestId('case-deadlines').textContent).toContain('回访：2026-11-30');

    const called = caseView({
      status: 'called_back',
      steps: [step('callback', { method: 'phone', text: '说窗口人员不耐烦' })],
    });
    server.routes['case:callback'] = answer(called);
    fireEvent.input(document.querySelector('[data-form="callback"] textarea')!, {
      target: { value: '说窗口人员不耐烦' },
    });
    fireEvent.submit(document.querySelector('[data-form="callback"]')!);
    await waitFor(() => expect(document.querySelector('[data-step="callback"].done')).not.toBeNull());
    expect(server.requestsTo('case:callback')[0]!.body).toEqual({
      method: 'phone',
      citizenSaid: '说窗口人员不耐烦',
    });

    // A rectification needs its due day before it can be saved.
    const form = () => document.querySelector('[data-form="resolution"]')!;
    fireEvent.change(form().querySelector('select')!, { target: { value: 'rectification' } });
    fireEvent.input(form().querySelector('textarea')!, { target: { value: '约谈窗口人员，规范服务用语' } });
    expect((screen.getByTestId('save-resolution') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(form().querySelector('input[type=date]')!, { target: { value: '2026-12-04' } });
    server.routes['case:resolve'] = answer(
      caseView({
        status: 'resolved',
        steps: [...called.steps, step('resolution', { resolution: 'rectification', dueDay: '2026-12-04' })],
      }),
    );
    fireEvent.submit(form());
    await waitFor(() => expect(document.querySelector('[data-step="resolution"].done')).not.toBeNull());
    expect(server.requestsTo('case:resolve')[0]!.body).toEqual({
      resolution: 'rectification',
      text: '约谈窗口人员，规范服务用语',
      dueDay: '2026-12-04',
    });

    // Still no feedback: closing anyway is refused by the server, and the refusal reads in Chinese.
    expect((screen.getByTestId('close-case') as HTMLButtonElement).disabled).toBe(true);
    const answered = caseView({
      status: 'answered',
      steps: [...current.steps, step('feedback', { method: 'phone', text: '已致电说明整改情况' })],
    });
    server.routes['case:feedback'] = answer(answered);
    fireEvent.input(document.querySelector('[data-form="feedback"] textarea')!, {
      target: { value: '已致电说明整改情况' },
    });
    fireEvent.submit(document.querySelector('[data-form="feedback"]')!);
    await waitFor(() => expect((screen.getByTestId('close-case') as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByTestId('close-why')).toBeNull();

    server.routes['case:satisfaction'] = answer(
      caseView({
        status: 'answered',
        steps: [...answered.steps, step('satisfaction', { satisfaction: 'basically_satisfied' })],
      }),
    );
    fireEvent.click(document.querySelector('[data-satisfaction="basically_satisfied"]')!);
    await waitFor(() => expect(document.querySelector('[data-step="satisfaction"].done')).not.toBeNull());

    server.routes['case:close'] = () => [
      422,
      { error: { code: 'CASE_FEEDBACK_REQUIRED', message: 'feedback first' } },
    ];
    fireEvent.click(screen.getByTestId('close-case'));
    expect((await screen.findByTestId('case-error')).textContent).toBe('没有反馈记录，不能办结。');
    server.routes['case:close'] = answer({ ...current, status: 'closed', closedAt: T0 + 7_200_000 });
    fireEvent.click(screen.getByTestId('close-case'));
    await waitFor(() => expect(screen.getByTestId('case-status').textContent).toBe('已办结'));
  });

  it('staff enter a 12345 complaint; it is sent with its channel and the list reloads', async () => {
    setLocale('en');
    const server = setup();
    server.routes['complaints:create'] = () => [
      201,
      caseView({ id: 'case-9', kind: 'complaint', channel: 'hotline' }),
    ];
    fireEvent.click(await screen.findByTestId('new-complaint'));
    const dialog = await screen.findByTestId('complaint-entry');
    fireEvent.change(dialog.querySelector('select[name=channel]')!, { target: { value: 'hotline' } });
    fireEvent.change(dialog.querySelector('select[name=category]')!, { target: { value: 'efficiency' } });
    fireEvent.input(dialog.querySelector('textarea')!, {
      target: { value: 'Waited two hours for a pension form' },
    });
    fireEvent.input(dialog.querySelector('input[name=phone]')!, { target: { value: '13812345678' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(server.requestsTo('complaints:create')).toHaveLength(1));
    expect(server.requestsTo('complaints:create')[0]!.body).toEqual({
      channel: 'hotline',
      category: 'efficiency',
      text: 'Waited two hours for a pension form',
      contact: { phone: '13812345678' },
    });
    await waitFor(() => expect(server.requestsTo('cases:list')).toHaveLength(2));
  });
});
