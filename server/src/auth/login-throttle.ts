/**
 * Sign-in throttling that cannot be turned against a clerk: too many failures from one address
 * lock that address for a while; failures against one account (from anywhere) only slow that
 * account down, with a wait that grows and is capped, so a name typed wrong by someone else
 * never keeps its owner out. A success clears the account's slowdown, never an address's lock:
 * an attacker with one valid account cannot sign in to reset the count of his guesses.
 * In memory; scrypt's cost bounds guessing across a restart.
 */
export interface ThrottleLimits {
  /** Failures from one address within the window that lock it. */
  addressFailures: number;
  windowMs: number;
  /** Failures against one account before each further attempt must wait. */
  accountFreeFailures: number;
  accountBaseDelayMs: number;
  accountMaxDelayMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  addressFailures: 30,
  windowMs: 15 * 60_000,
  accountFreeFailures: 5,
  accountBaseDelayMs: 1_000,
  accountMaxDelayMs: 30_000,
};

export type ThrottleVerdict =
  | { allowed: true }
  | { allowed: false; scope: 'address' | 'account'; retryAfterMs: number };

export class LoginThrottle {
  private readonly addresses = new Map<string, number[]>();
  private readonly accounts = new Map<string, { failures: number; last: number }>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_THROTTLE) {}

  check(address: string, account: string, now: number): ThrottleVerdict {
    const recent = this.recent(address, now);
    if (recent.length >= this.limits.addressFailures) {
      const oldest = recent[recent.length - this.limits.addressFailures] ?? now;
      return { allowed: false, scope: 'address', retryAfterMs: oldest + this.limits.windowMs - now };
    }
    const wait = this.accountDelay(account) - (now - (this.accounts.get(account)?.last ?? 0));
    if (wait > 0) return { allowed: false, scope: 'account', retryAfterMs: wait };
    return { allowed: true };
  }

  fail(address: string, account: string, now: number): void {
    this.addresses.set(address, [...this.recent(address, now), now]);
    const a = this.accounts.get(account);
    this.accounts.set(account, { failures: (a?.failures ?? 0) + 1, last: now });
  }

  succeed(account: string): void {
    this.accounts.delete(account);
  }

  /** Forgets what no longer counts (called by housekeeping). */
  sweep(now: number): void {
    for (const key of [...this.addresses.keys()])
      if (this.recent(key, now).length === 0) this.addresses.delete(key);
    for (const [key, a] of this.accounts) if (now - a.last > this.limits.windowMs) this.accounts.delete(key);
  }

  get size(): number {
    return this.addresses.size + this.accounts.size;
  }

  private accountDelay(account: string): number {
    const failures = this.accounts.get(account)?.failures ?? 0;
    const over = failures - this.limits.accountFreeFailures;
    if (over < 0) return 0;
    return Math.min(this.limits.accountMaxDelayMs, this.limits.accountBaseDelayMs * 2 ** over);
  }

  private recent(address: string, now: number): number[] {
    return (this.addresses.get(address) ?? []).filter((t) => now - t < this.limits.windowMs);
  }
}
