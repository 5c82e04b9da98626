// @vitest-environment happy-dom
import { FakeServer, wire } from '@guichet/server/kit/testing';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session, setLocale } from '../store';
import { counterView, seed } from '../testing/fixtures';
import { SupervisorAlerts } from './SupervisorAlerts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(role: 'supervisor' | 'clerk') {
  seed(counterView(), []);
  session.value = {
    token: 'tok-sup',
    user: wire.user({ id: 'user-supervisor', displayName: '陈主管', role }),
  };
  const server = new FakeServer();
  server.monitor = wire.monitorSnapshot({ alerts: [wire.alert()] });
  vi.stubGlobal('fetch', server.fetch);
  render(<SupervisorAlerts socket={server.socket} />);
  return server;
}

describe("supervisor's alert strip", () => {
  it("shows the branch's open alerts as pushed, and acknowledges one through the route", async () => {
    setLocale('en');
    const server = setup('supervisor');
    const strip = await screen.findByTestId('supervisor-alerts');
    expect(strip.textContent).toContain('Hall alerts (1 open)');
    expect(strip.textContent).toContain('▲ Warning');
    expect(strip.textContent).toContain('Long queue: 16 waiting (limit 15)');
    const critical = wire.alert({
      id: 'alert-2',
      key: 'k2',
      kind: 'no_counter_open',
      level: 'critical',
      value: 4,
    });
    act(() => server.alert('alert:raised', critical));
    await waitFor(() => expect(strip.textContent).toContain('Hall alerts (2 open)'));
    // The most urgent first: the critical one heads the strip and colours it.
    expect(strip.querySelector('li')!.getAttribute('data-alert')).toBe('alert-2');
    expect(strip.classList.contains('critical')).toBe(true);

    const acked = { ...critical, acknowledgedAt: wire.T0 + 1, acknowledgedBy: 'user-supervisor' };
    server.routes['alert:ack'] = () => [200, acked];
    fireEvent.click(screen.getByRole('button', { name: /Acknowledge: No counter open/ }));
    await waitFor(() =>
      expect(strip.querySelector('[data-alert=alert-2]')!.textContent).toContain('Acknowledged by 陈主管'),
    );
    expect(server.requestsTo('alert:ack').map((r) => r.params.id)).toEqual(['alert-2']);

    // Cleared by the server: gone from the strip; with none left, the strip goes.
    act(() => server.alert('alert:updated', { ...acked, clearedAt: wire.T0 + 2, updatedAt: wire.T0 + 2 }));
    act(() =>
      server.alert('alert:updated', { ...wire.alert(), clearedAt: wire.T0 + 2, updatedAt: wire.T0 + 2 }),
    );
    await waitFor(() => expect(screen.queryByTestId('supervisor-alerts')).toBeNull());
  });

  it('shows nothing to a clerk and does not ask for the monitor', async () => {
    const server = setup('clerk');
    await Promise.resolve();
    expect(screen.queryByTestId('supervisor-alerts')).toBeNull();
    expect(server.count('monitor:subscribe')).toBe(0);
  });
});
