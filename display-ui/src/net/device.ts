import { ApiError, api } from '@guichet/server/protocol';

const TOKEN_KEY = 'guichet.display.token';

/**
 * The pairing token arrives once in the address (`?device=<token>`); it is kept in localStorage
 * and removed from the address bar so it does not show on screen or in a bookmark.
 */
export function takeDeviceToken(loc: Location, storage: Storage, history: History): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('device');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('device');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export interface DisplayDevice {
  id: string;
  kind: string;
  name: string;
  branchId: string;
  counterId: string | null;
  config: unknown;
}

export type MeResult =
  | { ok: true; device: DisplayDevice }
  | { ok: false; rejected: boolean; message: string };

/**
 * `GET /api/v1/me` with the device token, through the protocol's HTTP client (JSON, 10 s timeout).
 * `rejected` means the token itself is refused (401/403, or not a device's token); anything else
 * (network, timeout, 5xx) is worth retrying.
 */
export async function fetchMe(token: string): Promise<MeResult> {
  let body: { kind?: string; device?: DisplayDevice } | null;
  try {
    body = await api<{ kind?: string; device?: DisplayDevice } | null>('/me', { token });
  } catch (err) {
    if (err instanceof ApiError) {
      const rejected = err.status === 401 || err.status === 403;
      return { ok: false, rejected, message: err.isNetwork ? err.message : `HTTP ${err.status} ${err.code}` };
    }
    return { ok: false, rejected: false, message: String(err) };
  }
  // Not JSON (a proxy's page, say): not the server's answer, so try again later.
  if (body === null || typeof body !== 'object')
    return { ok: false, rejected: false, message: 'no JSON body' };
  if (body.kind !== 'device' || !body.device) return { ok: false, rejected: true, message: 'not a device' };
  return { ok: true, device: body.device };
}
