import type { Locale } from '@guichet/server/protocol';
import { useEffect, useState } from 'preact/hooks';

/** The time in the branch's time zone (the kiosk's own clock may be set to anything). */
export function Clock({ timeZone, locale }: { timeZone: string; locale: Locale }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now);
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(now);
  return (
    <div class="clock" aria-live="off">
      <time class="clock-time">{time}</time>
      <span class="clock-date">{date}</span>
    </div>
  );
}
