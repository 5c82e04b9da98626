/**
 * Cross-site checks for what a browser sends with the session cookie on its own: a write over
 * HTTP, a Socket.IO connection. Allowed: the server's own origin (as the request names it) and
 * GUICHET_PUBLIC_URL. A request without an Origin header (curl, a kiosk's token) is not a
 * browser's cross-site request and passes; its cookie, if any, came from its own jar.
 */
export function originAllowed(
  origin: string | undefined,
  own: { protocol: string; host: string | undefined },
  publicUrl: string | null,
): boolean {
  if (!origin) return true;
  const o = origin.toLowerCase();
  if (own.host && o === `${own.protocol}://${own.host}`.toLowerCase()) return true;
  if (publicUrl && o === new URL(publicUrl).origin.toLowerCase()) return true;
  return false;
}

/** `GUICHET_TRUST_PROXY`: addresses of proxies whose X-Forwarded-* headers are believed. */
export function trustedProxies(setting: string | null): (address: string) => boolean {
  if (!setting) return () => false;
  if (setting === 'true' || setting === '1') return () => true;
  const list = new Set(setting.split(',').map((s) => s.trim()));
  return (a) => list.has(a) || list.has(a.replace(/^::ffff:/, ''));
}
