import { chineseStatutoryCalendar } from '../../calendar/chinese.js';
import { calendarCoverageWarning } from '../../calendar/coverage.js';
import type { Branch } from '../../core/index.js';
import { NO_PUBLIC_URL } from '../queue/links.js';

/**
 * What health names as `warnings`: things that work today but will mislead people unless someone
 * acts — QR links that phones cannot open, a holiday calendar about to run out.
 */
export function healthWarnings(o: {
  branches: Iterable<Branch>;
  now: number;
  publicLinks: boolean;
}): string[] {
  const warnings = o.publicLinks ? [] : [NO_PUBLIC_URL];
  const onCn = [...o.branches]
    .filter((b) => b.holidays === 'cn')
    .map((b) => ({ id: b.id, ownDates: (b.ownExceptions ?? []).map((e) => e.date) }));
  const today = new Date(o.now).toISOString().slice(0, 10);
  const calendar = calendarCoverageWarning(chineseStatutoryCalendar(), today, onCn);
  if (calendar) warnings.push(calendar);
  return warnings;
}
