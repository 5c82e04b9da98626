import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLogger, openStores } from './bootstrap.js';
import type { Config } from './config/env.js';
import type { DemoCredentials } from './demo/seed.js';
import { createKernel } from './kernel/index.js';
import { personKey } from './modules/auth/auth.js';
import { authRoutes, createAuth } from './modules/auth/index.js';
import { createDevices } from './modules/devices/index.js';
import { createFeedback, feedbackRoutes } from './modules/feedback/index.js';
import { healthRoutes } from './modules/health/routes.js';
import { startHousekeeping } from './modules/housekeeping/housekeeping.js';
import { purgePersonalData, registerPurgeProjections } from './modules/housekeeping/purge.js';
import { createHttpServer } from './modules/http/server.js';
import { registerUis } from './modules/http/static-uis.js';
import { createNotices, noticeRoutes } from './modules/notices/index.js';
import { createQueue, loadState, type Queue, queueRoutes } from './modules/queue/index.js';
import { createRealtime } from './modules/realtime/index.js';

export interface BuiltApp {
  fastify: FastifyInstance;
  demo: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null;
  generatedAdminPassword: string | null;
  uis: string[];
  log: Logger;
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  clock?: () => number;
}

/** The composition root: opens the store, builds each module with what it needs, registers their routes. */
export async function buildApp(config: Readonly<Config>, options: BuildOptions = {}): Promise<BuiltApp> {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? Date.now;
  const { stores, secret, generatedAdminPassword, demo } = await openStores(config, clock());
  const kernel = createKernel({
    db: stores.queue,
    load: () => loadState(stores.queue, clock()),
    writeAudit: (entry) => stores.auth.audit(entry),
    clock,
    log: log.child({ module: 'bus' }),
  });
  const auth = createAuth(kernel, stores.auth, config.sessionHours);
  const resolve = (token: string) => auth.resolve(token);
  const clerkName = (id: string) => auth.clerkName(id);
  const { fastify, metrics } = await createHttpServer({
    log: log.child({ module: 'http' }),
    trustProxy: config.trustProxy,
    resolve,
  });
  const realtime = createRealtime(fastify.server, kernel, { resolve, clerkName, reads: () => queue.reads });
  const feedback = createFeedback(kernel, stores, {
    timeoutSeconds: config.ratingTimeoutSeconds,
    pads: realtime.pads,
  });
  const isRated = (id: string) => feedback.isRated(id);
  const queue: Queue = createQueue(kernel, stores.queue, {
    stream: realtime.broadcaster,
    clerkName,
    isRated,
  });
  const notices = createNotices(kernel, stores.config);
  registerPurgeProjections(kernel.registry, stores.feedback);
  const devices = createDevices(kernel, {
    log,
    publicUrl: config.publicUrl,
    demoPrinter: config.demoPrinter,
    alert: (a) => realtime.toStaff(a.branchId).emit('device:status', { ...a, at: kernel.bus.now() }),
  });

  await fastify.register(
    async (api) => {
      await api.register(authRoutes, { auth });
      await api.register(queueRoutes, {
        queue,
        publicUrl: config.publicUrl,
        personKey: (branchId, raw) => personKey(secret, branchId, raw),
        printed: devices.printed,
        bindSession: (meta, tokenHash, counterId) => auth.bindCounter(meta, tokenHash, counterId),
        clerkDay: (clerkId, since) => stores.feedback.clerkDay(clerkId, since),
      });
      await api.register(noticeRoutes, { notices });
      await api.register(feedbackRoutes, { feedback, queue: queue.reads });
    },
    { prefix: '/api/v1' },
  );
  const sources = {
    ping: () => stores.queue.ping(),
    ...devices,
    epoch: realtime.broadcaster.epoch,
    gauges: () => queue.reads.gauges(),
  };
  await fastify.register(healthRoutes, { sources, metrics });
  const uis = await registerUis(fastify);
  fastify.get('/', (_req, reply) => reply.redirect(uis.length ? `/${uis[0]}/` : '/api/docs'));

  await devices.start(stores.auth.allDevices());
  await queue.commands.rollAll();
  const housekeeping = startHousekeeping({
    log,
    now: () => kernel.bus.now(),
    rollAll: () => queue.commands.rollAll(),
    expireSessions: () => auth.expireSessions(),
    revalidateSockets: realtime.revalidate,
    sweepThrottle: (now) => auth.throttle.sweep(now),
    recordUnanswered: () => feedback.recordUnanswered(),
    purgePersonalData: (before) => purgePersonalData(kernel.bus, stores.feedback, before),
    piiRetentionDays: config.piiRetentionDays,
  });

  return {
    fastify,
    demo,
    generatedAdminPassword,
    uis,
    log,
    async close() {
      housekeeping.stop();
      feedback.stop();
      realtime.close();
      await fastify.close();
      await devices.stop();
      stores.close();
    },
  };
}
