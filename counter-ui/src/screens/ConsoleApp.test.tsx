// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { counterId, notice, saveSession, session, setLocale } from '../store';

const connectBranch = vi.fn((_token: string, _branchId: string) => ({ resync() {}, close() {} }));
vi.mock('../socket', () => ({ connectBranch }));
const { ConsoleApp } = await import('./ConsoleApp');

const user = {
  id: 'u-clerk1',
  username: 'clerk1',
  displayName: '王丽',
  role: 'clerk' as const,
  staffNumber: '1001',
  branchId: null,
};

/** Answers /me and /branches in turn from `replies`: a status and body, or 'down' for no answer. */
function serve(replies: Record<string, ([number, unknown] | 'down')[]>) {
  const fetchMock = vi.fn(async (url: string) => {
    const path = url.replace(/^\/api\/v1/, '');
    const queue = replies[path] ?? [];
    const next = (queue.length > 1 ? queue.shift() : queue[0]) ?? [404, {}];
    if (next === 'down') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(next[1]), { status: next[0] });
  });
  vi.stubGlobal('fetch', fetchMock);
  return (path: string) => fetchMock.mock.calls.filter(([u]) => u.endsWith(path)).length;
}
const flush = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(0);
  });

beforeEach(() => {
  vi.useFakeTimers();
  setLocale('zh-CN');
  sessionStorage.clear();
  counterId.value = null;
  connectBranch.mockClear();
  saveSession({ token: 'tok', user });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  saveSession(null);
  notice.value = null;
});

describe('console app, loading', () => {
  it('a network failure at load keeps the clerk signed in and tries again', async () => {
    const me = [200, { kind: 'user', user, counterId: null }] as [number, unknown];
    const calls = serve({ '/me': ['down', me], '/branches': ['down', [200, [{ id: 'demo-hall' }]]] });
    render(<ConsoleApp />);
    await flush();
    expect(session.value).not.toBeNull();
    expect(screen.getByTestId('notice').textContent).toBe('无法连接服务器，请检查网络');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    // /me answered, /branches did not: once more after a longer pause.
    expect(calls('/branches')).toBe(1);
    expect(connectBranch).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(connectBranch).toHaveBeenCalledWith('tok', 'demo-hall');
    expect(session.value).not.toBeNull();
    expect(notice.value).toBeNull();
  });

  it('a 401 at load signs out', async () => {
    serve({ '/me': [[401, { error: { code: 'UNAUTHENTICATED', message: 'expired' } }]] });
    render(<ConsoleApp />);
    await flush();
    expect(session.value).toBeNull();
    expect(screen.getByText('窗口登录')).toBeTruthy();
  });
});
