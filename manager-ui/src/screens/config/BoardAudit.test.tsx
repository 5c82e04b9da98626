// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Audit, changes } from './Audit';
import { Board } from './Board';

resetAfterEach();

const board = {
  id: 'display-1',
  kind: 'display',
  branchId: 'demo-hall',
  counterId: null,
  name: 'Hall board',
  config: { layout: 'landscape', services: ['svc-a'] },
  paired: true,
  revoked: false,
  tokenExpiresAt: null,
  lastSeenAt: null,
  online: true,
  pairingExpiresAt: null,
};

describe('hall board settings', () => {
  it("saves a board's orientation, services, counters and languages as its validated config", async () => {
    setLocale('en');
    seedManager(hall());
    const server = fakeServer();
    server.routes['devices:list'] = () => [200, [board, { ...board, id: 'kiosk-1', kind: 'kiosk' }]];
    const { container } = render(<Board />);
    await screen.findByText('Hall board');
    expect(container.querySelectorAll('[data-board]')).toHaveLength(1);
    fireEvent.click(container.querySelector('input[value=portrait]')!);
    fireEvent.click(container.querySelector('input[name=service-svc-a]')!); // off again: all services
    fireEvent.click(container.querySelector('input[name=counter-ctr-2]')!);
    fireEvent.click(container.querySelector('input[name=locale-en]')!);
    fireEvent.click(container.querySelector('[data-action=save-board]')!);
    await screen.findByText('The display settings of "Hall board" were saved.');
    expect(server.requestsTo('device:update')[0]).toMatchObject({
      params: { deviceId: 'display-1' },
      body: { config: { layout: 'portrait', counters: ['ctr-2'], locales: ['zh-CN'] } },
    });
  });

  it('says so when there is no board yet', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = fakeServer();
    server.routes['devices:list'] = () => [200, []];
    render(<Board />);
    await screen.findByText('还没有大厅显示屏。请先在“设备”中添加。');
  });
});

const entry = (id: number, over: object = {}) => ({
  id,
  at: Date.UTC(2026, 0, 5, 8, id),
  actorKind: 'user',
  actorId: 'user-manager',
  branchId: 'demo-hall',
  action: 'service.configured',
  target: 'svc-a',
  detail: null,
  before: { targetWaitMinutes: 15, prefix: 'A' },
  after: { targetWaitMinutes: 20, prefix: 'A' },
  ip: '10.0.0.7',
  ...over,
});

describe('audit log', () => {
  it('shows who, when, from where and what changed; filters by actor and pages', async () => {
    setLocale('en');
    seedManager(hall());
    const server = fakeServer();
    server.routes['users:list'] = () => [
      200,
      [
        {
          id: 'user-manager',
          username: 'manager',
          displayName: '周主任',
          role: 'manager',
          staffNumber: null,
          branchId: 'demo-hall',
          branchIds: ['demo-hall'],
          active: true,
          photoUrl: null,
        },
      ],
    ];
    server.routes['audit:list'] = (req) => [
      200,
      req.query.offset === '0' ? Array.from({ length: 51 }, (_, i) => entry(i + 1)) : [entry(99)],
    ];
    const { container } = render(<Audit />);
    await waitFor(() => expect(container.querySelectorAll('[data-audit]')).toHaveLength(50));
    const row = container.querySelector('[data-audit]')!.textContent!;
    expect(row).toContain('10.0.0.7');
    expect(row).toContain('targetWaitMinutes: 15 → 20');
    expect(row).not.toContain('prefix');
    await waitFor(() =>
      expect(container.querySelector('[data-audit] td:nth-child(2)')?.textContent).toBe('周主任'),
    );
    const first = server.requestsTo('audit:list')[0]!.query;
    expect(first).toMatchObject({ branchId: 'demo-hall', limit: '51', offset: '0' });
    expect(Number(first.to) - Number(first.from)).toBeGreaterThan(6 * 24 * 3600_000);
    fireEvent.click(container.querySelector('[data-action=next]')!);
    await waitFor(() => expect(container.querySelectorAll('[data-audit]')).toHaveLength(1));
    expect(server.requestsTo('audit:list')[1]!.query.offset).toBe('50');
    expect((container.querySelector('[data-action=next]') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(container.querySelector('select[name=actor]')!, { target: { value: 'user-manager' } });
    fireEvent.click(container.querySelector('[data-action=show]')!);
    await waitFor(() => expect(server.requestsTo('audit:list')[2]?.query.actor).toBe('user-manager'));
  });

  it('words a creation and a plain value change', () => {
    setLocale('zh-CN');
    expect(changes(null, { name: 'x' })).toBe('新建: {"name":"x"}');
    expect(changes(1, 2)).toBe('1 → 2');
    expect(changes(null, null)).toBe('—');
    // A queue action: no copies before / after, its event's detail.
    expect(changes(null, null, { counterId: 'ctr-1', outcome: 'served' })).toBe(
      '{"counterId":"ctr-1","outcome":"served"}',
    );
    expect(
      changes({ counter: { state: 'idle', n: 1 }, t: [1] }, { counter: { state: 'calling', n: 1 }, t: [2] }),
    ).toBe('counter.state: "idle" → "calling"; t: [1] → [2]');
  });
});
