// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCall, fakeService, fakeSnapshot } from '../testing/fake-hall.js';
import { BoardView, type BoardViewProps } from './BoardView.js';

afterEach(cleanup);

function props(over: Partial<BoardViewProps> = {}): BoardViewProps {
  const snapshot = fakeSnapshot();
  return {
    locales: ['zh-CN', 'en'],
    allLocales: ['zh-CN', 'en'],
    now: Date.UTC(2026, 10, 26, 2, 30),
    layout: 'board',
    orientation: 'landscape',
    snapshot,
    services: snapshot.services,
    counters: snapshot.counters,
    calls: [fakeCall('A012', 3), fakeCall('B007', 5), fakeCall('C001', 1)],
    connection: 'online',
    highlighted: true,
    historyRows: 8,
    voiceUnavailable: false,
    ...over,
  };
}

describe('BoardView', () => {
  it('shows the latest call large with its window, and the others in the history, in both languages at once', () => {
    const { getByTestId } = render(<BoardView {...props()} />);
    expect(getByTestId('latest-code').textContent).toBe('A012');
    expect(getByTestId('latest-counter').textContent).toBe('3 号窗口');
    expect(getByTestId('latest').textContent).toContain('Please go to Counter 3');
    expect(getByTestId('latest').textContent).toContain('正在呼叫Now calling');
    expect(getByTestId('latest').className).toContain('latest--new');
    const rows = [...getByTestId('history').querySelectorAll('li')].map((li) => li.textContent);
    expect(rows).toEqual(['B007→5 号窗口Counter 5', 'C001→1 号窗口Counter 1']);
  });

  it('shows English alone when pinned to English, with the hall clock in the hall time zone', () => {
    const { getByTestId, container } = render(<BoardView {...props({ locales: ['en'] })} />);
    expect(getByTestId('latest-counter').textContent).toBe('Counter 3');
    expect(getByTestId('latest').textContent).not.toContain('号窗口');
    expect(container.querySelector('.board__hall')?.textContent).toBe('Demo Government Service Hall');
    // 02:30 UTC is 10:30 in Asia/Shanghai.
    expect(container.querySelector('.board__time')?.textContent).toBe('10:30');
  });

  it('shows waiting count and estimate per service, and says when one does not issue', () => {
    const services = [
      fakeService('A', { waiting: 12, estimatedWaitRange: [12, 18] }),
      fakeService('B', { open: false, closedReason: 'SERVICE_SUSPENDED' }),
      fakeService('C', { waiting: 300, estimateStatus: 'after_closing', estimatedWaitRange: null }),
    ];
    const { getByTestId } = render(<BoardView {...props({ services })} />);
    const text = getByTestId('queues').textContent ?? '';
    expect(text).toContain('12 人等候');
    expect(text).toContain('12 waiting');
    expect(text).toContain('约 12–18 分钟');
    expect(text).toContain('暂停取号');
    expect(text).toContain('今日可能办理不到');
    expect(text).toContain('May not be served today');
  });

  it('shows the offline badge, the notice line and the emergency notice in every locale', () => {
    const snapshot = fakeSnapshot();
    snapshot.branch.notice = { 'zh-CN': '今日下午系统维护', en: 'Maintenance this afternoon' };
    snapshot.branch.emergency = {
      message: { 'zh-CN': '请立即从最近的出口疏散', en: 'Please leave by the nearest exit' },
      since: 0,
      stopIssuing: true,
    };
    const { getByTestId } = render(<BoardView {...props({ snapshot, connection: 'offline' })} />);
    expect(getByTestId('offline').textContent).toBe('离线 · 正在重新连接Offline · reconnecting');
    expect(getByTestId('notice').textContent).toContain('今日下午系统维护');
    expect(getByTestId('notice').textContent).toContain('Maintenance this afternoon');
    expect(getByTestId('emergency').textContent).toContain('请立即从最近的出口疏散');
    expect(getByTestId('emergency').textContent).toContain('Please leave by the nearest exit');
  });

  it('shows every counter with its number, current ticket and state in the grid layout', () => {
    const snapshot = fakeSnapshot();
    const counters = snapshot.counters.map((c) =>
      c.number === 3 ? { ...c, state: 'calling' as const, currentTicketId: 't-A012' } : c,
    );
    snapshot.tickets = [{ id: 't-A012', code: 'A012' } as never];
    const { getByTestId, queryByTestId } = render(
      <BoardView {...props({ layout: 'grid', snapshot, counters })} />,
    );
    expect(queryByTestId('latest')).toBeNull();
    expect(getByTestId('grid').querySelectorAll('li')).toHaveLength(8);
    expect(getByTestId('tile-code-3').textContent).toBe('A012');
    expect(getByTestId('tile-3').textContent).toContain('呼叫中Calling');
    expect(getByTestId('tile-code-4').textContent).toBe('—');
    expect(getByTestId('tile-4').textContent).toContain('空闲Open');
  });

  it('warns when the board cannot speak', () => {
    const { getByTestId } = render(<BoardView {...props({ voiceUnavailable: true })} />);
    expect(getByTestId('voice-unavailable').textContent).toBe('无法语音播报Voice unavailable');
  });

  it('says so when nothing has been called yet', () => {
    const { getByTestId, queryByTestId } = render(<BoardView {...props({ calls: [] })} />);
    expect(getByTestId('latest').textContent).toContain('暂无呼叫');
    expect(queryByTestId('latest-code')).toBeNull();
    expect(queryByTestId('offline')).toBeNull();
  });
});
