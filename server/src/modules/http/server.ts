import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from 'fastify';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { NetLimits } from '../../config/env.js';
import type { Principal } from '../auth/auth.js';
import { SESSION_COOKIE } from '../auth/routes.js';
import { Metrics } from '../health/metrics.js';
import { installErrorHandler } from './errors.js';
import './guards.js';
import { lazyCompilers } from './lazy-compilers.js';
import { originAllowed } from './origin.js';
import { summariseRequests } from './request-log.js';

export interface HttpOptions {
  log: Logger;
  trustProxy: string | null;
  resolve(token: string): Principal | null;
  publicUrl: string | null;
  limits: NetLimits;
}

/**
 * What the five screens need and nothing more: their own scripts and styles, images and voice
 * clips from the server or made in the page (QR codes, blobs), Socket.IO to the same origin, and
 * no framing by another site. No upgrade-insecure-requests: most halls serve plain HTTP.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

const MINUTE = 60_000;
/** Requests that only read; a cross-site write needs the Origin check below. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The Fastify instance every module registers its routes on: cookies, rate limits, OpenAPI,
 * the error handler, and the principal of each request resolved from its bearer token or cookie.
 */
export async function createHttpServer(
  opts: HttpOptions,
): Promise<{ fastify: FastifyInstance; metrics: Metrics }> {
  const fastify = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    // At info, requests are summarised once a minute per route (request-log.ts), not two lines each.
    logController: new LogController({ disableRequestLogging: !opts.log.isLevelEnabled('debug') }),
    // Only a configured reverse proxy may set the client address (X-Forwarded-For): otherwise any
    // client could forge it and dodge the per-address limits.
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // A client that stops sending mid-request is dropped within seconds: idle sockets after 20 s
    // (a Socket.IO long-poll is answered every 10 s), a whole request after 30 s, headers after
    // 10 s, an idle keep-alive after 5 s. Node checks the last two every 2 s.
    connectionTimeout: 20_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 2_000 },
    // No type coercion: `{"serviceId": 5}` is a bad request, not service "5".
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    // Each route's schemas compile on first use (lazy-compilers.ts); the types are Fastify's own.
    schemaController: { compilersFactory: lazyCompilers as never },
  }) as unknown as FastifyInstance;
  await fastify.register(fastifyCookie);
  // helmet's headers on every reply, from one middleware built here: @fastify/helmet builds it
  // anew for each request (parsing the policy again), a tenth of a millisecond of every request
  // in the issue bench's profile.
  const securityHeaders = helmet({
    contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
  // Every public API route has a limit per address; staff and devices (a token) are bounded by
  // their routes' own limits (issuing) instead, so a busy console is never refused. Routes set
  // tighter ones.
  await fastify.register(fastifyRateLimit, {
    global: true,
    max: opts.limits.apiPerMinute,
    timeWindow: MINUTE,
    keyGenerator: rateKey,
    allowList: (req) => !req.url.startsWith('/api/v1/') || req.principal !== null,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      message: `too many requests; try again in ${ctx.after}`,
    }),
  });
  await fastify.register(fastifySwagger, {
    openapi: {
      info: { title: 'Guichet API', version: '1', description: 'Queue and ticketing for service halls' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  // Its page runs inline scripts: it sets its own CSP (with their hashes) on its routes.
  await fastify.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  installErrorHandler(fastify);
  summariseRequests(fastify, opts.log);
  const metrics = new Metrics();
  fastify.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : req.cookies[SESSION_COOKIE];
    req.principal = token ? opts.resolve(token) : null;
  });
  // The session cookie goes with any request the browser makes, even one another site's page
  // starts: a write that relies on it alone must come from this server's own pages.
  fastify.addHook('onRequest', async (req, reply) => {
    if (SAFE.has(req.method) || req.headers.authorization || !req.cookies[SESSION_COOKIE]) return;
    const own = { protocol: req.protocol, host: req.headers.host };
    if (originAllowed(req.headers.origin, own, opts.publicUrl)) return;
    return reply.code(403).send({
      error: {
        code: 'FORBIDDEN',
        message: `cross-site request refused: Origin ${req.headers.origin} is not this server`,
      },
    });
  });
  // Behind HTTPS (the request says so through a trusted proxy, or the public URL is https)
  // the session cookie is Secure: the browser never sends it over plain HTTP.
  const httpsPublic = opts.publicUrl?.startsWith('https://') ?? false;
  fastify.addHook('onSend', async (req, reply) => {
    const set = reply.getHeader('set-cookie');
    if (!set || !(httpsPublic || req.protocol === 'https')) return;
    const list = (Array.isArray(set) ? set : [String(set)]).map((c) =>
      c.startsWith(`${SESSION_COOKIE}=`) && !/;\s*Secure/i.test(c) ? `${c}; Secure` : c,
    );
    reply.header('set-cookie', list);
  });
  // A command posted without a body means "no arguments", as an empty JSON object would.
  fastify.addHook('preValidation', async (req) => {
    if (req.method === 'POST' && req.body === undefined) req.body = {};
  });
  fastify.addHook('onResponse', async (_req, reply) => {
    metrics.requests++;
    if (reply.statusCode >= 500) metrics.errors++;
  });
  return { fastify, metrics };
}

/** A rate-limit bucket: the token's principal, else the client address. */
export function rateKey(req: FastifyRequest): string {
  const p = req.principal;
  if (p) return p.kind === 'device' ? `device:${p.device.id}` : `session:${p.tokenHash}`;
  return `ip:${req.ip}`;
}
