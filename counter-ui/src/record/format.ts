import { locale } from '../store';
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

/** The hall's wall-clock time of an instant (the console runs in the hall). */
export function hhmm(at: number | null | undefined): string {
  if (at == null) return rt('none');
  return new Date(at).toLocaleTimeString(locale.value, { hour: '2-digit', minute: '2-digit', hour12: false });
}

export const percent = (p: number | null | undefined): string => (p == null ? rt('none') : `${p}%`);

/** YYYY-MM-DD of the local date `n` days from `at`. */
export function localDay(at: number, n = 0): string {
  const d = new Date(at);
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "9月22日 周二" / "Tue 22 Sep" for a day tab. */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T12:00:00`);
  return d.toLocaleDateString(locale.value, { month: 'short', day: 'numeric', weekday: 'short' });
}
