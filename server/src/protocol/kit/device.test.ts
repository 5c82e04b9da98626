// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkDevice, forgetDeviceToken, redeemPairingCode, takeDeviceToken } from './device.js';
import { ApiError, call } from './rest.js';
import { FakeServer, wire } from './testing/index.js';

let server: FakeServer;
beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal('fetch', server.fetch);
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('device pairing', () => {
  it('takes the token from the address once, keeps it and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/display/?device=tok-1&lang=en#x');
    expect(takeDeviceToken('k')).toBe('tok-1');
    expect(window.location.search).toBe('?lang=en');
    expect(window.location.hash).toBe('#x');
    expect(takeDeviceToken('k')).toBe('tok-1');
    forgetDeviceToken('k');
    expect(takeDeviceToken('k')).toBeNull();
  });

  it('asks GET /api/v1/me with the token as a bearer and answers the device', async () => {
    const device = wire.device({ kind: 'kiosk' });
    server.routes.me = () => [200, { kind: 'device', device }];
    expect(await checkDevice('tok-1')).toEqual({ ok: true, device });
    expect(server.requestsTo('me')[0]?.headers.Authorization).toBe('Bearer tok-1');
  });

  it('treats 401/403 and a staff token as refused, and a 5xx, no answer or no JSON as worth retrying', async () => {
    server.routes.me = () => [401, { error: { code: 'UNAUTHENTICATED', message: 'revoked' } }];
    expect(await checkDevice('t')).toMatchObject({ ok: false, rejected: true });
    server.routes.me = () => [200, { kind: 'user', user: wire.user(), counterId: null }];
    expect(await checkDevice('t')).toMatchObject({ ok: false, rejected: true });
    server.routes.me = () => [503, { error: { code: 'INTERNAL', message: 'starting' } }];
    expect(await checkDevice('t')).toMatchObject({ ok: false, rejected: false });
    vi.stubGlobal('fetch', async () => new Response('<html>proxy</html>', { status: 200 }));
    expect(await checkDevice('t')).toMatchObject({ ok: false, rejected: false });
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await checkDevice('t')).toMatchObject({ ok: false, rejected: false, message: 'Failed to fetch' });
  });
});

describe('a pairing link', () => {
  it('exchanges ?pair= once for the token, keeps it and takes the code out of the address', async () => {
    localStorage.setItem('k', 'old-token');
    window.history.replaceState(null, '', '/kiosk/?pair=12345678&lang=en');
    server.routes['devices:pair'] = (req) =>
      (req.body as { code: string }).code === '12345678'
        ? [200, { token: 'new-token', device: wire.device({ kind: 'kiosk' }) }]
        : [401, { error: { code: 'UNAUTHENTICATED', message: 'used' } }];
    expect(await redeemPairingCode('k')).toEqual({ kind: 'paired', token: 'new-token' });
    expect(window.location.search).toBe('?lang=en');
    expect(takeDeviceToken('k')).toBe('new-token');
    expect(await redeemPairingCode('k')).toEqual({ kind: 'none' });
  });

  it('says refused for a used or expired code and for one that is not a code; retries a lost answer', async () => {
    server.routes['devices:pair'] = () => [401, { error: { code: 'UNAUTHENTICATED', message: 'used' } }];
    window.history.replaceState(null, '', '/display/?pair=87654321');
    expect(await redeemPairingCode('k')).toEqual({ kind: 'refused' });
    expect(window.location.search).toBe('');
    window.history.replaceState(null, '', '/display/?pair=abc');
    expect(await redeemPairingCode('k')).toEqual({ kind: 'refused' });
    let tries = 0;
    server.routes['devices:pair'] = () =>
      ++tries < 2
        ? [503, { error: { code: 'INTERNAL', message: 'starting' } }]
        : [200, { token: 't2', device: wire.device({ kind: 'display' }) }];
    window.history.replaceState(null, '', '/display/?pair=11112222');
    const soon = { later: (fn: () => void) => setTimeout(fn, 0) } as unknown as Parameters<
      typeof redeemPairingCode
    >[2];
    expect(await redeemPairingCode('k', window, soon)).toEqual({ kind: 'paired', token: 't2' });
    expect(tries).toBe(2);
  });
});

describe('call', () => {
  it('fills the path, sends the body, the idempotency key and the token, and types the answer', async () => {
    server.routes['tickets:issue'] = () => [201, wire.issued()];
    const t = await call('tickets:issue', {
      token: 'kiosk',
      params: { branchId: 'hall 9' },
      body: { serviceId: 'svc-a' },
      idempotencyKey: 'key-1',
    });
    expect(t.code).toBe('A012');
    const req = server.requestsTo('tickets:issue')[0]!;
    expect(req.params).toEqual({ branchId: 'hall 9' });
    expect(req.headers['Idempotency-Key']).toBe('key-1');
    expect(req.body).toEqual({ serviceId: 'svc-a' });
  });

  it('turns a refusal into ApiError with its code, and a request that hangs into a network error', async () => {
    server.routes['counter:call-next'] = () => [409, { error: { code: 'COUNTER_BUSY', message: 'busy' } }];
    const refused = call('counter:call-next', { token: 't', params: { counterId: 'ctr-1' } });
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'COUNTER_BUSY' });
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const hung = call('me', { token: 't' }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const err = await hung;
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).isNetwork).toBe(true);
  });
});
