import { locale, snapshot } from '../store';
import { rt } from './strings';

/** "1 h 05 min" / "1 小时 5 分", or "12 min" under an hour; "–" for nothing measured. */
export function duration(seconds: number | null | undefined): string {
  if (seconds == null) return rt('none');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return rt('minutes', { n: minutes });
  return rt('hm', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** "4:07" for a handling time in seconds. */
export function mmss(seconds: number | null | undefined): string {
  if (seconds == null) return rt('none');
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The branch's time zone: its days and clock times are the hall's, whatever the PC is set to. */
const zone = (): string | undefined => snapshot.value?.branch.timezone;

/** The hall's wall-clock time of an instant. */
export function hhmm(at: number | null | undefined): string {
  if (at == null) return rt('none');
  return new Date(at).toLocaleTimeString(locale.value, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: zone(),
  });
}

export const percent = (p: number | null | undefined): string => (p == null ? rt('none') : `${p}%`);

/** YYYY-MM-DD of the hall's date `n` days from `at` (the business day the server files it under). */
export function localDay(at: number, n = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone() }).format(at);
  if (!n) return today;
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "9月22日周二" / "Tue, Sep 22" for a day tab. */
export function dayLabel(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(locale.value, {
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  });
}
