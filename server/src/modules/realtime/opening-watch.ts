import { issueRefusal, openingStatus, type QueueState } from '../../core/index.js';

/** How often the clock is checked against opening hours and cut-offs (a kiosk greys within it). */
export const OPENING_WATCH_MS = 10_000;

/**
 * Opening hours change what screens show without any command: the hall opens, a service reaches
 * its issue cut-off or its own closing time. Nothing is committed at that minute, so nothing
 * would be pushed and a kiosk would keep offering a service the server now refuses. The watch
 * compares, per branch, whether the hall is open and why each service cannot issue, and asks
 * for the branch view to be pushed when that changed.
 */
export function watchOpening(
  state: QueueState,
  now: () => number,
  publish: (branchId: string) => void,
): { check(): string[]; stop(): void } {
  const last = new Map<string, string>();
  const signature = (branchId: string, t: number) => {
    const branch = state.branches.get(branchId);
    if (!branch) return '';
    const parts = [String(openingStatus(branch, t).open)];
    for (const s of state.services.values()) {
      if (s.branchId !== branchId) continue;
      parts.push(`${s.id}:${issueRefusal(state, s, t)?.error.code ?? 'issuing'}`);
    }
    return parts.join('|');
  };
  /** Publishes the branches whose opening changed since the last check; answers their ids. */
  const check = () => {
    const t = now();
    const changed: string[] = [];
    for (const branchId of state.branches.keys()) {
      const sig = signature(branchId, t);
      const before = last.get(branchId);
      last.set(branchId, sig);
      if (before !== undefined && before !== sig) changed.push(branchId);
    }
    for (const id of changed) publish(id);
    return changed;
  };
  check();
  const timer = setInterval(check, OPENING_WATCH_MS);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
