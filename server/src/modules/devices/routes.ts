import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { HttpRefusal } from '../http/errors.js';
import { requirePrincipal } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { DisplayStatuses } from './display-status.js';

/** What a device says about itself: a display board reports whether it can speak. */
export const deviceRoutes: FastifyPluginAsync<{
  displays: DisplayStatuses;
  log: Logger;
  now(): number;
}> = async (fastify, { displays, log, now }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.route({
    ...apiRoute('me:status'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    handler: async (req) => {
      const p = requirePrincipal(req);
      if (p.kind !== 'device' || p.device.kind !== 'display')
        throw new HttpRefusal('FORBIDDEN', 'only a display board reports its voice');
      const { changed } = displays.report({
        ...req.body,
        deviceId: p.device.id,
        name: p.device.name,
        branchId: p.device.branchId,
        at: now(),
      });
      if (changed && req.body.voice === 'unavailable')
        log.warn({ device: p.device.id, reason: req.body.reason }, 'display board cannot speak');
      else if (changed) log.info({ device: p.device.id, voice: req.body.voice }, 'display board voice');
      return { ok: true as const };
    },
  });
};
