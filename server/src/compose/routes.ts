import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Stores } from '../bootstrap.js';
import type { Config } from '../config/env.js';
import { businessDay } from '../core/index.js';
import type { Kernel } from '../kernel/index.js';
import { adminRoutes } from '../modules/admin/index.js';
import { type Principal, personKey } from '../modules/auth/auth.js';
import { authRoutes } from '../modules/auth/index.js';
import { casesRoutes } from '../modules/cases/index.js';
import { deviceRoutes } from '../modules/devices/index.js';
import { feedbackRoutes } from '../modules/feedback/index.js';
import type { Metrics } from '../modules/health/metrics.js';
import { healthRoutes } from '../modules/health/routes.js';
import { healthWarnings } from '../modules/health/warnings.js';
import { monitorRoutes } from '../modules/monitor/index.js';
import { noticeRoutes } from '../modules/notices/index.js';
import { queueRoutes } from '../modules/queue/index.js';
import { canReadReports } from '../modules/reports/access.js';
import { reportsRoutes } from '../modules/reports/index.js';
import type { Services } from './services.js';

interface RouteDeps {
  config: Readonly<Config>;
  stores: Stores;
  kernel: Kernel;
  services: Services;
  secret: string;
  metrics: Metrics;
  log: Logger;
}

/** Every module's routes under /api/v1, each plugin given only the services it calls. */
export async function registerRoutes(fastify: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { config, stores, kernel, services: s, secret } = deps;
  const api = { prefix: '/api/v1' };
  await fastify.register(authRoutes, { ...api, auth: s.auth });
  await fastify.register(queueRoutes, {
    ...api,
    queue: s.queue,
    links: s.links,
    personKey: (branchId: string, raw: string) => personKey(secret, branchId, raw),
    printed: s.devices.printed,
    bindSession: s.auth.bindCounter.bind(s.auth),
    clerkDay: stores.feedback.clerkDay.bind(stores.feedback),
    issueLimits: {
      perDevice: config.limits.issuePerDevicePerMinute,
      perAddress: config.limits.issuePerAddressPerMinute,
    },
  });
  await fastify.register(noticeRoutes, { ...api, notices: s.notices });
  await fastify.register(monitorRoutes, { ...api, monitor: s.monitor.monitor });
  await fastify.register(feedbackRoutes, { ...api, feedback: s.feedback, queue: s.queue.reads });
  await fastify.register(casesRoutes, {
    ...api,
    cases: s.cases,
    caseAlerts: s.caseAlerts,
    appraisal: s.appraisal,
    queue: s.queue.reads,
    goodLevels: config.cases.goodLevels,
    originHash: s.originHash,
    userName: s.clerkName,
    padIdentity: (counterId) => s.realtime.pads.identity(counterId),
    ratings: (query) => s.reports.run({ kind: 'ratings', query }),
  });
  await fastify.register(adminRoutes, {
    ...api,
    admin: s.admin,
    clerkName: s.clerkName,
    publicUrl: config.publicUrl,
    connectedDevices: () => s.realtime.connectedDevices(),
  });
  // A device's token lives on while it is used (refreshed at most daily, see admin/service.ts).
  fastify.addHook('onResponse', async (req) => {
    if (req.principal?.kind === 'device' && req.principal.device.kind !== 'led')
      s.admin.touchDevice(req.principal.device.id);
  });
  const now = () => kernel.bus.now();
  await fastify.register(deviceRoutes, { ...api, displays: s.devices.statuses, log: deps.log, now });
  await fastify.register(
    async (f) =>
      reportsRoutes(f, {
        host: s.reports,
        principal: (req) => req.principal ?? null,
        canReadBranch: canReadReports,
        ownDay: (p, branchId) => {
          const who = p as Principal;
          const branch = kernel.bus.state.branches.get(branchId);
          if (who.kind !== 'user' || who.user.role !== 'clerk' || who.user.branchId !== branchId || !branch)
            return null;
          return { clerkId: who.user.id, today: businessDay(now(), branch.timezone) };
        },
      }),
    api,
  );
  const sources = {
    ping: () => stores.queue.ping(),
    writes: () => kernel.bus.writeFailure(),
    ...s.devices,
    epoch: s.realtime.broadcaster.epoch,
    gauges: () => s.queue.reads.gauges(),
    sockets: () => s.realtime.connections(),
    warnings: () =>
      healthWarnings({
        branches: kernel.bus.state.branches.values(),
        now: now(),
        publicLinks: Boolean(s.links.publicUrl || s.links.allowedHosts.length || s.links.listenUrl),
      }),
  };
  await fastify.register(healthRoutes, { sources, metrics: deps.metrics });
}
