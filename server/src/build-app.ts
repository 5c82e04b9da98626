import { MonitorStore } from '@guichet/db';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLogger, openStores } from './bootstrap.js';
import type { Config } from './config/env.js';
import { businessDay } from './core/index.js';
import type { DemoCredentials } from './demo/seed.js';
import { createKernel } from './kernel/index.js';
import { adminRoutes, configEffects, createAdmin } from './modules/admin/index.js';
import { type Principal, personKey } from './modules/auth/auth.js';
import { authRoutes, createAuth } from './modules/auth/index.js';
import { casesRoutes, createCases } from './modules/cases/index.js';
import { caseAlertSource } from './modules/cases/monitor-source.js';
import type { CaseAlerts } from './modules/cases/service.js';
import { createDevices, type DeviceDrivers, deviceRoutes } from './modules/devices/index.js';
import { createFeedback, feedbackRoutes } from './modules/feedback/index.js';
import { healthRoutes } from './modules/health/routes.js';
import { healthWarnings } from './modules/health/warnings.js';
import { createHousekeeping } from './modules/housekeeping/index.js';
import { trustedProxies } from './modules/http/origin.js';
import { createHttpServer } from './modules/http/server.js';
import { registerUis } from './modules/http/static-uis.js';
import { createMonitor, monitorRoutes } from './modules/monitor/index.js';
import { createNotices, noticeRoutes } from './modules/notices/index.js';
import { createQueue, loadState, type Queue, queueRoutes } from './modules/queue/index.js';
import type { LinkPolicy } from './modules/queue/links.js';
import { createRealtime } from './modules/realtime/index.js';
import { canReadReports } from './modules/reports/access.js';
import { reportsHost, reportsRoutes } from './modules/reports/index.js';

export interface BuiltApp {
  fastify: FastifyInstance;
  demo: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null;
  generatedAdminPassword: string | null;
  uis: string[];
  log: Logger;
  close(): Promise<void>;
  /** The live monitor's case alerts of a branch: open cases due soon and overdue. */
  caseAlerts(branchId: string): CaseAlerts;
}

export interface BuildOptions {
  log?: Logger;
  clock?: () => number;
  /** Makes printers and LED displays from their config: the hardware by default, `fakeDrivers()` in tests. */
  devices?: DeviceDrivers;
}

