// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { session, setLocale } from '../store';
import { fakeServer, resetAfterEach } from '../testing/fixtures';
import { Login } from './Login';

resetAfterEach();

const user = (role: string) => ({
  id: `user-${role}`,
  username: role,
  displayName: '周主任',
  role,
  staffNumber: '9001',
  branchId: 'demo-hall',
});

async function signIn(name: string) {
  fireEvent.input(screen.getByLabelText(/用户名|Username/), { target: { value: name } });
  fireEvent.input(screen.getByLabelText(/密码|Password/), { target: { value: 'a-long-test-password' } });
  fireEvent.click(screen.getByRole('button', { name: /登录|Sign in/ }));
}

describe('manager sign-in', () => {
  it('a manager is signed in and the token kept for this tab', async () => {
    setLocale('zh-CN');
    fakeServer(200, { token: 'tok-m', user: user('manager') });
    render(<Login />);
    await signIn('manager');
    await waitFor(() => expect(session.value?.user.role).toBe('manager'));
    expect(JSON.parse(sessionStorage.getItem('guichet.manager.session') ?? '{}').token).toBe('tok-m');
  });

  it('a clerk is refused in both languages, pointed to /counter, and the new session ended', async () => {
    setLocale('en');
    const server = fakeServer(200, { token: 'tok-c', user: user('clerk') });
    render(<Login />);
    await signIn('clerk1');
    const refusal = await screen.findByTestId('clerk-refused');
    expect(refusal.textContent).toContain('窗口工作人员请到窗口工作台登录');
    expect(refusal.textContent).toContain('Clerks sign in at the counter console');
    expect(refusal.querySelector('a')?.getAttribute('href')).toBe('/counter/');
    expect(session.value).toBeNull();
    await waitFor(() => expect(server.requests.map((r) => r.path)).toContain('/auth/logout'));
    expect(server.requestsTo('auth:logout')[0]?.headers.Authorization).toBe('Bearer tok-c');
  });

  it('a wrong password reads as such, in the chosen language', async () => {
    setLocale('en');
    fakeServer(401, { error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' } });
    render(<Login />);
    await signIn('manager');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username, staff number or password');
  });

  it('the language switch changes every word on the form', () => {
    setLocale('zh-CN');
    render(<Login />);
    expect(screen.getByRole('heading').textContent).toBe('管理登录');
    fireEvent.click(screen.getByTestId('language'));
    expect(screen.getByRole('heading').textContent).toBe('Manager sign-in');
    expect(localStorage.getItem('guichet.manager.locale')).toBe('en');
  });
});
