/**
 * Local calendar arithmetic in the branch's time zone. Everything is derived from an instant
 * through Intl, so a day boundary or a DST change is where the zone says it is, never where
 * UTC or the server's own zone would put it.
 */
export interface LocalParts {
  date: string; // YYYY-MM-DD
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1
  minuteOfDay: number;
}

/**
 * A formatter per time zone, each made once: making one costs far more than using it, and the
 * hot path (each issue and call) reads local time many times a minute.
 */
export function formatterPerZone(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): (timeZone: string) => Intl.DateTimeFormat {
  const made = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let f = made.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      made.set(timeZone, f);
    }
    return f;
  };
}

/** The local date and the time to the minute, 24-hour. */
export const DAY_MINUTE: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

const formatterFor = formatterPerZone('en-US', { ...DAY_MINUTE, weekday: 'short' });

const WEEKDAYS: Record<string, LocalParts['weekday']> = {
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
  Sun: 7,
};

const lastParts = new Map<string, { minute: number; parts: LocalParts }>();

export function localParts(instant: number, timezone: string): LocalParts {
  // Every zone in use has whole-minute offsets, so one answer holds for a whole UTC minute;
  // the hot path (each issue and call) asks many times a minute.
  const minute = Math.floor(instant / 60_000);
  const cached = lastParts.get(timezone);
  if (cached?.minute === minute) return cached.parts;
  const parts = computeLocalParts(instant, timezone);
  lastParts.set(timezone, { minute, parts });
  return parts;
}

function computeLocalParts(instant: number, timezone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timezone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  const weekday = WEEKDAYS[parts.weekday ?? ''];
  if (!weekday) throw new Error(`cannot read weekday for ${timezone}`);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The business day an instant belongs to: the local calendar date in the branch's zone. */
export function businessDay(instant: number, timezone: string): string {
  return localParts(instant, timezone).date;
}

export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

/** "08:30" → 510; "24:00" is the end of the day. Throws on a malformed time so configuration errors surface at load. */
export function parseLocalTime(hhmm: string): number {
  if (hhmm === '24:00') return 24 * 60;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`invalid local time "${hhmm}" (expected HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}
