import { type Failure, fail } from './errors.js';
import type { Branch, ReasonCode } from './types.js';

/** The reasons a clerk may pick now: the branch's configured codes, retired ones left out. */
export function activeReasons(branch: Branch, kind: 'pause' | 'close'): ReasonCode[] {
  return (kind === 'pause' ? branch.pauseReasons : branch.closeReasons)?.filter((r) => !r.retired) ?? [];
}

/**
 * A clerk's pause or close reason against the branch's list: once the branch has configured its
 * codes, the reason is one of them (reports count by code); a branch without a list takes text.
 */
export function reasonRefusal(
  branch: Branch | undefined,
  kind: 'pause' | 'close',
  reason: string,
): Failure | null {
  const list = kind === 'pause' ? branch?.pauseReasons : branch?.closeReasons;
  if (!list?.length || !reason.trim()) return null;
  if (activeReasons(branch!, kind).some((r) => r.code === reason.trim())) return null;
  return fail('REASON_UNKNOWN', `${reason.trim()} is not one of this branch's ${kind} reasons`);
}
