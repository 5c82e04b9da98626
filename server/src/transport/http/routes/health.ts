import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/context.js';
import type { Metrics } from '../metrics.js';

export async function healthRoutes(fastify: FastifyInstance, ctx: AppContext, metrics: Metrics) {
  fastify.get(
    '/api/v1/health',
    { schema: { tags: ['ops'], summary: 'Liveness, database and devices' } },
    async (_req, reply) => {
      let database = 'ok';
      try {
        ctx.queueStore.eventCount();
      } catch {
        database = 'failing';
      }
      const printers = ctx.printing.health();
      const ledDisplays = ctx.leds.health();
      const devicesOk = printers.every((p) => p.online) && ledDisplays.every((d) => d.online);
      const status = database === 'ok' ? (devicesOk ? 'ok' : 'degraded') : 'failing';
      return reply
        .code(database === 'ok' ? 200 : 503)
        .send({ status, database, printers, ledDisplays, epoch: ctx.broadcaster.epoch });
    },
  );
  fastify.get(
    '/metrics',
    { schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: true } },
    async (_req, reply) => {
      reply.type('text/plain; version=0.0.4');
      return metrics.render(ctx);
    },
  );
}
