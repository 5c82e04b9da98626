import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/context.js';
import { HttpRefusal, sendFailure } from '../errors.js';
import { requireDevice } from '../guards.js';
import { RatingReason } from '../schemas.js';

export async function ratingRoutes(fastify: FastifyInstance, ctx: AppContext) {
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
      const t = ctx.hall.state.tickets.get(req.body.ticketId);
      // A pad rates only tickets served at its own counter: it cannot rate anyone else's case.
      if (!t || t.counterId !== p.device.counterId)
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket at this counter');
      const r = ctx.feedback.rate({ ...req.body, source: req.body.source ?? 'pad' });
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true, caseOpened: r.data.caseId !== null };
    },
  );
}
