import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { AuthStore, ConfigStore, FeedbackStore, openDb, QueueStore } from '@guichet/db';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { LoginThrottle, type Principal, resolveToken } from './app/auth.js';
import { Broadcaster } from './app/broadcast.js';
import { CommandBus } from './app/command-bus.js';
import type { AppContext } from './app/context.js';
import { DisplayStatuses } from './app/display-status.js';
import { Feedback } from './app/feedback.js';
import { Hall } from './app/hall.js';
import { startHousekeeping } from './app/housekeeping.js';
import { LedDisplays } from './app/led-displays.js';
import { loadState } from './app/live-state.js';
import { Notices } from './app/notices.js';
import { Printing } from './app/printing.js';
import type { Config } from './config/env.js';
import { type DemoCredentials, ensureAdmin, seedDemo } from './demo/seed.js';
import type { PublicTicketView } from './protocol/index.js';
import { installErrorHandler } from './transport/http/errors.js';
import { Metrics } from './transport/http/metrics.js';
import { authRoutes, SESSION_COOKIE } from './transport/http/routes/auth.js';
import { branchRoutes } from './transport/http/routes/branches.js';
import { clerkName, counterRoutes } from './transport/http/routes/counters.js';
import { healthRoutes } from './transport/http/routes/health.js';
import { ratingRoutes } from './transport/http/routes/ratings.js';
import { ticketRoutes } from './transport/http/routes/tickets.js';
import { registerUis } from './transport/http/static-uis.js';
import { createSocketServer, padNotifier, toBranchStaff } from './transport/realtime/socket-server.js';

export interface BuiltApp {
  fastify: FastifyInstance;
  ctx: AppContext;
  demo: Omit<DemoCredentials, 'baseUrl' | 'urls'> | null;
  generatedAdminPassword: string | null;
  uis: string[];
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  clock?: () => number;
}

/**
 * Request logs without the query string: it carries secrets (a ticket's tracking key, a device
 * token in a pairing URL). Headers are not logged at all (bearer tokens, cookies).
 */
