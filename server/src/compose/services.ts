import { MonitorStore } from '@guichet/db';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Stores } from '../bootstrap.js';
import type { Config } from '../config/env.js';
import type { Kernel } from '../kernel/index.js';
import { configEffects, createAdmin } from '../modules/admin/index.js';
import type { AuthService } from '../modules/auth/index.js';
import { createCases } from '../modules/cases/index.js';
import { watchCaseAlerts } from '../modules/cases/monitor-source.js';
import { createDevices, type DeviceDrivers } from '../modules/devices/index.js';
import { createFeedback } from '../modules/feedback/index.js';
import { createHousekeeping } from '../modules/housekeeping/index.js';
import { trustedProxies } from '../modules/http/origin.js';
import { createMonitor } from '../modules/monitor/index.js';
import { createNotices } from '../modules/notices/index.js';
import { createQueue, type Queue } from '../modules/queue/index.js';
import type { LinkPolicy } from '../modules/queue/links.js';
import { createRealtime } from '../modules/realtime/index.js';
import { LiveWork } from '../modules/reports/give-way.js';
import { reportsHost } from '../modules/reports/index.js';
import { countLiveRequests } from '../modules/reports/live-requests.js';
import { listenUrl } from './listen-url.js';

export interface ServiceDeps {
  config: Readonly<Config>;
  stores: Stores;
  kernel: Kernel;
  auth: AuthService;
  fastify: FastifyInstance;
  secret: string;
  log: Logger;
  drivers?: DeviceDrivers | undefined;
}

export type Services = ReturnType<typeof createServices>;

/**
 * Every feature module built with the narrow dependencies it declares. Order matters only where
 * one module's service is another's dependency (realtime before queue and feedback, cases before
 * the monitor's case source).
 */
export function createServices({ config, stores, kernel, auth, fastify, secret, log, drivers }: ServiceDeps) {
  const clerkName = (id: string) => auth.clerkName(id);
  const resolve = (token: string) => auth.resolve(token);
  const finishedBy = (ticketId: string) =>
    stores.queue.eventsOfTicket(ticketId).findLast((e) => e.type === 'ticket.finished')?.actorId ?? null;
  const realtime = createRealtime(fastify.server, kernel, {
    resolve,
    clerkName,
    staffCard: (id) => auth.staffCard(id),
    finishedBy,
    reads: () => queue.reads,
    limits: config.limits,
    log: log.child({ module: 'sockets' }),
    trusted: trustedProxies(config.trustProxy),
    publicUrl: config.publicUrl,
  });
  const feedback = createFeedback(kernel, stores, {
    timeoutSeconds: config.ratingTimeoutSeconds,
    pads: realtime.pads,
    cases: config.cases,
  });
  const queue: Queue = createQueue(kernel, stores.queue, {
    stream: realtime.broadcaster,
    clerkName,
    ratingOf: (id) => feedback.publicRating(id),
  });
  const { cases, appraisal, originHash } = createCases(kernel, stores, {
    rules: config.cases,
    secret,
    userName: clerkName,
    finishedBy,
    log: log.child({ module: 'appraisal' }),
  });
  const notices = createNotices(kernel, stores.config);
  const monitor = createMonitor(kernel, new MonitorStore(stores.db), {
    io: realtime.io,
    resolve,
    clerkName,
    log: log.child({ module: 'monitor' }),
  });
  const caseAlerts = watchCaseAlerts(kernel, monitor.monitor, cases);
  const links: LinkPolicy = {
    publicUrl: config.publicUrl,
    allowedHosts: config.allowedHosts,
    // The demo hall prints the address it listens on, never the request's Host header.
    listenUrl: config.demo === 'on' ? () => listenUrl(fastify, config.host) : null,
  };
  const devices = createDevices(kernel, {
    log,
    links,
    demoPrinter: config.demoPrinter,
    dataDir: config.dataDir,
    drivers,
    alert: realtime.deviceAlert,
  });
  const admin = createAdmin(kernel, stores.admin);
  configEffects(kernel, admin, {
    publish: (branchId, extra) => realtime.broadcaster.publishConfig(branchId, extra),
    devices: devices.registry,
    log,
  });
  const housekeeping = createHousekeeping(kernel, stores.feedback, {
    ...config,
    db: stores.queue.db,
    log,
    queue: queue.commands,
    auth,
    feedback,
    sockets: realtime,
  });
  // Reports give way to the hall's live requests (give-way.ts).
  const liveWork = new LiveWork();
  countLiveRequests(fastify, liveWork);
  const reports = reportsHost(config.dbFile, stores.db, liveWork);
  return {
    auth,
    realtime,
    feedback,
    queue,
    cases,
    caseAlerts,
    appraisal,
    originHash,
    notices,
    monitor,
    links,
    devices,
    admin,
    housekeeping,
    reports,
    clerkName,
  };
}
