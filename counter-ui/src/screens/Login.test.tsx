// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endSession, saveSession, session, setLocale, signedOutBecause } from '../store';
import { Login } from './Login';

afterEach(() => {
  cleanup();
  saveSession(null);
  vi.unstubAllGlobals();
});

function fakeLogin(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('login', () => {
  it('signs in with a staff number and keeps the token in sessionStorage', async () => {
    setLocale('zh-CN');
    const user = {
      id: 'u1',
      username: 'clerk1',
      displayName: '王芳',
      role: 'clerk',
      staffNumber: '1001',
      branchId: 'demo-hall',
    };
    const fetchMock = fakeLogin(200, { token: 'tok-1', user });
    render(<Login />);
    fireEvent.input(screen.getByLabelText('用户名或工号'), { target: { value: '1001' } });
    fireEvent.input(screen.getByLabelText('密码'), { target: { value: 'demo1234' } });
    fireEvent.click(screen.getByText('登录', { selector: 'button' }));
    await waitFor(() => expect(session.value?.token).toBe('tok-1'));
    expect(JSON.parse(sessionStorage.getItem('guichet.counter.session') ?? '{}').token).toBe('tok-1');
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit | undefined;
    expect(JSON.parse(String(init?.body))).toEqual({ username: '1001', password: 'demo1234' });
  });

  it('says the credentials are wrong on 401 and stays signed out', async () => {
    fakeLogin(401, { error: { code: 'UNAUTHENTICATED', message: 'bad password' } });
    render(<Login />);
    fireEvent.input(screen.getByLabelText('用户名或工号'), { target: { value: 'clerk1' } });
    fireEvent.input(screen.getByLabelText('密码'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByText('登录', { selector: 'button' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('用户名、工号或密码不正确'));
    expect(session.value).toBeNull();
  });

  it('any other failure is told in the clerk language, never the server English', async () => {
    setLocale('zh-CN');
    fakeLogin(429, { error: { code: 'TOO_MANY_REQUESTS', message: 'too many sign-in attempts' } });
    render(<Login />);
    fireEvent.input(screen.getByLabelText('用户名或工号'), { target: { value: 'clerk1' } });
    fireEvent.input(screen.getByLabelText('密码'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByText('登录', { selector: 'button' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('操作过于频繁，请稍后再试'));
    cleanup();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    render(<Login />);
    fireEvent.input(screen.getByLabelText('用户名或工号'), { target: { value: 'clerk1' } });
    fireEvent.input(screen.getByLabelText('密码'), { target: { value: 'x' } });
    fireEvent.click(screen.getByText('登录', { selector: 'button' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('无法连接服务器，请检查网络'));
  });

  it('says why when the session ended on its own, and forgets it after signing in again', async () => {
    setLocale('en');
    endSession();
    fakeLogin(200, {
      token: 't2',
      user: {
        id: 'u1',
        username: 'clerk1',
        displayName: 'A',
        role: 'clerk',
        staffNumber: '1001',
        branchId: 'b',
      },
    });
    render(<Login />);
    expect(screen.getByTestId('session-ended').textContent).toContain('session has ended');
    fireEvent.input(screen.getByLabelText(/username/i), { target: { value: 'clerk1' } });
    fireEvent.input(screen.getByLabelText(/password/i), { target: { value: 'demo1234' } });
    fireEvent.submit(screen.getByRole('button', { name: /sign in/i }).closest('form')!);
    await waitFor(() => expect(session.value?.token).toBe('t2'));
    expect(signedOutBecause.value).toBeNull();
  });

  it('shows nothing of the kind after a sign-out the clerk chose', () => {
    saveSession(null);
    signedOutBecause.value = null;
    render(<Login />);
    expect(screen.queryByTestId('session-ended')).toBeNull();
  });
});
