import type { Logger } from 'pino';

const EVERY_MS = 30_000;
const PURGE_EVERY_MS = 3600_000;

export interface HousekeepingDeps {
  log: Logger;
  now(): number;
  rollAll(): Promise<void>;
  expireSessions(): Promise<unknown>;
  revalidateSockets(): void;
  sweepThrottle(now: number): void;
  recordUnanswered(): Promise<number>;
  /** Deletes personal numbers issued before the time; answers how many tickets held some. */
  purgePersonalData(before: number): Promise<{ ok: boolean; data?: number }>;
  piiRetentionDays: number;
  /** One retention pass (events, audit, texts); answers how many days it archived. */
  applyRetention(): Promise<{ ok: boolean; data?: { days: number } }>;
}

/**
 * Periodic work: start a new business day when the local date moves on, drop expired sessions
 * and their sockets, forget old login failures, record "not rated" for cases whose pad request
 * was lost, and (hourly) delete personal numbers past the retention period and apply the
 * retention of events, audit rows and texts (every tick while old days remain to archive).
 * Every change is a command on the bus.
 */
export function startHousekeeping(deps: HousekeepingDeps): { stop(): void } {
  const { log } = deps;
  let lastPurge = 0;
  let backlog = false;
  const retention = () =>
    step('retention', async () => {
      const r = await deps.applyRetention();
      backlog = r.ok && (r.data?.days ?? 0) > 0;
      if (backlog) log.info({ days: r.data?.days }, 'old days archived as report cells');
    });
  // Each step alone: one failing step must neither stop the others nor crash the process.
  const step = (name: string, fn: () => unknown) => {
    try {
      const r = fn();
      if (r instanceof Promise)
        r.catch((err: unknown) => log.error({ err, step: name }, 'housekeeping step failed'));
    } catch (err) {
      log.error({ err, step: name }, 'housekeeping step failed');
    }
  };
  const timer = setInterval(() => {
    const now = deps.now();
    step('rollover', deps.rollAll);
    step('sessions', deps.expireSessions);
    step('sockets', deps.revalidateSockets);
    step('throttle', () => deps.sweepThrottle(now));
    step('ratings', deps.recordUnanswered);
    if (now - lastPurge < PURGE_EVERY_MS) {
      if (backlog) retention();
      return;
    }
    lastPurge = now;
    step('personal data', async () => {
      const r = await deps.purgePersonalData(now - deps.piiRetentionDays * 86_400_000);
      if (r.ok && r.data) log.info({ purged: r.data }, 'personal data past retention removed');
    });
    retention();
  }, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
