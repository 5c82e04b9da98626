// @vitest-environment happy-dom

import { FakeServer } from '@guichet/server/kit/testing';
import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kiosk, resetStores } from '../store';
import { stubFetch } from '../test/fixtures';
import { bootKiosk, TOKEN_KEY } from './actions';
import { KioskApp } from './KioskApp';

beforeEach(() => {
  resetStores();
  localStorage.clear();
  window.history.replaceState(null, '', '/kiosk/');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('kiosk pairing', () => {
  it('takes the token from the URL, keeps it, removes it from the address bar and follows its branch', async () => {
    window.history.replaceState(null, '', '/kiosk/?device=tok-1&x=1');
    const { calls, fetchStub } = stubFetch({
      'GET /api/v1/me': () => ({
        status: 200,
        body: {
          kind: 'device',
          device: {
            id: 'kiosk-1',
            kind: 'kiosk',
            name: 'K',
            branchId: 'hall-9',
            config: { idleSeconds: 30 },
          },
        },
      }),
    });
    vi.stubGlobal('fetch', fetchStub);
    const server = new FakeServer();
    server.autoConnect = false;
    server.subscribeMode = 'hold';
    await bootKiosk(server.socket);
    expect(localStorage.getItem(TOKEN_KEY)).toBe('tok-1');
    expect(window.location.search).toBe('?x=1');
    expect(calls[0]!.headers.Authorization).toBe('Bearer tok-1');
    expect(server.lastSocket.options.token).toBe('tok-1');
    expect(kiosk.branchId.value).toBe('hall-9');
    expect(kiosk.timings.value.idleSeconds).toBe(30);
    server.lastSocket.handshake();
    expect(server.lastSocket.emitted[0]).toEqual({
      event: 'branch:subscribe',
      payload: { branchId: 'hall-9' },
    });
  });

  it('says the kiosk is not paired when it has no token', async () => {
    await bootKiosk(new FakeServer().socket);
    render(<KioskApp />);
    expect(screen.getByRole('heading').textContent).toBe('本机尚未配对');
  });

  it('says the pairing is no longer valid when the server refuses the token', async () => {
    localStorage.setItem(TOKEN_KEY, 'revoked');
    vi.stubGlobal(
      'fetch',
      stubFetch({
        'GET /api/v1/me': () => ({
          status: 401,
          body: { error: { code: 'UNAUTHENTICATED', message: 'no' } },
        }),
      }).fetchStub,
    );
    await bootKiosk(new FakeServer().socket);
    render(<KioskApp />);
    expect(screen.getByRole('heading').textContent).toBe('本机的配对已失效');
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  async function pairedKiosk(server: FakeServer) {
    server.autoConnect = false;
    localStorage.setItem(TOKEN_KEY, 'tok-2');
    vi.stubGlobal(
      'fetch',
      stubFetch({
        'GET /api/v1/me': () => ({
          status: 200,
          body: {
            kind: 'device',
            device: { id: 'k', kind: 'kiosk', name: 'K', branchId: 'demo-hall', config: {} },
          },
        }),
      }).fetchStub,
    );
    await bootKiosk(server.socket);
    render(<KioskApp />);
    expect(kiosk.pairing.value).toBe('paired');
    return server.lastSocket;
  }

  it('a token the socket refuses (revoked) shows the rejected screen, forgets the token and stops retrying', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const server = new FakeServer();
      server.tokens = new Set();
      const socket = await pairedKiosk(server);
      act(() => socket.handshake());
      expect(screen.getByRole('heading').textContent).toBe('本机的配对已失效');
      expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
      vi.advanceTimersByTime(30_000);
      expect(socket.connected).toBe(false);
      expect(server.sockets).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a FORBIDDEN answer to the branch subscription shows the rejected screen and forgets the token', async () => {
    const server = new FakeServer();
    server.refuseSubscribe = { code: 'FORBIDDEN', message: 'no' };
    const socket = await pairedKiosk(server);
    act(() => socket.handshake());
    await waitFor(() => expect(screen.getByRole('heading').textContent).toBe('本机的配对已失效'));
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(server.count('branch:subscribe')).toBe(1);
  });
});
