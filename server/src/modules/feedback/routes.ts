import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireDevice } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import { staffAtCounter } from '../queue/access.js';
import type { QueueReads } from '../queue/reads.js';
import type { Feedback } from './service.js';

/** Ratings from the counter's pad and from the phone page, and staff prompting the pad. */
export const feedbackRoutes: FastifyPluginAsync<{ feedback: Feedback; queue: QueueReads }> = async (
  fastify,
  { feedback, queue },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.route({
    ...apiRoute('ratings:submit'),
    handler: async (req, reply) => {
      const p = requireDevice(req, 'pad');
      const t = queue.ticket(req.body.ticketId);
      // A pad rates only tickets served at its own counter: it cannot rate anyone else's case.
      if (!t || t.counterId !== p.device.counterId)
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket at this counter');
      const r = await feedback.rate(metaOf(req), { ...req.body, source: req.body.source ?? 'pad' });
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true, caseOpened: r.data.caseId !== null };
    },
  });

  app.route({
    ...apiRoute('ticket:rate'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      if (!queue.publicTicket(req.params.id, req.body.key))
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const { key: _key, ...rating } = req.body;
      const meta = metaOf(req, { kind: 'holder', id: req.params.id });
      const r = await feedback.rate(meta, { ...rating, ticketId: req.params.id, source: 'phone' });
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true };
    },
  });

  app.route({
    ...apiRoute('ticket:rating-comment'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      if (!queue.publicTicket(req.params.id, req.body.key))
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const meta = metaOf(req, { kind: 'holder', id: req.params.id });
      const r = await feedback.comment(meta, req.params.id, req.body.text.trim());
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true as const };
    },
  });

  app.route({
    ...apiRoute('counter:rating-request'),
    handler: async (req, reply) => {
      staffAtCounter(req, queue, req.params.counterId);
      const last = queue.lastFinishedAt(req.params.counterId);
      if (!last) throw new HttpRefusal('TICKET_NOT_CURRENT', 'no finished ticket at this counter today');
      const r = await feedback.request(metaOf(req), last.id);
      if (!r.ok) return sendFailure(reply, r);
      return r.data;
    },
  });
};
