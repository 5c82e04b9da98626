/** Opening intervals as a manager types them: "09:00-12:00, 13:30-17:00" (empty: closed). */
export interface Interval {
  open: string;
  close: string;
}
export type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';
export const WEEKDAYS: Weekday[] = ['1', '2', '3', '4', '5', '6', '7'];
export type Week = Partial<Record<Weekday, Interval[]>>;
/** One text per weekday, as edited. */
export type WeekText = Record<Weekday, string>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
/** "9:00" is read as "09:00"; the en dash and "–" count as the hyphen. */
const pad = (t: string) => (/^\d:\d\d$/.test(t) ? `0${t}` : t);

export const formatIntervals = (list: Interval[] | undefined): string =>
  (list ?? []).map((i) => `${i.open}-${i.close}`).join(', ');

/** The intervals of a typed text, or null when one is not HH:MM-HH:MM, ends first, or overlaps. */
export function parseIntervals(text: string): Interval[] | null {
  const parts = text
    .split(/[,，;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Interval[] = [];
  for (const part of parts) {
    const m = /^(\S+)\s*[-–—~至]\s*(\S+)$/.exec(part);
    if (!m) return null;
    const open = pad(m[1]!);
    const close = pad(m[2]!);
    if (!TIME.test(open) || !TIME.test(close) || minutes(close) <= minutes(open)) return null;
    out.push({ open, close });
  }
  out.sort((a, b) => minutes(a.open) - minutes(b.open));
  for (let i = 1; i < out.length; i++) if (minutes(out[i]!.open) < minutes(out[i - 1]!.close)) return null;
  return out.length > 8 ? null : out;
}

export const weekText = (week: Week | undefined): WeekText =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, formatIntervals(week?.[d])])) as WeekText;

/** The week of the texts, and the weekdays whose text is wrong. */
export function parseWeek(text: WeekText): { week: Week; bad: Weekday[] } {
  const week: Week = {};
  const bad: Weekday[] = [];
  for (const d of WEEKDAYS) {
    const list = parseIntervals(text[d]);
    if (!list) bad.push(d);
    else if (list.length) week[d] = list;
  }
  return { week, bad };
}
