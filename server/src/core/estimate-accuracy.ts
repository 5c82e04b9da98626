import { localParts } from './time.js';

/**
 * How honest the promised wait was: for each ticket, the wait promised at issue against the
 * wait it had (issue → first call), reported as mean absolute error, bias (positive: waits
 * were longer than promised), the share within ±5 minutes and the share inside the promised
 * range — by service or by hour of issue. Tickets never called have no real wait and are left
 * out (counted); so are implausible waits (negative, over 4 h).
 */
export interface PromisedWait {
  serviceId: string;
  issuedAt: number;
  promisedMinutes: number | null;
  promisedLow?: number | null;
  promisedHigh?: number | null;
  /** Issue → the first call, in seconds; null when never called. */
  actualWaitSeconds: number | null;
}

export interface AccuracyRow {
  key: string;
  n: number;
  meanAbsoluteErrorMinutes: number | null;
  biasMinutes: number | null;
  within5MinutesPercent: number | null;
  inRangePercent: number | null;
  excluded: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (a: number, b: number) => (b ? round1((a / b) * 100) : null);

export function estimateAccuracy(
  rows: readonly PromisedWait[],
  by: 'service' | 'hour',
  timezone: string,
): { rows: AccuracyRow[]; totals: AccuracyRow } {
  const groups = new Map<string, PromisedWait[]>();
  for (const r of rows) {
    const key =
      by === 'service'
        ? r.serviceId
        : String(Math.floor(localParts(r.issuedAt, timezone).minuteOfDay / 60)).padStart(2, '0');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, g]) => accuracy(k, g));
  return { rows: out, totals: accuracy('total', rows) };
}

function accuracy(key: string, rows: readonly PromisedWait[]): AccuracyRow {
  let n = 0;
  let absSum = 0;
  let sum = 0;
  let within5 = 0;
  let ranged = 0;
  let inRange = 0;
  for (const r of rows) {
    const actual = r.actualWaitSeconds;
    if (r.promisedMinutes === null || actual === null || actual < 0 || actual > 4 * 3600) continue;
    const error = actual / 60 - r.promisedMinutes;
    n++;
    absSum += Math.abs(error);
    sum += error;
    if (Math.abs(error) <= 5) within5++;
    if (r.promisedLow != null && r.promisedHigh != null) {
      ranged++;
      if (actual / 60 >= r.promisedLow && actual / 60 <= r.promisedHigh) inRange++;
    }
  }
  return {
    key,
    n,
    meanAbsoluteErrorMinutes: n ? round1(absSum / n) : null,
    biasMinutes: n ? round1(sum / n) : null,
    within5MinutesPercent: pct(within5, n),
    inRangePercent: pct(inRange, ranged),
    excluded: rows.length - n,
  };
}
