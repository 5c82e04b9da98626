/** The kiosk's device token: taken from the pairing URL once, then kept in localStorage. */
export const TOKEN_KEY = 'guichet.kiosk.deviceToken';

export function takeDeviceToken(
  loc: Location = window.location,
  storage: Storage = window.localStorage,
): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('device');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('device');
    // The token must not stay in the address bar, history or a screenshot.
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export function forgetDeviceToken(storage: Storage = window.localStorage): void {
  storage.removeItem(TOKEN_KEY);
}
