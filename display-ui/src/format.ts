import type { Locale, ServiceView } from '@guichet/server/protocol';
import { t } from './strings.js';

const clockFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** Formatters are built once per (locale, time zone): the clock ticks every second for weeks. */
function formats(locale: Locale, timeZone: string) {
  const key = `${locale}|${timeZone}`;
  let f = clockFormats.get(key);
  if (!f) {
    let zone: string | undefined = timeZone;
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
    } catch {
      zone = undefined;
    }
    f = {
      date: new Intl.DateTimeFormat(locale, {
        timeZone: zone,
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        weekday: 'long',
      }),
      time: new Intl.DateTimeFormat(locale, {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    };
    clockFormats.set(key, f);
  }
  return f;
}

export function formatDate(locale: Locale, timeZone: string, at: number): string {
  return formats(locale, timeZone).date.format(at);
}

export function formatTime(locale: Locale, timeZone: string, at: number): string {
  return formats(locale, timeZone).time.format(at);
}

export function formatWait(locale: Locale, s: ServiceView): string {
  if (s.estimateStatus === 'after_closing') return t(locale, 'waitAfterClosing');
  if (s.estimatedWaitRange) {
    const [lo, hi] = s.estimatedWaitRange;
    return lo === hi ? t(locale, 'waitMinutes', { m: lo }) : t(locale, 'waitRange', { lo, hi });
  }
  if (s.estimatedWaitMinutes !== null) return t(locale, 'waitMinutes', { m: s.estimatedWaitMinutes });
  return t(locale, 'waitUnknown');
}
