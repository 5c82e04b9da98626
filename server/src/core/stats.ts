import { plausible } from './legs.js';

/** n, mean, median, P90 and max of a segment, with how many values were left out as implausible. */
export interface SegmentStats {
  n: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  excluded: number;
}

/**
 * Nearest-rank percentile: the smallest observed value with at least p % of the values at or
 * below it, so P90 is always a wait someone really had (no interpolation between two people).
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function segmentStats(values: readonly (number | null)[]): SegmentStats {
  const kept = values.filter(plausible).sort((a, b) => a - b);
  const n = kept.length;
  const sum = kept.reduce((a, b) => a + b, 0);
  return {
    n,
    mean: n ? Math.round((sum / n) * 10) / 10 : null,
    median: percentile(kept, 50),
    p90: percentile(kept, 90),
    max: n ? (kept[n - 1] ?? null) : null,
    excluded: values.length - n,
  };
}

/**
 * Service level (按时叫号率): legs called within the target ÷ (legs called + legs that ended
 * uncalled after waiting longer than the target). A leg that ended uncalled within the target
 * (a citizen who left after two minutes) counts on neither side.
 */
export function serviceLevel(
  legs: readonly { waitSeconds: number | null; uncalledWaitSeconds: number | null; targetSeconds: number }[],
): { percent: number | null; within: number; counted: number } {
  let within = 0;
  let counted = 0;
  for (const leg of legs) {
    if (leg.waitSeconds !== null) {
      if (!plausible(leg.waitSeconds)) continue;
      counted++;
      if (leg.waitSeconds <= leg.targetSeconds) within++;
    } else if (leg.uncalledWaitSeconds !== null && leg.uncalledWaitSeconds > leg.targetSeconds) {
      counted++;
    }
  }
  return { percent: counted ? Math.round((within / counted) * 1000) / 10 : null, within, counted };
}
