// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../store';
import { hallConfig } from '../../testing/config-a';
import { fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Services } from './Services';

resetAfterEach();

function setUp() {
  seedManager(hall());
  const server = fakeServer();
  server.routes['branch:config'] = () => [200, hallConfig()];
  return { server, ...render(<Services />) };
}
const row = (container: Element, id: string) =>
  container.querySelector(`tr[data-service=${id}]`) as HTMLElement;

describe('services', () => {
  it('lists in kiosk order and moves a service down with the keyboard-operable buttons', async () => {
    setLocale('en');
    const { server, container } = setUp();
    await screen.findByText('Services');
    expect(
      [...container.querySelectorAll('tr[data-service]')].map((r) => r.getAttribute('data-service')),
    ).toEqual(['svc-a', 'svc-d', 'svc-e']);
    const up = within(row(container, 'svc-a')).getByRole('button', { name: 'Move Service A up' });
    expect((up as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(row(container, 'svc-a')).getByRole('button', { name: 'Move Service A down' }));
    await screen.findByText('Saved.');
    expect(server.requestsTo('service:update').map((r) => [r.path, r.body])).toEqual([
      ['/services/svc-d', { sortOrder: 0 }],
      ['/services/svc-a', { sortOrder: 1 }],
    ]);
  });

  it('edits a service: checks first, then sends hours, cut-off and limits', async () => {
    setLocale('en');
    const { server, container } = setUp();
    await screen.findByText('Services');
    fireEvent.click(within(row(container, 'svc-d')).getByRole('button', { name: 'Edit' }));
    const form = container.querySelector('form[data-form=service]') as HTMLElement;
    const set = (name: string, value: string) =>
      fireEvent.input(form.querySelector(`[name="${name}"]`)!, { target: { value } });
    set('prefix', 'd1');
    set('perPersonDailyLimit', '2');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(form.querySelector('[name=prefix]')!.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('A per-person limit needs the phone or ID number')).toBeTruthy();
    expect(server.requestsTo('service:update')).toEqual([]);
    set('prefix', 'DQ');
    fireEvent.click(form.querySelector('[name=requiresPersonId]')!);
    set('issueCutoffMinutes', '30');
    fireEvent.click(form.querySelector('[name=ownHours]')!);
    set('hours-1', '09:00-12:00');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(server.requestsTo('service:update')).toHaveLength(1));
    expect(server.requestsTo('service:update')[0]!.body).toMatchObject({
      prefix: 'DQ',
      perPersonDailyLimit: 2,
      requiresPersonId: true,
      issueCutoffMinutes: 30,
      hours: { 1: [{ open: '09:00', close: '12:00' }], 2: [{ open: '09:00', close: '17:00' }] },
    });
  });

  it('suspends with a reason only, and a refused deactivation says why', async () => {
    setLocale('zh-CN');
    const { server, container } = setUp();
    await screen.findByText('业务设置');
    fireEvent.click(within(row(container, 'svc-a')).getByRole('button', { name: '暂停' }));
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    expect(screen.getByText('请填写原因')).toBeTruthy();
    expect(server.requestsTo('service:update')).toEqual([]);
    fireEvent.input(screen.getByLabelText('暂停原因（取号机上显示）'), { target: { value: '系统升级' } });
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await screen.findByText('已保存。');
    expect(server.requestsTo('service:update')[0]!.body).toEqual({
      suspended: true,
      suspendedReason: '系统升级',
    });

    server.routes['service:deactivate'] = () => [
      409,
      { error: { code: 'SERVICE_IN_USE', message: 'tickets of service svc-a are still waiting' } },
    ];
    fireEvent.click(within(row(container, 'svc-a')).getByRole('button', { name: '停用' }));
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(server.requestsTo('service:deactivate')).toEqual([]);
    fireEvent.click(within(row(container, 'svc-a')).getByRole('button', { name: '停用' }));
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '该业务还有群众在排队或正在办理，不能停用',
    );
  });
});
