import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { routeUrl } from '../../protocol/index.js';
import { apiRoute } from '../http/schemas.js';
import type { HealthSources, Metrics } from './metrics.js';

const isLoopback = (ip: string) => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
/** A proxy on the same host makes every visitor look local: a forwarded request is never "local". */
const isForwarded = (req: FastifyRequest) =>
  req.headers['x-forwarded-for'] !== undefined ||
  req.headers.forwarded !== undefined ||
  req.headers['x-real-ip'] !== undefined;

/** Device details name serial paths and faults: for staff and local probes only. */
const mayReadDetails = (req: FastifyRequest) =>
  (isLoopback(req.socket.remoteAddress ?? '') && !isForwarded(req)) ||
  (req.principal?.kind === 'user' && req.principal.user.role !== 'clerk');

/** Liveness for probes, device details and Prometheus metrics for managers and local scrapers. */
export const healthRoutes: FastifyPluginAsync<{ sources: HealthSources; metrics: Metrics }> = async (
  fastify,
  { sources, metrics },
) => {
  const limited = { rateLimit: { max: 120, timeWindow: '1 minute' } };
  // Registered outside the /api/v1 prefix (with /metrics), hence the full URL.
  fastify.route({
    ...apiRoute('health'),
    url: routeUrl('health'),
    config: limited,
    handler: async (req, reply) => {
      // Reads can succeed while every commit fails (a full disk): the last commit decides too.
      const writes = sources.writes();
      const database = !sources.ping() ? 'failing' : writes ? 'write_failing' : 'ok';
      const printers = sources.printers();
      const ledDisplays = sources.leds();
      const displays = sources.displays();
      // A board that cannot speak fails its purpose: the hall hears no numbers.
      const devicesOk =
        printers.every((p) => p.online) &&
        ledDisplays.every((d) => d.online) &&
        displays.every((d) => d.voice !== 'unavailable');
      const status = database === 'failing' ? 'failing' : database === 'ok' && devicesOk ? 'ok' : 'degraded';
      // SQLite's reason names files and limits: for staff and local probes, as device details are.
      const failure = writes ? { writeError: writes.reason, writeFailingSince: writes.since } : {};
      const details = mayReadDetails(req)
        ? { ...failure, printers, ledDisplays, displays, epoch: sources.epoch, sockets: sources.sockets?.() }
        : {};
      const warnings = sources.warnings?.() ?? [];
      return reply
        .code(database === 'ok' ? 200 : 503)
        .send({ status, database, ...details, ...(warnings.length ? { warnings } : {}) });
    },
  });
  fastify.get(
    '/metrics',
    {
      schema: { tags: ['ops'], summary: 'Prometheus metrics (local scraper or a manager token)', hide: true },
      config: limited,
    },
    async (req, reply) => {
      if (!mayReadDetails(req)) {
        return reply
          .code(403)
          .send({ error: { code: 'FORBIDDEN', message: 'metrics are for a local scraper or managers' } });
      }
      reply.type('text/plain; version=0.0.4');
      return metrics.render(sources);
    },
  );
};
