import { type Db, type FeedbackStore, RetentionStore } from '@guichet/db';
import type { Logger } from 'pino';
import type { Kernel } from '../../kernel/index.js';
import type { AuthService } from '../auth/service.js';
import type { Feedback } from '../feedback/service.js';
import type { QueueCommands } from '../queue/commands.js';
import { startHousekeeping } from './housekeeping.js';
import { purgePersonalData, registerPurgeProjections } from './purge.js';
import { applyRetention, type RetentionPolicy, registerRetentionProjections } from './retention.js';

export interface HousekeepingDeps {
  log: Logger;
  piiRetentionDays: number;
  retention: RetentionPolicy;
  /** The database (the retention reads its old days with the reports' queries). */
  db: Db;
  queue: Pick<QueueCommands, 'rollAll'>;
  auth: Pick<AuthService, 'expireSessions' | 'throttle'>;
  feedback: Pick<Feedback, 'recordUnanswered'>;
  sockets: { revalidate(): void };
}

/** The periodic work of the hall: rollover, expiry, "not rated", the personal-data purge, retention. */
export function createHousekeeping(kernel: Kernel, store: FeedbackStore, deps: HousekeepingDeps) {
  registerPurgeProjections(kernel.registry, store);
  const retention = new RetentionStore(deps.db);
  registerRetentionProjections(kernel.registry, retention);
  const { bus } = kernel;
  return {
    start: () =>
      startHousekeeping({
        log: deps.log,
        now: () => bus.now(),
        rollAll: () => deps.queue.rollAll(),
        expireSessions: () => deps.auth.expireSessions(),
        revalidateSockets: () => deps.sockets.revalidate(),
        sweepThrottle: (now) => deps.auth.throttle.sweep(now),
        recordUnanswered: () => deps.feedback.recordUnanswered(),
        purgePersonalData: (before) => purgePersonalData(bus, store, before),
        piiRetentionDays: deps.piiRetentionDays,
        applyRetention: () => applyRetention(bus, deps.db, retention, deps.retention),
      }),
  };
}
