/**
 * How a counter's staffed time was spent, as the hall KPIs define it:
 * Session = sign-out − sign-in; Paused = Σ pauses by reason; Serving = Σ (finish − call);
 * Idle = session − serving − paused; Utilisation = serving ÷ (session − paused);
 * Idle while work waited = idle time during which a ticket this counter could serve waited.
 * Pure interval arithmetic over times in milliseconds; figures come out in whole seconds.
 */
export type Interval = readonly [start: number, end: number];

/** Sorted, non-overlapping union of intervals (empty ones dropped). */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Parts of `a` (a union) that lie inside `b` (a union). */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [s, e] of a) {
    while (j < b.length && (b[j]?.[1] ?? 0) <= s) j++;
    for (let k = j; k < b.length; k++) {
      const [bs, be] = b[k] as Interval;
      if (bs >= e) break;
      out.push([Math.max(s, bs), Math.min(e, be)]);
    }
  }
  return union(out);
}

/** Parts of `a` not covered by `b` (both unions). */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [s, e] of a) {
    let cursor = s;
    for (const [bs, be] of b) {
      if (be <= cursor || bs >= e) continue;
      if (bs > cursor) out.push([cursor, bs]);
      cursor = Math.max(cursor, be);
    }
    if (cursor < e) out.push([cursor, e]);
  }
  return out;
}

export const length = (intervals: readonly Interval[]): number =>
  Math.round(intervals.reduce((sum, [a, b]) => sum + (b - a), 0) / 1000);

export interface CounterTimeline {
  /** Signed-in spans of one clerk at one counter. */
  sessions: readonly Interval[];
  pauses: readonly { span: Interval; reason: string }[];
  /** call → end of service of each leg served at this counter. */
  serving: readonly Interval[];
  /** When tickets this counter could serve were waiting (any of them). */
  eligibleWaiting: readonly Interval[];
}

export interface StaffTime {
  sessionSeconds: number;
  pausedSeconds: number;
  pausedByReason: Record<string, number>;
  servingSeconds: number;
  idleSeconds: number;
  idleWithWorkSeconds: number;
  /** serving ÷ (session − paused), one decimal percent; null when nothing was staffed. */
  utilisationPercent: number | null;
}

export function staffTime(t: CounterTimeline): StaffTime {
  const sessions = union(t.sessions);
  const pausedAll = intersect(union(t.pauses.map((p) => p.span)), sessions);
  const pausedByReason: Record<string, number> = {};
  for (const p of t.pauses) {
    const seconds = length(intersect([p.span], sessions));
    pausedByReason[p.reason] = (pausedByReason[p.reason] ?? 0) + seconds;
  }
  // Serving counts only inside the session and outside pauses (a pause starts after a finish).
  const serving = subtract(intersect(union(t.serving), sessions), pausedAll);
  const idle = subtract(subtract(sessions, pausedAll), serving);
  const sessionSeconds = length(sessions);
  const pausedSeconds = length(pausedAll);
  const servingSeconds = length(serving);
  const available = sessionSeconds - pausedSeconds;
  return {
    sessionSeconds,
    pausedSeconds,
    pausedByReason,
    servingSeconds,
    idleSeconds: length(idle),
    idleWithWorkSeconds: length(intersect(idle, union(t.eligibleWaiting))),
    utilisationPercent: available > 0 ? Math.round((servingSeconds / available) * 1000) / 10 : null,
  };
}
