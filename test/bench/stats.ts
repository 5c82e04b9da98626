/** Quantiles, medians with spread, and targets computed from the figures (never hard-coded). */

export const sorted = (xs: ArrayLike<number>) => Float64Array.from(xs).sort();

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(s: Float64Array, q: number): number {
  if (s.length === 0) return Number.NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i]!;
}

export const p = (xs: ArrayLike<number>, q: number) => quantile(sorted(xs), q);

export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A figure measured once per repetition: its median and min–max. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function spread(values: number[]): Spread {
  const s = sorted(values);
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: mid, min: s[0] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN, values };
}

/** Significant digits that suit the size of the figure. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return round(x, digits).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** "median (min–max)". */
export const fmt = (s: Spread, unit = '') => `${num(s.median)}${unit} (${num(s.min)}–${num(s.max)})`;

/** "target ≥ 1.0: met" from the measured value, so the verdict can never disagree with the figure. */
export function target(value: number, op: '>=' | '<=', limit: number): string {
  const ok = op === '>=' ? value >= limit : value <= limit;
  return `target ${op === '>=' ? '≥' : '≤'} ${limit}: ${Number.isFinite(value) && ok ? 'met' : 'NOT met'}`;
}

export const mib = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MiB`;
