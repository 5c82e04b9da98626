/** The phone page of a ticket: printed as a QR code and returned to the kiosk. */
export function trackUrl(base: string, ticketId: string, key: string): string {
  return `${base}/kiosk/track?t=${encodeURIComponent(ticketId)}&k=${encodeURIComponent(key)}`;
}
