// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../store';
import { reportsServer, resetReportsEachTest } from '../../testing/reports';
import type { CallOrderReport, CallOrderRow } from './api';
import { Reports } from './Reports';

const DAY = '2026-11-30';
const call = (n: number, over: Partial<CallOrderRow> = {}): CallOrderRow => ({
  businessDay: DAY,
  ticketId: `t-${n}`,
  code: `B${String(n).padStart(3, '0')}`,
  serviceId: 'svc-b',
  service: { 'zh-CN': '社保', en: 'Social security' },
  counterId: 'ctr-1',
  counter: { 'zh-CN': '1号窗口', en: 'Counter 1' },
  clerkId: 'user-clerk1',
  clerk: { 'zh-CN': '王芳', en: 'Wang Fang' },
  calledAt: `${DAY} 09:1${n}:00`,
  rule: 'priority_class',
  ruleLabel: { 'zh-CN': '优先/预约', en: 'Priority or appointment' },
  olderWaiting: 3,
  oldestTicketId: 't-a1',
  oldestCode: 'A001',
  oldestWaitedSeconds: 1265,
  ...over,
});
const page = (calls: CallOrderRow[], nextCursor: string | null): CallOrderReport => ({
  from: DAY,
  to: DAY,
  timezone: 'Asia/Shanghai',
  clerks: [
    {
      clerkId: 'user-clerk1',
      label: { 'zh-CN': '王芳', en: 'Wang Fang' },
      calls: 40,
      outOfOrder: 3,
      byRule: { priority_class: 2, manual: 1 },
    },
    {
      clerkId: 'user-clerk2',
      label: { 'zh-CN': '李强', en: 'Li Qiang' },
      calls: 10,
      outOfOrder: 0,
      byRule: {},
    },
  ],
  totalCalls: 3,
  calls,
  nextCursor,
});

resetReportsEachTest(DAY);

describe('call order tab', () => {
  it('shows each clerk’s out-of-order share by rule, the calls, and pages on with “more”', async () => {
    const { reports } = reportsServer((kind, q) => {
      if (kind !== 'call-order') return [200, {}];
      if (q.cursor === 'c1')
        return [
          200,
          page([call(3, { rule: 'manual', ruleLabel: { 'zh-CN': '指定呼叫', en: 'Called by hand' } })], null),
        ];
      return [200, page([call(1), call(2)], 'c1')];
    });
    const { container } = render(<Reports />);
    fireEvent.click(container.querySelector('[data-tab=callorder]')!);
    await screen.findByText('B001');
    expect(reports.find((r) => r.kind === 'call-order')?.query).toEqual({ from: DAY, to: DAY });
    const row = (key: string) =>
      container.querySelector(`[data-report=callorder] tr[data-key="${key}"]`)?.textContent;
    expect(row('user-clerk1')).toBe('Wang Fang4037.5Priority or appointment 2；Called by hand 1');
    expect(row('user-clerk2')).toBe('Li Qiang1000.0–');
    expect(row('total')).toBe('Total5036.0Priority or appointment 2；Called by hand 1');
    const calls = () => container.querySelectorAll('[data-report=callorder-calls] tbody tr[data-ticket]');
    expect(calls()).toHaveLength(2);
    expect(calls()[0]?.textContent).toBe(
      `${DAY}09:11:00B001Social securityCounter 1Wang FangPriority or appointment3A0010:21:05`,
    );
    expect(screen.getByTestId('callorder-shown').textContent).toBe('2 of 3 shown');

    fireEvent.click(container.querySelector('[data-action=callorder-more]')!);
    await screen.findByText('B003');
    expect(reports.filter((r) => r.kind === 'call-order').at(-1)?.query).toEqual({
      from: DAY,
      to: DAY,
      cursor: 'c1',
    });
    // The next page is appended after the first, and the last page has no "more".
    expect([...calls()].map((r) => r.getAttribute('data-ticket'))).toEqual(['t-1', 't-2', 't-3']);
    expect(calls()[2]?.querySelector('[data-rule]')?.textContent).toBe('Called by hand');
    expect(screen.getByTestId('callorder-shown').textContent).toBe('3 of 3 shown');
    expect(container.querySelector('[data-action=callorder-more]')).toBeNull();
  });

  it('names the rules in Chinese and asks the server for the CSV of the period', async () => {
    setLocale('zh-CN');
    const { reports } = reportsServer((kind, q) => {
      if (kind !== 'call-order') return [200, {}];
      if (q.format === 'csv')
        return [200, '\ufeff业务日\r\n', { 'content-disposition': 'attachment; filename="co.csv"' }];
      return [200, page([call(1)], null)];
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    const { container } = render(<Reports />);
    fireEvent.click(container.querySelector('[data-tab=callorder]')!);
    await screen.findByText('B001');
    expect(
      container.querySelector('[data-report=callorder] tr[data-key=user-clerk1]')?.textContent,
    ).toContain('优先/预约 2；指定呼叫 1');
    expect(container.querySelector('[data-report=callorder] thead')?.textContent).toBe(
      '工作人员叫号数非顺序叫号占比%按规则',
    );
    expect(container.querySelector('[data-action=callorder-more]')).toBeNull();
    fireEvent.click(container.querySelector('[data-export=csv]')!);
    await waitFor(() =>
      expect(reports.at(-1)).toEqual({
        kind: 'call-order',
        query: { from: DAY, to: DAY, format: 'csv', lang: 'zh-CN' },
      }),
    );
  });

  it('says why the next page failed and keeps the calls already shown', async () => {
    reportsServer((kind, q) => {
      if (kind !== 'call-order') return [200, {}];
      if (q.cursor === 'c1') return [503, { error: { code: 'REPORTS_UNAVAILABLE', message: 'stopped' } }];
      return [200, page([call(1)], 'c1')];
    });
    const { container } = render(<Reports />);
    fireEvent.click(container.querySelector('[data-tab=callorder]')!);
    await screen.findByText('B001');
    fireEvent.click(container.querySelector('[data-action=callorder-more]')!);
    expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
    expect(screen.getByText('B001')).toBeTruthy();
    expect(container.querySelector('[data-action=callorder-more]')).toBeTruthy();
  });
});
