// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkDevice, forgetDeviceToken, takeDeviceToken } from './device.js';
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