/** The composition root: opens the store, builds each module with what it needs, registers their routes. */
export async function buildApp(config: Readonly<Config>, options: BuildOptions = {}): Promise<BuiltApp> {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? Date.now;
  const { stores, secret, generatedAdminPassword, demo } = await openStores(config, clock(), log);
  const bad = (what: string, id: string, problem: string) =>
    log.error({ id, problem }, `stored ${what} is invalid; left out`);
  const load = () => loadState(stores.queue, clock(), bad);
  const kernel = createKernel({
    db: stores.queue,
    load,
    writeAudit: (e) => stores.auth.audit(e),
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
    publicUrl: config.publicUrl,
    limits: config.limits,
  });
  const realtime = createRealtime(fastify.server, kernel, {
    resolve,
    clerkName,
    staffCard: (id) => auth.staffCard(id),
    finishedBy: (ticketId) =>
      stores.queue.eventsOfTicket(ticketId).findLast((e) => e.type === 'ticket.finished')?.actorId ?? null,
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
    log: log.child({ module: 'appraisal' }),
  });
  appraisal.setOverdue((branchId, clerkId) => cases.list(branchId, { clerkId, overdue: true }).length);
  const notices = createNotices(kernel, stores.config);
  const monitor = createMonitor(kernel, new MonitorStore(stores.db), {
    io: realtime.io,
    resolve,
    clerkName,
    log: log.child({ module: 'monitor' }),
  });
  const caseSource = caseAlertSource((branchId) => cases.alerts(branchId));
  monitor.monitor.addSource(caseSource);
  kernel.bus.onCommitted('case alerts', (batch) => {
    // A bad rating opens its case inside `rating.recorded`; the workflow steps are `case.*`.
    const moved = (e: { type: string }) =>
      e.type === 'rating.recorded' || (e.type.startsWith('case.') && e.type !== 'case.viewed');
    if (batch.events.some(moved)) caseSource.invalidate();
  });
  const { demoPrinter } = config;
  const alert = realtime.deviceAlert;
  const links: LinkPolicy = {
    publicUrl: config.publicUrl,
    allowedHosts: config.allowedHosts,
    // The demo hall prints the address it listens on, never the request's Host header.
    listenUrl: config.demo === 'on' ? () => listenUrl(fastify, config.host) : null,
  };
  const devices = createDevices(kernel, {
    log,
    links,
    demoPrinter,
    dataDir: config.dataDir,
    drivers: options.devices,
    alert,
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

  const reports = reportsHost(config.dbFile, stores.db);
  const api = { prefix: '/api/v1' };
  await fastify.register(authRoutes, { ...api, auth });
  const personKeyOf = (branchId: string, raw: string) => personKey(secret, branchId, raw);
  const bindSession = auth.bindCounter.bind(auth);
  const clerkDay = stores.feedback.clerkDay.bind(stores.feedback);
  await fastify.register(queueRoutes, {
    ...api,
    queue,
    links,
    personKey: personKeyOf,
    printed: devices.printed,
    bindSession,
    clerkDay,
    issueLimits: {
      perDevice: config.limits.issuePerDevicePerMinute,
      perAddress: config.limits.issuePerAddressPerMinute,
    },
  });
  await fastify.register(noticeRoutes, { ...api, notices });
  await fastify.register(monitorRoutes, { ...api, monitor: monitor.monitor });
  await fastify.register(feedbackRoutes, { ...api, feedback, queue: queue.reads });
  await fastify.register(casesRoutes, {
    ...api,
    cases,
    appraisal,
    queue: queue.reads,
    goodLevels: config.cases.goodLevels,
    originHash,
    userName: clerkName,
    padIdentity: (counterId) => realtime.pads.identity(counterId),
    ratings: (query) => reports.run({ kind: 'ratings', query }),
  });
  await fastify.register(adminRoutes, {
    ...api,
    admin,
    clerkName,
    publicUrl: config.publicUrl,
    connectedDevices: () => realtime.connectedDevices(),
  });
  // A device's token lives on while it is used (refreshed at most daily, see admin/service.ts).
  fastify.addHook('onResponse', async (req) => {
    if (req.principal?.kind === 'device' && req.principal.device.kind !== 'led')
      admin.touchDevice(req.principal.device.id);
  });
  const now = () => kernel.bus.now();
  await fastify.register(deviceRoutes, { ...api, displays: devices.statuses, log, now });
  await fastify.register(
    async (f) =>
      reportsRoutes(f, {
        host: reports,
        principal: (req) => req.principal ?? null,
        canReadBranch: canReadReports,
        ownDay: (p, branchId) => {
          const who = p as Principal;
          const branch = kernel.bus.state.branches.get(branchId);
          if (who.kind !== 'user' || who.user.role !== 'clerk' || who.user.branchId !== branchId || !branch)
            return null;
          return { clerkId: who.user.id, today: businessDay(kernel.bus.now(), branch.timezone) };
        },
      }),
    { prefix: '/api/v1' },
  );
  const sources = {
    ping: () => stores.queue.ping(),
    writes: () => kernel.bus.writeFailure(),
    ...devices,
    epoch: realtime.broadcaster.epoch,
    gauges: () => queue.reads.gauges(),
    sockets: () => realtime.connections(),
    warnings: () =>
      healthWarnings({
        branches: kernel.bus.state.branches.values(),
        now: kernel.bus.now(),
        publicLinks: Boolean(links.publicUrl || links.allowedHosts.length || links.listenUrl),
      }),
  };
  await fastify.register(healthRoutes, { sources, metrics });
  const uis = await registerUis(fastify);
  fastify.get('/', (_req, reply) => reply.redirect(uis.length ? `/${uis[0]}/` : '/api/docs'));

  await devices.start(stores.auth.allDevices());
  await queue.commands.rollAll();
  const timers = housekeeping.start();
  const close = async () => {
    timers.stop();
    monitor.stop();
    feedback.stop();
    realtime.close();
    await fastify.close();
    await devices.stop();
    await reports.close();
    await kernel.bus.close();
    stores.close();
  };
  /** For the live monitor: a branch's cases due soon and overdue (`caseAlerts(branchId)`). */
  const caseAlerts = (branchId: string) => cases.alerts(branchId);
  return { fastify, demo, generatedAdminPassword, uis, log, close, caseAlerts };
}

/** `http://<listen host>:<port>` (a wildcard host reads as localhost; not listening: no port). */
function listenUrl(fastify: FastifyInstance, host: string): string {
  const a = fastify.server.address();
  const h = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const name = h.includes(':') ? `[${h}]` : h;
  return a && typeof a === 'object' ? `http://${name}:${a.port}` : `http://${name}`;
}
