import type { MeResponse } from '../http.js';
import { ApiError, call } from './rest.js';
import { Backoff } from './socket.js';

/**
 * Device pairing: the token arrives once in the address (`?device=<token>`), is kept in
 * localStorage under the screen's own key and removed from the address bar, so it shows in no
 * bookmark, history entry or screenshot.
 */
export function takeDeviceToken(storageKey: string, win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('device');
  if (fromUrl) {
    win.localStorage.setItem(storageKey, fromUrl);
    url.searchParams.delete('device');
    win.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return win.localStorage.getItem(storageKey);
}

export function forgetDeviceToken(storageKey: string, storage: Storage = window.localStorage): void {
  storage.removeItem(storageKey);
}

export type PairedDevice = Extract<MeResponse, { kind: 'device' }>['device'];
export type DeviceCheck =
  | { ok: true; device: PairedDevice }
  | { ok: false; rejected: boolean; message: string };

/**
 * `GET /me` with a device token. `rejected` means the token itself is refused (401/403, or a
 * staff token where a device's belongs); anything else (network, timeout, 5xx) is worth retrying.
 */
export async function checkDevice(token: string): Promise<DeviceCheck> {
  try {
    const me = await call('me', { token });
    if (me?.kind !== 'device') return { ok: false, rejected: true, message: 'not a device' };
    return { ok: true, device: me.device };
  } catch (e) {
    if (!(e instanceof ApiError)) return { ok: false, rejected: false, message: String(e) };
    return {
      ok: false,
      rejected: e.isRejection,
      message: e.isNetwork ? e.message : `HTTP ${e.status} ${e.code}`,
    };
  }
}

/** Asks until the server answers: the device, or null when the token is refused. */
export async function pairDevice(
  token: string,
  backoff = new Backoff(1000, 30_000),
): Promise<PairedDevice | null> {
  for (;;) {
    const r = await checkDevice(token);
    if (r.ok) return r.device;
    if (r.rejected) return null;
    await new Promise<void>((resolve) => backoff.later(resolve));
  }
}

export type PairingOutcome =
  | { kind: 'none' }
  | { kind: 'paired'; token: string }
  /** The code is unknown, used or expired (or not a code): the screen says so in both languages. */
  | { kind: 'refused' };

/**
 * A pairing link (`?pair=<8 digits>`, from the manager area): the code is taken out of the
 * address at once (it is single-use; a reload must not send it again), exchanged once for the
 * device's token (`POST /devices/pair`), and the token kept under the screen's own key, where
 * `takeDeviceToken` finds it. A lost network or a busy server is tried again while the screen
 * stays open; a refusal is final.
 */
export async function redeemPairingCode(
  storageKey: string,
  win: Window = window,
  backoff = new Backoff(1000, 30_000),
): Promise<PairingOutcome> {
  const url = new URL(win.location.href);
  const code = url.searchParams.get('pair');
  if (code === null) return { kind: 'none' };
  url.searchParams.delete('pair');
  win.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  if (!/^[0-9]{8}$/.test(code.trim())) return { kind: 'refused' };
  for (;;) {
    try {
      const { token } = await call('devices:pair', { body: { code: code.trim() } });
      win.localStorage.setItem(storageKey, token);
      return { kind: 'paired', token };
    } catch (e) {
      if (e instanceof ApiError && !e.isRetryable) return { kind: 'refused' };
      await new Promise<void>((resolve) => backoff.later(resolve));
    }
  }
}
