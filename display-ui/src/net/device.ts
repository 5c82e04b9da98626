import { API } from '@guichet/server/protocol';

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

/** `GET /api/v1/me` with the device token; `rejected` means the token itself is refused. */
export async function fetchMe(token: string, fetchImpl: typeof fetch = fetch): Promise<MeResult> {
  let res: Response;
  try {
    res = await fetchImpl(`${API}/me`, { headers: { Authorization: `Bearer ${token}` } });
  } catch (err) {
    return { ok: false, rejected: false, message: String(err) };
  }
  if (res.status === 401 || res.status === 403)
    return { ok: false, rejected: true, message: `HTTP ${res.status}` };
  if (!res.ok) return { ok: false, rejected: false, message: `HTTP ${res.status}` };
  const body = (await res.json()) as { kind?: string; device?: DisplayDevice };
  if (body.kind !== 'device' || !body.device) return { ok: false, rejected: true, message: 'not a device' };
  return { ok: true, device: body.device };
}
