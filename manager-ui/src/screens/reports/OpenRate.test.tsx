// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { reportsServer, resetReportsEachTest } from '../../testing/reports';
import { Reports } from './Reports';

const DAY = '2026-11-30';
const figures = (over: Record<string, unknown> = {}) => ({
  scheduledSeconds: 23_400,
  openSeconds: 21_600,
  closedSeconds: 1800,
  notOpenedSeconds: 0,
  closedByReason: { training: 1800 },
  closes: 1,
  closesWithoutReason: 0,
  ratePercent: 92.3,
  ...over,
});
const report = {
  from: DAY,
  to: DAY,
  timezone: 'Asia/Shanghai',
  daysIncluded: false,
  days: [],
  counters: [
    { counterId: 'ctr-1', counter: { 'zh-CN': '1号窗口', en: 'Counter 1' }, ...figures() },
    {
      counterId: 'ctr-2',
      counter: { 'zh-CN': '2号窗口', en: 'Counter 2' },
      ...figures({
        openSeconds: 0,
        closedSeconds: 23_400,
        notOpenedSeconds: 23_400,
        closedByReason: {},
        closes: 0,
        ratePercent: 0,
      }),
    },
  ],
  totals: figures({
    scheduledSeconds: 46_800,
    closedSeconds: 25_200,
    closedByReason: { training: 1800, '': 600 },
    closesWithoutReason: 1,
    ratePercent: 46.2,
  }),
};

resetReportsEachTest(DAY);

describe('window open rate tab', () => {
  it('shows each counter’s figures from the API, the total last, and asks for the period', async () => {
    const { reports } = reportsServer((kind) => (kind === 'open-rate' ? [200, report] : [200, {}]));
    const { container } = render(<Reports />);
    fireEvent.click(container.querySelector('[data-tab=openrate]')!);
    await screen.findByText('Counter 1');
    await waitFor(() => expect(reports.at(-1)).toEqual({ kind: 'open-rate', query: { from: DAY, to: DAY } }));
    const row = (key: string) =>
      container.querySelector(`[data-report=openrate] tr[data-key="${key}"]`)?.textContent;
    expect(row('ctr-1')).toContain('6:30:00');
    expect(row('ctr-1')).toContain('92.3');
    expect(row('ctr-1')).toContain('training 0:30:00');
    expect(row('ctr-2')).toContain('6:30:00');
    expect(row('total')).toContain('46.2');
    expect(row('total')).toContain('none given 0:10:00');
    expect(container.querySelector('[data-report=openrate] caption')?.textContent).toContain(
      'Window open rate',
    );
  });

  it('says in the reader’s language that a report took too long (503 REPORT_TIMEOUT), with a retry', async () => {
    const timeout = { error: { code: 'REPORT_TIMEOUT', message: 'the report took longer than 15000 ms' } };
    reportsServer((kind) => (kind === 'open-rate' ? [503, timeout] : [200, {}]));
    const { container } = render(<Reports />);
    fireEvent.click(container.querySelector('[data-tab=openrate]')!);
    const alert = await screen.findByText(/took too long \(over 15 s\)/);
    expect(alert.closest('[role=alert]')?.querySelector('button')?.textContent).toBe('Try again');
    cleanup();
    setLocale('zh-CN');
    const zh = render(<Reports />);
    fireEvent.click(zh.container.querySelector('[data-tab=openrate]')!);
    expect(await screen.findByText(/报表计算超时/)).toBeTruthy();
  });
});
