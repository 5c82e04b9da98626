import type { Locale } from '@guichet/server/protocol';
import { useEffect, useState } from 'preact/hooks';

const formats = new Map<string, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

/** Built once per language and time zone, not on every tick. */
function clockFormats(locale: Locale, timeZone: string) {
  const id = `${locale}|${timeZone}`;
  let f = formats.get(id);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
      date: new Intl.DateTimeFormat(locale, { timeZone, month: 'long', day: 'numeric', weekday: 'short' }),
    };
    formats.set(id, f);
  }
  return f;
}

/** The time in the branch's time zone (the kiosk's own clock may be set to anything). */
export function Clock({ timeZone, locale }: { timeZone: string; locale: Locale }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const f = clockFormats(locale, timeZone);
  const time = f.time.format(now);
  const date = f.date.format(now);
  return (
    <div class="clock" aria-live="off">
      <time class="clock-time">{time}</time>
      <span class="clock-date">{date}</span>
    </div>
  );
}
