import type { QueueState } from '../core/index.js';
import type { AppContext } from './context.js';

const EVERY_MS = 30_000;
const PURGE_EVERY_MS = 3600_000;

/**
 * Periodic work: start a new business day when the local date moves on, drop expired sessions
 * and their sockets, forget old login failures, record "not rated" for cases whose pad request
 * was lost, and (hourly) delete personal numbers past the
 * retention period, in the database and in the live state.
 */
export function startHousekeeping(
  ctx: AppContext,
  state: QueueState,
  revalidateSockets: () => void,
): { stop(): void } {
  let lastPurge = 0;
  // Each step alone: one failing step must neither stop the others nor crash the process.
  const step = (name: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      ctx.log.error({ err, step: name }, 'housekeeping step failed');
    }
  };
  const timer = setInterval(() => {
    const now = ctx.now();
    step('rollover', () => void ctx.hall.rollAll());
    step('sessions', () => ctx.authStore.purgeSessions(now));
    step('sockets', revalidateSockets);
    step('throttle', () => ctx.throttle.sweep(now));
    step('ratings', () => ctx.feedback.recordUnanswered());
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    step('personal data', () => {
      const before = now - ctx.config.piiRetentionDays * 86_400_000;
      const purged = ctx.feedbackStore.purgePersonalData(before);
      // The live copies go too, or the next save of a ticket would write them back.
      for (const t of state.tickets.values()) {
        if (t.issuedAt < before && (t.personHash || t.personMasked))
          Object.assign(t, { personHash: null, personMasked: null });
      }
      if (purged) ctx.log.info({ purged }, 'personal data past retention removed');
    });
  }, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
