// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../store';
import { fakeServer, hall, resetAfterEach, seedManager } from '../../testing/fixtures';
import { Staff } from './Staff';

resetAfterEach();

const account = (username: string, over: object = {}) => ({
  id: `user-${username}`,
  username,
  displayName: username === 'lin' ? '林静' : username,
  role: 'clerk',
  staffNumber: null,
  branchId: 'demo-hall',
  branchIds: ['demo-hall'],
  active: true,
  photoUrl: null,
  ...over,
});

function staffServer() {
  const server = fakeServer();
  server.routes['users:list'] = () => [
    200,
    [account('lin', { staffNumber: '1001' }), account('old', { active: false })],
  ];
  server.routes['branches:list'] = () => [200, [hall().branch]];
  return server;
}

describe('staff accounts', () => {
  it('lists accounts with their staff number and state; a manager asks for their own branch', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = staffServer();
    render(<Staff />);
    await screen.findByText('林静');
    expect(screen.getByText('1 个在用，1 个已停用')).toBeTruthy();
    expect(server.requestsTo('users:list')[0]?.query).toEqual({ branchId: 'demo-hall' });
    expect(document.querySelector('[data-user=old]')?.textContent).toContain('重新启用');
  });

  it('creates an account and says which password rule the server refused, in the reader language', async () => {
    setLocale('en');
    seedManager(hall());
    const server = staffServer();
    server.routes['users:create'] = () => [
      422,
      { error: { code: 'PASSWORD_REJECTED', message: 'a common password found in breaches' } },
    ];
    const { container } = render(<Staff />);
    await screen.findByText('林静');
    fireEvent.click(screen.getByRole('button', { name: 'New account' }));
    const set = (name: string, value: string) =>
      fireEvent.input(container.querySelector(`input[name=${name}]`)!, { target: { value } });
    set('account-username', 'wang');
    set('account-staffNumber', '1009');
    set('account-displayName', '王芳');
    set('account-password', 'password123');
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    expect((await screen.findByTestId('dialog-problem')).textContent).toBe(
      'This is a common password found in breaches: choose another.',
    );
    expect(server.requestsTo('users:create')[0]?.body).toEqual({
      username: 'wang',
      displayName: '王芳',
      role: 'clerk',
      branchIds: ['demo-hall'],
      staffNumber: '1009',
      password: 'password123',
    });
  });

  it('deactivates after one confirmation and never deletes', async () => {
    setLocale('en');
    seedManager(hall());
    const server = staffServer();
    render(<Staff />);
    await screen.findByText('林静');
    fireEvent.click(document.querySelector('[data-user=lin] [data-action=deactivate]')!);
    expect(screen.getByRole('dialog').textContent).toContain('never deleted');
    fireEvent.click(screen.getByTestId('dialog-confirm'));
    await waitFor(() => expect(server.requestsTo('user:update')).toHaveLength(1));
    expect(server.requestsTo('user:update')[0]).toMatchObject({
      method: 'PATCH',
      params: { userId: 'user-lin' },
      body: { active: false },
    });
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('says in both languages why the server refused a self-deactivation or the last admin', async () => {
    seedManager(hall());
    const server = staffServer();
    const refuse = (code: string, message: string) => {
      server.routes['user:update'] = () => [409, { error: { code, message } }];
    };
    const deactivate = async () => {
      fireEvent.click(document.querySelector('[data-user=lin] [data-action=deactivate]')!);
      fireEvent.click(screen.getByTestId('dialog-confirm'));
      return (await screen.findByTestId('dialog-problem')).textContent;
    };
    setLocale('zh-CN');
    refuse('OWN_ACCOUNT_LOCKOUT', 'you cannot deactivate your own account');
    render(<Staff />);
    await screen.findByText('林静');
    expect(await deactivate()).toBe('不能停用自己的账号：请由另一位管理员操作。');
    cleanup();
    setLocale('en');
    refuse('LAST_ADMIN', 'lin is the last active admin: make another admin first');
    render(<Staff />);
    await screen.findByText('林静');
    expect(await deactivate()).toBe(
      'This is the last active admin account: it cannot be deactivated or demoted. Make another admin first.',
    );
    cleanup();
    refuse('OWN_ACCOUNT_LOCKOUT', 'you cannot remove your own admin role');
    render(<Staff />);
    await screen.findByText('林静');
    expect(await deactivate()).toBe('You cannot remove your own admin role: ask another admin.');
  });

  it('refuses a photo of the wrong type or over 200 KB before sending it', async () => {
    setLocale('zh-CN');
    seedManager(hall());
    const server = staffServer();
    render(<Staff />);
    await screen.findByText('林静');
    const input = document.querySelector('[data-user=lin] input[type=file]') as HTMLInputElement;
    const pick = (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      fireEvent.change(input);
    };
    pick(new File(['GIF89a'], 'me.gif', { type: 'image/gif' }));
    await screen.findByText('只能使用 JPEG 或 PNG 图片。');
    pick(new File([new Uint8Array(300 * 1024)], 'big.jpg', { type: 'image/jpeg' }));
    await screen.findByText('图片为 300 KB，超过 200 KB 上限，请缩小后再上传。');
    expect(server.requestsTo('user:update')).toHaveLength(0);
  });
});
