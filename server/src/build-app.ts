import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLogger, openStores } from './bootstrap.js';
import { registerRoutes } from './compose/routes.js';
import { createServices } from './compose/services.js';
import type { Config } from './config/env.js';
import type { DemoCredentials } from './demo/seed.js';
import { createKernel } from './kernel/index.js';
import { createAuth } from './modules/auth/index.js';
import type { DeviceDrivers } from './modules/devices/index.js';
import { createHttpServer } from './modules/http/server.js';
import { registerUis } from './modules/http/static-uis.js';
import { loadState } from './modules/queue/index.js';

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
  /** Makes printers and LED displays from their config: the hardware by default, `fakeDrivers()` in tests. */
  devices?: DeviceDrivers;
}

/**
 * The composition root: opens the store, builds the kernel (the one write path), the HTTP and
 * Socket.IO server, every feature module (compose/services.ts) and their routes
 * (compose/routes.ts), then starts devices, the day's rollover and housekeeping.
 */
export async function buildApp(config: Readonly<Config>, options: BuildOptions = {}): Promise<BuiltApp> {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? Date.now;
  const { stores, secret, generatedAdminPassword, demo } = await openStores(config, clock(), log);
  const bad = (what: string, id: string, problem: string) =>
    log.error({ id, problem }, `stored ${what} is invalid; left out`);
  const kernel = createKernel({
    db: stores.queue,
    load: () => loadState(stores.queue, clock(), bad),
    writeAudit: (e) => stores.auth.audit(e),
    clock,
    log: log.child({ module: 'bus' }),
  });
  const auth = createAuth(kernel, stores.auth, config.sessionHours);
  const { fastify, metrics } = await createHttpServer({
    log: log.child({ module: 'http' }),
    trustProxy: config.trustProxy,
    resolve: (token) => auth.resolve(token),
    publicUrl: config.publicUrl,
    limits: config.limits,
  });
  const deps = { config, stores, kernel, auth, fastify, secret, log, drivers: options.devices };
  const services = createServices(deps);
  await registerRoutes(fastify, { ...deps, services, metrics });
  const uis = await registerUis(fastify);
  fastify.get('/', (_req, reply) => reply.redirect(uis.length ? `/${uis[0]}/` : '/api/docs'));

  await services.devices.start(stores.auth.allDevices());
  await services.queue.commands.rollAll();
  const timers = services.housekeeping.start();
  const close = async () => {
    timers.stop();
    services.monitor.stop();
    services.feedback.stop();
    services.realtime.close();
    await fastify.close();
    await services.devices.stop();
    await services.reports.close();
    await kernel.bus.close();
    stores.close();
  };
  return { fastify, demo, generatedAdminPassword, uis, log, close };
}
