/** "4:07" or "1:02:09" — a running timer. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export const waitedMinutes = (since: number, now: number): number =>
  Math.max(0, Math.floor((now - since) / 60_000));

/** How a wait compares with the service's target: under 75 %, up to it, or over. */
export function waitLevel(minutes: number, target: number): 'ok' | 'near' | 'over' {
  if (target <= 0) return 'ok';
  if (minutes >= target) return 'over';
  return minutes >= target * 0.75 ? 'near' : 'ok';
}
