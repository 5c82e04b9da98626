/**
 * Fitting a text into a display that cannot scroll (Modbus digit modules, QSystem boards).
 * Cutting is never allowed: "A1000" cut to "A100" or "1000" on a 4-wide panel would be
 * another valid ticket. So a text either fits whole, or becomes a documented overflow form:
 * - 'number': a ticket code (letters then digits) shows its number without its letter when
 *   that fits ("A1000" → "1000"); staff and the hall board still show the full code.
 * - 'dashes': "----" (as wide as the panel): "cannot show, look at the hall board".
 * Any other text that does not fit (e.g. "CLOSED" on 4 digits) shows dashes; configure a short
 * form in the counter display messages instead (e.g. closed: 'OFF').
 */

export type OverflowPolicy = 'number' | 'dashes';

const TICKET_CODE = /^([A-Za-z]+)-?(\d+)$/;

export function fitText(
  text: string,
  width: number,
  overflow: OverflowPolicy,
  fits: (candidate: string) => boolean,
): string {
  if (fits(text)) return text;
  const number = TICKET_CODE.exec(text.trim())?.[2];
  if (overflow === 'number' && number !== undefined && fits(number)) return number;
  return '-'.repeat(width);
}
