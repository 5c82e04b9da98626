import { createRequire } from 'node:module';
import type { WorkingCalendar } from '../core/calendar.js';

/** chinese-days' data file: date → "English name,中文名,days" for each closed day and each 调休 working day. */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function label(entry: string): string {
  const [en, zh] = entry.split(',');
  return zh && en ? `${zh} ${en}` : entry;
}

let cached: WorkingCalendar | null = null;

/**
 * China's statutory holidays and make-up working days as published by the State Council,
 * from the maintained `chinese-days` package (updated when a year's arrangement is published,
 * usually in November for the next year). Read once; a branch's overrides go on top.
 */
export function chineseStatutoryCalendar(): WorkingCalendar {
  if (cached) return cached;
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const holidays = new Map(Object.entries(data.holidays).map(([d, e]) => [d, label(e)] as const));
  const makeupDays = new Map(Object.entries(data.workdays).map(([d, e]) => [d, label(e)] as const));
  const years = new Set([...holidays.keys(), ...makeupDays.keys()].map((d) => Number(d.slice(0, 4))));
  cached = { holidays, makeupDays, weekend: [6, 7], coveredYears: [...years].sort((a, b) => a - b) };
  return cached;
}