const LOG_SERIALIZERS = {
  req: (req: { method?: string; url?: string; ip?: string }) => ({
    method: req.method,
    url: req.url?.split('?')[0],
    remoteAddress: req.ip,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

/** Builds the whole server from its configuration; main.ts only listens. Tests build it on port 0. */
export async function buildApp(config: Readonly<Config>, options: BuildOptions = {}): Promise<BuiltApp> {
  const log = options.log ?? pino({ level: config.logLevel, serializers: LOG_SERIALIZERS });
  const clock = options.clock ?? Date.now;
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDb(config.dbFile, { synchronous: config.synchronous });
  const queueStore = new QueueStore(db);
  const authStore = new AuthStore(db);
  const configStore = new ConfigStore(db);
  const feedbackStore = new FeedbackStore(db);

  let secret = authStore.getSetting('pii_secret');
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    authStore.setSetting('pii_secret', secret);
  }
  const generatedAdminPassword = await ensureAdmin(authStore, config.adminPassword, clock());
  let demo: BuiltApp['demo'] = null;
  if (config.demo === 'on' || (config.demo === 'auto' && configStore.isEmpty())) {
    if (configStore.isEmpty()) {
      demo = await seedDemo(configStore, authStore, {
        adminPassword: config.adminPassword ?? generatedAdminPassword,
        ledBus: config.demoLed,
        now: clock(),
      });
    }
  }

  const state = loadState(queueStore, clock());
  const ids = { newId: () => randomUUID(), newSecret: () => randomBytes(12).toString('base64url') };
  const bus = new CommandBus(
    queueStore,
    state,
    () => loadState(queueStore, clock()),
    clock,
    ids,
    log.child({ module: 'bus' }),
  );
  const fastify = Fastify({
    loggerInstance: log.child({ module: 'http' }) as FastifyBaseLogger,
    // Only a configured reverse proxy may set the client address (X-Forwarded-For): otherwise any
    // client could forge it and dodge the per-address limits.
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // No type coercion: `{"serviceId": 5}` is a bad request, not service "5".
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  }) as unknown as FastifyInstance;
  let ctx: AppContext | null = null;
  const { io, sink, disconnectSession, revalidate } = createSocketServer(fastify.server, () => ctx!);
  // Staff names shown on counters, read once per user (every snapshot lists every counter).
  const nameCache = new Map<string, string | null>();
  const names = (id: string) => {
    if (!nameCache.has(id)) nameCache.set(id, clerkName(ctx!)(id));
    return nameCache.get(id) ?? null;
  };
  const notices = new Notices(configStore, queueStore.loadBranches());
  const broadcaster: Broadcaster = new Broadcaster(
    state,
    sink,
    names,
    (id) => publicView(id),
    () => bus.now(),
  );
  const feedback = new Feedback(
    feedbackStore,
    state,
    ids,
    () => bus.now(),
    config.ratingTimeoutSeconds,
    padNotifier(io),
    (ticketId) =>
      queueStore.eventsOfTicket(ticketId).findLast((e) => e.type === 'ticket.finished')?.actorId ?? null,
  );
  const hall: Hall = new Hall({
    bus,
    broadcaster,
    extras: (b) => notices.of(b),
    clerkName: names,
    isRated: (t) => feedback.isRated(t),
    ticketIdForKey: (b, key) => queueStore.ticketIdByIdempotencyKey(b, key),
  });
  const publicView = (id: string): PublicTicketView | null => {
    const t = state.tickets.get(id);
    return t ? hall.publicTicket(id, t.trackKey) : null;
  };
  const printing = new Printing(log.child({ module: 'printing' }), (h) => {
    if (h.online) log.info({ printer: h }, 'printer ready');
    else log.warn({ printer: h }, 'printer needs attention');
    toBranchStaff(io, h.branchId).emit('device:status', { ...h, kind: 'printer', at: bus.now() });
  });
  const leds = new LedDisplays(state, log.child({ module: 'led' }), (h) => {
    const branchId = state.counters.get(h.counterId)?.branchId;
    if (branchId) {
      toBranchStaff(io, branchId).emit('device:status', {
        deviceId: h.deviceId,
        kind: 'led',
        branchId,
        online: h.online,
        problem: h.online ? null : 'offline',
        at: bus.now(),
      });
    }
  });
  bus.on('committed', (batch) => {
    // Committed is committed: a failing screen or display update is logged, never fatal, and
    // one listener failing does not starve the other.
    for (const [name, deliver] of [
      ['broadcast', () => broadcaster.publish(batch.events)],
      ['led', () => leds.onCommitted(batch.events)],
    ] as const) {
      try {
        deliver();
      } catch (err) {
        log.error({ err, listener: name }, 'delivering committed events failed');
      }
    }
  });

  ctx = {
    config,
    log,
    hall,
    broadcaster,
    feedback,
    notices,
    printing,
    leds,
    displays: new DisplayStatuses(),
    queueStore,
    feedbackStore,
    authStore,
    configStore,
    throttle: new LoginThrottle(),
    disconnectSession,
    secret,
    now: () => bus.now(),
    audit: (p: Principal | null, action, target, detail, ip) =>
      authStore.audit({
        at: bus.now(),
        actorKind: p?.kind ?? 'anonymous',
        actorId: p ? (p.kind === 'user' ? p.user.id : p.device.id) : '-',
        action,
        target,
        detail: detail ?? null,
        ip: ip ?? null,
      }),
  };
  const appCtx = ctx;

  await fastify.register(fastifyCookie);
  await fastify.register(fastifyRateLimit, { global: false });
  await fastify.register(fastifySwagger, {
    openapi: {
      info: { title: 'Guichet API', version: '1', description: 'Queue and ticketing for service halls' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await fastify.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  installErrorHandler(fastify);
  const metrics = new Metrics();
  fastify.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : req.cookies[SESSION_COOKIE];
    req.principal = token ? resolveToken(authStore, token, bus.now()) : null;
  });
  // A command posted without a body means "no arguments", as an empty JSON object would.
  fastify.addHook('preValidation', async (req) => {
    if (req.method === 'POST' && req.body === undefined) req.body = {};
  });
  fastify.addHook('onResponse', async (_req, reply) => {
    metrics.requests++;
    if (reply.statusCode >= 500) metrics.errors++;
  });
  await fastify.register(
    async (api) => {
      await authRoutes(api, appCtx);
      await branchRoutes(api, appCtx);
      await ticketRoutes(api, appCtx);
      await counterRoutes(api, appCtx);
      await ratingRoutes(api, appCtx);
    },
    { prefix: '/api/v1' },
  );
  await healthRoutes(fastify, appCtx, metrics);
  const uis = await registerUis(fastify);
  fastify.get('/', (_req, reply) => reply.redirect(uis.length ? `/${uis[0]}/` : '/api/docs'));

  await printing.start(authStore.allDevices(), config.demoPrinter);
  await leds.start(authStore.allDevices());
  await hall.rollAll();
  const housekeeping = startHousekeeping(appCtx, state, revalidate);

  return {
    fastify,
    ctx: appCtx,
    demo,
    generatedAdminPassword,
    uis,
    async close() {
      housekeeping.stop();
      broadcaster.stop();
      feedback.stop();
      io.close();
      await fastify.close();
      await printing.stop();
      await leds.stop();
      db.$client.close();
    },
  };
}
