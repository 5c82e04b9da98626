import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requireDevice } from '../http/guards.js';
import { RatingReason } from '../http/schemas.js';
import { staffAtCounter } from '../queue/access.js';
import type { QueueReads } from '../queue/reads.js';
import type { Feedback } from './service.js';

const TicketParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const CounterParams = Type.Object({ counterId: Type.String({ minLength: 1, maxLength: 64 }) });
const Key = Type.String({ minLength: 8, maxLength: 128 });

/** Ratings from the counter's pad and from the phone page, and staff prompting the pad. */
export const feedbackRoutes: FastifyPluginAsync<{ feedback: Feedback; queue: QueueReads }> = async (
  fastify,
  { feedback, queue },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/ratings',
    {
      schema: {
        tags: ['ratings'],
        summary: "A citizen's rating from the counter's pad (pad device token)",
        body: Type.Object(
          {
            ticketId: Type.String({ minLength: 1, maxLength: 64 }),
            score: Type.Integer({ minimum: 1, maximum: 5 }),
            reason: Type.Optional(RatingReason),
            source: Type.Optional(Type.Union([Type.Literal('pad'), Type.Literal('keypad')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const p = requireDevice(req, 'pad');
      const t = queue.ticket(req.body.ticketId);
      // A pad rates only tickets served at its own counter: it cannot rate anyone else's case.
      if (!t || t.counterId !== p.device.counterId)
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket at this counter');
      const r = await feedback.rate(metaOf(req), { ...req.body, source: req.body.source ?? 'pad' });
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true, caseOpened: r.data.caseId !== null };
    },
  );

  app.post(
    '/tickets/:id/rating',
    {
      schema: {
        tags: ['phone'],
        summary: 'Rate the service from the phone page',
        params: TicketParams,
        body: Type.Object(
          { key: Key, score: Type.Integer({ minimum: 1, maximum: 5 }), reason: Type.Optional(RatingReason) },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!queue.publicTicket(req.params.id, req.body.key))
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const { score, reason } = req.body;
      const meta = metaOf(req, { kind: 'holder', id: req.params.id });
      const r = await feedback.rate(meta, { ticketId: req.params.id, score, reason, source: 'phone' });
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true };
    },
  );

  app.post(
    '/counters/:counterId/rating-request',
    {
      schema: {
        tags: ['counter'],
        summary: "Prompt the counter's rating pad for the last finished ticket",
        params: CounterParams,
      },
    },
    async (req, reply) => {
      staffAtCounter(req, queue, req.params.counterId);
      const last = queue.lastFinishedAt(req.params.counterId);
      if (!last) throw new HttpRefusal('TICKET_NOT_CURRENT', 'no finished ticket at this counter today');
      const r = await feedback.request(metaOf(req), last.id);
      if (!r.ok) return sendFailure(reply, r);
      return r.data;
    },
  );
};
