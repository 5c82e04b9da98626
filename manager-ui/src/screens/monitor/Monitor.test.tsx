// @vitest-environment happy-dom
import { wire } from '@guichet/server/kit/testing';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { now, saveSession, setLocale } from '../../store';
import { fakeServer, hall, seedManager } from '../../testing/fixtures';
import { Monitor } from './Monitor';

afterEach(() => {
  cleanup();
  saveSession(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const T0 = wire.T0;

function setup(figures = wire.monitorSnapshot()) {
  seedManager(hall());
  const server = fakeServer();
  server.monitor = figures;
  server.routes['branch:alerts'] = () => [200, []];
  // The screen ticks from the moment the figures arrive: pin "now" to it.
  vi.spyOn(Date, 'now').mockReturnValue(T0);
  now.value = T0;
  render(<Monitor socket={server.socket} />);
  return server;
}

describe('live monitor', () => {
  it('shows each queue, each counter and the open rate from the stream, and ticks between updates', async () => {
    setLocale('en');
    const server = setup(
      wire.monitorSnapshot({
        counters: [
          wire.monitorSnapshot().counters[0]!,
          {
            ...wire.monitorSnapshot().counters[0]!,
            counterId: 'ctr-2',
            number: 2,
            name: { 'zh-CN': '2号窗口', en: 'Counter 2' },
            state: 'paused',
            clerkName: '李娜',
            pauseReason: 'lunch',
            stateSince: T0 - 600_000,
            currentTicketId: null,
            currentCode: null,
          },
          { ...wire.monitorSnapshot().counters[0]!, counterId: 'ctr-3', state: 'closed', clerkName: 'x' },
        ],
      }),
    );
    const queue = await screen.findByTestId('mon-queues');
    const row = queue.querySelector('tr[data-service=svc-a]')!;
    expect(row.textContent).toContain('Social insurance');
    expect(row.querySelector('.mon-big')!.textContent).toBe('3');
    expect(row.querySelector('[data-testid=mon-longest]')!.textContent).toContain('12:00');
    expect(row.querySelector('[data-testid=mon-sl]')!.textContent).toContain('87.5%');
    const counters = screen.getByTestId('mon-counters');
    const one = counters.querySelector('tr[data-counter=ctr-1]')!;
    expect(one.textContent).toContain('王芳');
    expect(one.textContent).toContain('A001');
    expect(one.textContent).toContain('2:05');
    expect(counters.querySelector('tr[data-counter=ctr-2]')!.textContent).toContain('Paused: lunch');
    expect(counters.querySelector('tr[data-counter=ctr-2]')!.textContent).toContain('10:00');
    expect(screen.getByTestId('mon-open-rate').textContent).toBe('2 of 3 counters open (67%)');
    expect(screen.queryByTestId('mon-stream-banner')).toBeNull();
    // A minute later, with no update: the waits have grown by it, counted here.
    act(() => {
      now.value = T0 + 60_000;
    });
    expect(row.querySelector('[data-testid=mon-longest]')!.textContent).toContain('13:00');
    expect(one.textContent).toContain('3:05');
    // A new snapshot replaces the figures whole.
    act(() => server.pushMonitor({ services: [{ ...wire.monitorSnapshot().services[0]!, waiting: 9 }] }));
    await waitFor(() => expect(row.querySelector('.mon-big')!.textContent).toBe('9'));
    expect(server.count('monitor:subscribe')).toBe(1);
  });

  it('shows a raised alert with its level in words, reads it out, and acknowledges it through the route', async () => {
    setLocale('zh-CN');
    const server = setup();
    await screen.findByTestId('mon-queues');
    expect(screen.getByText('当前没有告警')).toBeTruthy();
    const raised = wire.alert({ level: 'critical', value: 31, threshold: 15 });
    act(() => server.alert('alert:raised', raised));
    const item = await waitFor(
      () => screen.getByTestId('mon-open-alerts').querySelector('[data-alert=alert-1]')!,
    );
    expect(item.textContent).toContain('▲▲ 严重');
    expect(item.textContent).toContain('排队过长：31 人等候（上限 15 人）');
    expect(item.textContent).toContain('事项：社保业务');
    expect(item.textContent).toContain('未确认');
    expect(screen.getByTestId('mon-announce').textContent).toContain('新告警');

    const acked = { ...raised, acknowledgedAt: T0 + 60_000, acknowledgedBy: 'user-manager' };
    server.routes['alert:ack'] = () => [200, acked];
    fireEvent.click(screen.getByRole('button', { name: /确认/ }));
    await waitFor(() =>
      expect(item.querySelector('[data-testid=mon-ack-state]')!.textContent).toContain('周主任'),
    );
    expect(server.requestsTo('alert:ack').map((r) => r.params.id)).toEqual(['alert-1']);
    expect(item.querySelector('button')).toBeNull();

    // Someone else's acknowledgement arrives pushed, named by the server; then it clears.
    const other = wire.alert({ id: 'alert-2', key: 'k2', raisedAt: T0 + 1 });
    act(() => server.alert('alert:raised', other));
    act(() =>
      server.alert('alert:updated', {
        ...other,
        acknowledgedAt: T0 + 2,
        acknowledgedBy: 'user-sup',
        acknowledgedByName: '陈主管',
      }),
    );
    await waitFor(() => expect(screen.getByTestId('mon-open-alerts').textContent).toContain('陈主管'));
    act(() => server.alert('alert:updated', { ...acked, clearedAt: T0 + 120_000, updatedAt: T0 + 120_000 }));
    await waitFor(() =>
      expect(screen.getByTestId('mon-resolved-alerts').querySelector('[data-alert=alert-1]')).not.toBeNull(),
    );
    expect(screen.getByTestId('mon-open-alerts').querySelector('[data-alert=alert-1]')).toBeNull();
  });

  it('says when the stream is down, greys the figures, and lifts it once a fresh snapshot is in', async () => {
    setLocale('en');
    const server = setup();
    await screen.findByTestId('mon-queues');
    server.autoConnect = false;
    act(() => server.lastSocket.drop('transport close'));
    const banner = await screen.findByTestId('mon-stream-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('Monitor disconnected');
    expect(document.querySelector('.mon-grid.mon-stale')).not.toBeNull();
    // The acknowledge buttons wait for figures that can be believed.
    act(() => server.lastSocket.handshake());
    await waitFor(() => expect(screen.queryByTestId('mon-stream-banner')).toBeNull());
    expect(server.count('monitor:subscribe')).toBe(2);
  });

  it('says so when no update came for longer than the heartbeat allows', async () => {
    setLocale('en');
    setup();
    await screen.findByTestId('mon-queues');
    act(() => {
      now.value = T0 + 41_000;
    });
    expect(screen.getByTestId('mon-stream-banner').textContent).toContain('Monitor disconnected');
  });
});
