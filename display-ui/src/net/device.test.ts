import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchMe } from './device.js';

const device = {
  id: 'dev-1',
  kind: 'display',
  name: 'Hall board',
  branchId: 'demo-hall',
  counterId: null,
  config: { layout: 'portrait' },
};

function answer(status: number, body: unknown): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('fetchMe', () => {
  it('asks GET /api/v1/me with the device token as a bearer and returns the device', async () => {
    fetchMock.mockResolvedValue(answer(200, { kind: 'device', device }));
    expect(await fetchMe('tok-1')).toEqual({ ok: true, device });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/me');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok-1');
    expect(init.method ?? 'GET').toBe('GET');
  });

  it.each([401, 403])('treats HTTP %i as a refused token', async (status) => {
    fetchMock.mockResolvedValue(answer(status, { error: { code: 'UNAUTHENTICATED', message: 'revoked' } }));
    expect(await fetchMe('tok')).toMatchObject({ ok: false, rejected: true });
  });

  it('treats a staff token (not a device) as refused', async () => {
    fetchMock.mockResolvedValue(answer(200, { kind: 'staff', staff: { id: 's1' } }));
    expect(await fetchMe('tok')).toMatchObject({ ok: false, rejected: true });
  });

  it('retries (not refused) on a server error, an unreachable server or a non-JSON answer', async () => {
    fetchMock.mockResolvedValueOnce(answer(503, { error: { code: 'UNAVAILABLE', message: 'starting' } }));
    expect(await fetchMe('tok')).toMatchObject({ ok: false, rejected: false });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await fetchMe('tok')).toMatchObject({ ok: false, rejected: false, message: 'Failed to fetch' });
    fetchMock.mockResolvedValueOnce(answer(200, '<html>proxy</html>'));
    expect(await fetchMe('tok')).toMatchObject({ ok: false, rejected: false });
  });

  it('gives up on a request that hangs, so the board retries instead of waiting forever', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const result = fetchMe('tok');
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toMatchObject({ ok: false, rejected: false });
  });
});
