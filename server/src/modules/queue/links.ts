/** The phone page of a ticket: printed as a QR code and returned to the kiosk. */
export function trackUrl(base: string, ticketId: string, key: string): string {
  return `${base}/kiosk/track?t=${encodeURIComponent(ticketId)}&k=${encodeURIComponent(key)}`;
}

export interface LinkPolicy {
  publicUrl: string | null;
  /** Host names (with or without port) whose own address may be printed. */
  allowedHosts: readonly string[];
  /** The demo's stand-in for a public URL: the address the server listens on. */
  listenUrl: (() => string | null) | null;
}

export const NO_PUBLIC_URL =
  'GUICHET_PUBLIC_URL is not set (nor GUICHET_ALLOWED_HOSTS): tickets are printed without a QR code';

/**
 * The base of the phone links printed in QR codes. The request's Host header is anyone's to
 * write (`Host: evil.example`), so it is used only when it names an allowed host; without a
 * public URL or an allow-list there is no QR code (null), and the caller prints without one.
 */
export function linkBase(policy: LinkPolicy, requestBase: string | null | undefined): string | null {
  if (policy.publicUrl) return policy.publicUrl;
  if (requestBase && policy.allowedHosts.length) {
    const { host, hostname } = new URL(requestBase);
    if (
      policy.allowedHosts.includes(host.toLowerCase()) ||
      policy.allowedHosts.includes(hostname.toLowerCase())
    )
      return requestBase;
  }
  return policy.listenUrl?.() ?? null;
}
