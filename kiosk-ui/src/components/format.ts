import type { Locale } from '@guichet/server/protocol';
import { t } from '../strings';

/** "12–18 min" style text for a wait range as the server estimated it (no arithmetic of our own). */
export function waitText(
  locale: Locale,
  range: [number, number] | null,
  keys: { range: 'tile.wait' | 'phone.minutes'; one: 'tile.waitOne' | 'phone.minutesOne' },
): string | null {
  if (!range) return null;
  const [lo, hi] = range;
  return lo === hi ? t(locale, keys.one, { n: lo }) : t(locale, keys.range, { lo, hi });
}
