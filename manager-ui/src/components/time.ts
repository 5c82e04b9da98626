import { DAY_MINUTE } from '@guichet/server/kit';

/** Clock time in the branch's own time zone, so a manager abroad reads the hall's hours. */
export function clockTime(at: number, timeZone: string, withSeconds = false): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}

/**
 * "2026-12-01 17:39" in the branch's zone, in either language: year first, so an English reader
 * cannot take 12/01 for the first of December or the twelfth of January.
 */
export function dayMinute(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { ...DAY_MINUTE, timeZone }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Elapsed time as m:ss, or h:mm:ss past an hour; never negative (clocks differ a little). */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
