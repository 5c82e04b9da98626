// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { branchId, setLocale } from '../../store';
import { STRINGS_B } from '../../strings/config-b';
import { fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Setup } from './Setup';

resetAfterEach();

describe('first-start setup', () => {
  it('walks branch → services → counters → clerk → devices and creates them in order, ending on the pairing codes', async () => {
    setLocale('en');
    seedManager(hall());
    branchId.value = null;
    const server = fakeServer();
    server.routes['branches:create'] = () => [201, { ...hall().branch, id: 'branch-east' }];
    let n = 0;
    server.routes['services:create'] = (req) => [
      201,
      { id: `svc-${(req.body as { prefix: string }).prefix}` },
    ];
    server.routes['counters:create'] = () => [201, {}];
    server.routes['users:create'] = () => [201, {}];
    server.routes['devices:create'] = (req) => {
      const { kind, name } = req.body as { kind: string; name: string };
      n++;
      return [
        201,
        {
          device: { id: `${kind}-1`, kind, name },
          pairingUrl: `http://hall.local/${kind}/?pair=1111222${n}`,
          pairingCode: `1111222${n}`,
          expiresAt: Date.UTC(2026, 0, 5, 9),
        },
      ];
    };
    const { container } = render(<Setup />);
    const set = (name: string, value: string) =>
      fireEvent.input(container.querySelector(`input[name=${name}]`)!, { target: { value } });
    const next = () => fireEvent.click(container.querySelector('[data-action=next]')!);
    next();
    expect(screen.getByTestId('setup-problem').textContent).toContain('both languages');
    set('name-zh', '城东中心');
    set('name-en', 'East Centre');
    expect(screen.queryByTestId('setup-problem')).toBeNull();
    next();
    set('service-zh-0', '社保');
    set('service-en-0', 'Social insurance');
    fireEvent.click(container.querySelector('[data-action=add-service]')!);
    set('prefix-1', 'a');
    set('service-zh-1', '税务');
    set('service-en-1', 'Taxes');
    next();
    expect(screen.getByTestId('setup-problem').textContent).toBe('Each service needs its own letter.');
    set('prefix-1', 'b');
    next();
    fireEvent.click(container.querySelector('[data-action=add-counter]')!);
    next();
    set('account-username', 'chen');
    set('account-displayName', '陈晓');
    set('account-password', 'Willow-Lantern-73');
    next();
    expect(container.querySelector('.setup')?.getAttribute('data-step')).toBe('devices');
    next();
    await waitFor(() => expect(screen.getAllByTestId('pairing-card')).toHaveLength(2));
    expect(screen.getByText('✓ Your hall is ready', { exact: false })).toBeTruthy();
    expect(server.requests.map((r) => r.route)).toEqual([
      'branches:create',
      'services:create',
      'services:create',
      'counters:create',
      'counters:create',
      'users:create',
      'devices:create',
      'devices:create',
    ]);
    expect(server.requestsTo('branches:create')[0]?.body).toMatchObject({
      name: { 'zh-CN': '城东中心', en: 'East Centre' },
      timezone: 'Asia/Shanghai',
      hours: { '1': [{ open: '09:00', close: '17:00' }] },
      holidays: 'cn',
    });
    expect(server.requestsTo('counters:create')[1]?.body).toMatchObject({
      number: 2,
      services: [
        { serviceId: 'svc-A', level: 1 },
        { serviceId: 'svc-B', level: 1 },
      ],
    });
    expect(server.requestsTo('users:create')[0]?.body).toMatchObject({
      branchIds: ['branch-east'],
      role: 'clerk',
    });
    expect(branchId.value).toBe('branch-east');
  });

  it('has every word in both languages', () => {
    const zh = STRINGS_B['zh-CN'];
    expect(Object.keys(STRINGS_B.en).sort()).toEqual(Object.keys(zh).sort());
    for (const table of Object.values(STRINGS_B))
      for (const v of Object.values(table)) expect(v.trim()).not.toBe('');
  });
});
