// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  estimates,
  reportsServer,
  resetReportsEachTest,
  staff,
  summary,
  summaryRow,
  ticketRow,
} from '../../testing/reports';
import { Daily } from './Daily';
import { Reports } from './Reports';
import { groupBy, reportTab } from './state';

// uPlot needs a real canvas: the lazy chart module is replaced by a recorder (the e2e draws for real).
const drawn: string[] = [];
vi.mock('../../charts/uplot-chart', () => ({
  drawChart: (_el: HTMLElement, spec: { id: string }) => {
    drawn.push(spec.id);
    return { setSize() {}, destroy() {} };
  },
}));

const DAY = '2026-11-30';
resetReportsEachTest(DAY);
beforeEach(() => {
  groupBy.value = 'service';
  drawn.length = 0;
});

const summaryAnswer = (_kind: string, q: Record<string, string>): [number, unknown] => [
  200,
  summary(
    q.by as 'service',
    [summaryRow('svc-a'), summaryRow('svc-d', { issued: 7, waitP90Seconds: null })],
    q.from,
    q.to,
  ),
];

describe('reports screen', () => {
  it('shows the API’s figures as given, the total last, and the notes', async () => {
    const { reports } = reportsServer(summaryAnswer);
    const { container } = render(<Reports />);
    await screen.findByText('Group svc-a');
    expect(reports[0]).toEqual({ kind: 'summary', query: { from: DAY, to: DAY, by: 'service' } });
    const cell = (key: string, col: string) =>
      container.querySelector(`[data-report=summary] tr[data-key="${key}"] [data-col=${col}]`)?.textContent;
    expect(cell('svc-a', 'issued')).toBe('40');
    expect(cell('svc-a', 'waitMean')).toBe('512.4');
    expect(cell('svc-a', 'waitP90')).toBe('1021');
    expect(cell('svc-a', 'sla')).toBe('71.4');
    expect(cell('svc-a', 'level2')).toBe('2');
    expect(cell('svc-a', 'bad')).toBe('3');
    // 未评率 = 12 not rated ÷ 32 served.
    expect(cell('svc-a', 'notRatedRate')).toBe('37.5');
    expect(cell('svc-a', 'excludedWait')).toBe('1');
    expect(cell('svc-d', 'waitP90')).toBe('–');
    expect(cell('total', 'issued')).toBe('47');
    expect(screen.getByTestId('excluded-note').textContent).toContain('1 waits, 0 handles');
    expect(container.textContent).toContain('Service A 15');
  });

  it('asks again for another grouping and another period (weeks run Monday to Sunday)', async () => {
    const { reports } = reportsServer(summaryAnswer);
    const { container } = render(<Reports />);
    await screen.findByText('Group svc-a');
    fireEvent.click(container.querySelector('[data-group=hour]')!);
    await waitFor(() => expect(reports.at(-1)?.query.by).toBe('hour'));
    fireEvent.click(container.querySelector('[data-period=week]')!);
    // 2026-11-30 is a Monday.
    await waitFor(() =>
      expect(reports.at(-1)?.query).toMatchObject({ from: DAY, to: '2026-12-06', by: 'hour' }),
    );
    fireEvent.click(container.querySelector('[data-action=period-prev]')!);
    await waitFor(() =>
      expect(reports.at(-1)?.query).toMatchObject({ from: '2026-11-23', to: '2026-11-29' }),
    );
    expect(screen.getByTestId('period-shown').textContent).toBe('2026-11-23 – 2026-11-29');
  });

  it('exports the same query through the server as CSV, with the reader’s language', async () => {
    const { reports } = reportsServer((kind, q) =>
      q.format
        ? [
            200,
            '\uFEFFKey,Label\r\n',
            { 'Content-Disposition': 'attachment; filename="summary-service.csv"' },
          ]
        : summaryAnswer(kind, q),
    );
    const created = vi.fn(() => 'blob:report');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { container } = render(<Reports />);
    await screen.findByText('Group svc-a');
    fireEvent.click(container.querySelector('[data-export=csv]')!);
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(reports.at(-1)).toEqual({
      kind: 'summary',
      query: { from: DAY, to: DAY, by: 'service', format: 'csv', lang: 'en' },
    });
    expect((clicked.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('summary-service.csv');
    clicked.mockRestore();
  });

  it('a refusal is shown in the reader’s words with a retry', async () => {
    let fail = true;
    reportsServer((kind, q) =>
      fail
        ? [503, { error: { code: 'REPORTS_UNAVAILABLE', message: 'engine down' } }]
        : summaryAnswer(kind, q),
    );
    render(<Reports />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be loaded');
    expect(alert.textContent).not.toContain('engine down');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Group svc-a');
  });

  it('ticket detail pages on with the API’s cursor and back, filters reset to the first page', async () => {
    const { reports } = reportsServer((kind, q) => {
      if (kind === 'staff') return [200, staff()];
      const second = q.cursor === 'c1';
      return [
        200,
        { timezone: 'Asia/Shanghai', rows: [ticketRow(second ? 2 : 1)], nextCursor: second ? null : 'c1' },
      ];
    });
    reportTab.value = 'tickets';
    const { container } = render(<Reports />);
    await screen.findByText('A001');
    expect(container.querySelector('[data-report=tickets] tbody')?.textContent).toContain('09:10:00');
    fireEvent.click(container.querySelector('[data-action=page-next]')!);
    await screen.findByText('A002');
    expect(reports.filter((r) => r.kind === 'tickets').at(-1)?.query.cursor).toBe('c1');
    expect((container.querySelector('[data-action=page-next]') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(container.querySelector('[data-action=page-prev]')!);
    await screen.findByText('A001');
    // The clerk filter lists the period's clerks (staff report); a search starts from page 1.
    fireEvent.change(container.querySelector('select[name=clerkId]')!, { target: { value: 'user-clerk1' } });
    fireEvent.click(container.querySelector('[data-action=tickets-search]')!);
    await waitFor(() =>
      expect(reports.filter((r) => r.kind === 'tickets').at(-1)?.query).toEqual({
        from: DAY,
        to: DAY,
        clerkId: 'user-clerk1',
      }),
    );
  });

  it('estimate accuracy and staff time show the API’s figures', async () => {
    reportsServer((kind, q) => (kind === 'staff' ? [200, staff()] : [200, estimates(q.by as 'service')]));
    reportTab.value = 'estimates';
    const { container, unmount } = render(<Reports />);
    await screen.findByText('Group svc-a');
    expect(container.querySelector('[data-report=estimates]')?.textContent).toContain('4.2');
    expect(container.querySelector('[data-report=estimates]')?.textContent).toContain('66.7');
    unmount();
    reportTab.value = 'staff';
    const staffView = render(<Reports />);
    await screen.findByText('Wang Fang');
    const row = staffView.container.querySelector(
      '[data-report=staff] tr[data-key=user-clerk1]',
    )?.textContent;
    expect(row).toContain('8:00:00');
    expect(row).toContain('休息 0:10:00；用餐 0:50:00');
    expect(row).toContain('71.4');
    expect(row).toContain('0:15:05');
  });

  it('charts load lazily, each with its figures as a table', async () => {
    reportsServer((_kind, q) => [
      200,
      summary(
        q.by as 'hour',
        q.by === 'hour'
          ? [summaryRow('09', { issued: 12, served: 10 }), summaryRow('11', { issued: 5, served: 5 })]
          : q.by === 'weekday-hour'
            ? [summaryRow('1-09', { issued: 12 })]
            : q.by === 'day'
              ? [summaryRow(DAY, { slaPercent: 80 })]
              : [summaryRow('svc-a')],
      ),
    ]);
    reportTab.value = 'charts';
    const { container } = render(<Reports />);
    // The first dynamic import is compiled on the spot: give it time.
    await waitFor(() => expect([...drawn].sort()).toEqual(['arrivals', 'sla', 'waits']), { timeout: 10_000 });
    const arrivals = container.querySelector('[data-chart=arrivals]')!;
    // Hour 10 had no ticket: drawn as zero between 09 and 11.
    expect(arrivals.querySelector('table')?.textContent).toContain('1000');
    expect(arrivals.querySelector('[role=img]')?.getAttribute('aria-label')).toContain(
      'busiest hour 09:00 (12 tickets)',
    );
    const waits = container.querySelector('[data-chart=waits] table')?.textContent;
    // P90 1021 s = 17 min (one decimal) against a 15-minute target.
    expect(waits).toContain('17');
    expect(waits).toContain('15');
    expect(container.querySelector('[data-chart=heatmap] svg')?.getAttribute('aria-label')).toContain(
      'Mon 09:00',
    );
  });
});

describe('daily report', () => {
  it('the day’s figures, per service and per counter, and a print button', async () => {
    const { reports } = reportsServer((_kind, q) => [
      200,
      summary(q.by as 'service', [summaryRow(q.by === 'counter' ? 'ctr-1' : 'svc-a')], q.from, q.to),
    ]);
    const print = vi.fn();
    vi.stubGlobal('print', print);
    window.history.replaceState(null, '', `/manager/daily?day=${DAY}`);
    const { container } = render(<Daily />);
    await waitFor(() => expect(container.querySelector('[data-report=daily-counter]')).not.toBeNull());
    expect(container.querySelector('[data-figure=colIssued] dd')?.textContent).toBe('40');
    expect(container.querySelector('[data-figure=colNotRatedRate] dd')?.textContent).toBe('37.5');
    expect(container.querySelector('[data-report=daily-service] tr[data-key=svc-a]')).not.toBeNull();
    expect(screen.getByTestId('daily-date').textContent).toContain(DAY);
    expect(new Set(reports.map((r) => `${r.query.by} ${r.query.from} ${r.query.to}`))).toEqual(
      new Set([`service ${DAY} ${DAY}`, `counter ${DAY} ${DAY}`, `hour ${DAY} ${DAY}`]),
    );
    fireEvent.click(container.querySelector('[data-action=print]')!);
    expect(print).toHaveBeenCalled();
  });
});
