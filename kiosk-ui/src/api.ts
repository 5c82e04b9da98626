export { ApiError, api, type RequestOptions } from '@guichet/server/protocol';

/**
 * A fresh Idempotency-Key. `crypto.randomUUID` only exists in secure contexts, and a kiosk on a
 * hall LAN is often plain http, so fall back to getRandomValues (available everywhere).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
