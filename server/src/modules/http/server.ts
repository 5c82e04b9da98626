import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Principal } from '../auth/auth.js';
import { SESSION_COOKIE } from '../auth/routes.js';
import { Metrics } from '../health/metrics.js';
import { installErrorHandler } from './errors.js';
import './guards.js';

export interface HttpOptions {
  log: Logger;
  trustProxy: string | null;
  resolve(token: string): Principal | null;
}

/**
 * The Fastify instance every module registers its routes on: cookies, rate limits, OpenAPI,
 * the error handler, and the principal of each request resolved from its bearer token or cookie.
 */
export async function createHttpServer(
  opts: HttpOptions,
): Promise<{ fastify: FastifyInstance; metrics: Metrics }> {
  const fastify = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    // Only a configured reverse proxy may set the client address (X-Forwarded-For): otherwise any
    // client could forge it and dodge the per-address limits.
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // No type coercion: `{"serviceId": 5}` is a bad request, not service "5".
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  }) as unknown as FastifyInstance;
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
    req.principal = token ? opts.resolve(token) : null;
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
