// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_KEY } from '../device';
import { kiosk, resetStores } from '../store';
import { FakeSocket } from '../test/fakeSocket';
import { stubFetch } from '../test/fixtures';
import { bootKiosk } from './actions';
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
    const fake = new FakeSocket();
    fake.onEmit = () => {};
    let auth: unknown;
    await bootKiosk((a) => {
      auth = a;
      return fake.asSocket();
    });
    expect(localStorage.getItem(TOKEN_KEY)).toBe('tok-1');
    expect(window.location.search).toBe('?x=1');
    expect(calls[0]!.headers.Authorization).toBe('Bearer tok-1');
    expect(auth).toEqual({ token: 'tok-1' });
    expect(kiosk.branchId.value).toBe('hall-9');
    expect(kiosk.timings.value.idleSeconds).toBe(30);
    fake.serverConnects();
    expect(fake.emitted[0]).toEqual({ event: 'branch:subscribe', payload: { branchId: 'hall-9' } });
  });

  it('says the kiosk is not paired when it has no token', async () => {
    await bootKiosk(() => new FakeSocket().asSocket());
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
    await bootKiosk(() => new FakeSocket().asSocket());
    render(<KioskApp />);
    expect(screen.getByRole('heading').textContent).toBe('本机的配对已失效');
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  async function pairedKiosk(fake: FakeSocket) {
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
    await bootKiosk(() => fake.asSocket());
    render(<KioskApp />);
    expect(kiosk.pairing.value).toBe('paired');
  }

  it('a token the socket refuses (revoked) shows the rejected screen, forgets the token and stops retrying', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const fake = new FakeSocket();
      await pairedKiosk(fake);
      fake.active = false;
      act(() => fake.push('connect_error', new Error('UNAUTHENTICATED')));
      expect(screen.getByRole('heading').textContent).toBe('本机的配对已失效');
      expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
      vi.advanceTimersByTime(30_000);
      expect(fake.connected).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a FORBIDDEN answer to the branch subscription shows the rejected screen and forgets the token', async () => {
    const fake = new FakeSocket();
    fake.onEmit = (_e, _p, ack) => ack({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    await pairedKiosk(fake);
    act(() => fake.serverConnects());
    await waitFor(() => expect(screen.getByRole('heading').textContent).toBe('本机的配对已失效'));
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(fake.count('branch:subscribe')).toBe(1);
  });
});
