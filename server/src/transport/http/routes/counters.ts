import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../app/context.js';
import { counterView, ticketView } from '../../../app/views.js';
import { localParts } from '../../../core/index.js';
import type { CounterCommand } from '../../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../errors.js';
import { requireBranch, requireCounterActor, requireStaff, type StaffPrincipal } from '../guards.js';

const CounterParams = Type.Object({ counterId: Type.String({ minLength: 1, maxLength: 64 }) });
const Reason = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** Each command's body schema: validated at the edge before the bus sees it. */
const BODIES: Record<CounterCommand, ReturnType<typeof Type.Object>> = {
  open: Type.Object({}, { additionalProperties: false }),
  close: Type.Object({ reason: Reason }, { additionalProperties: false }),
  pause: Type.Object({ reason: Reason }, { additionalProperties: false }),
  resume: Type.Object({}, { additionalProperties: false }),
  'call-next': Type.Object({}, { additionalProperties: false }),
  call: Type.Object({ ticketId: Id }, { additionalProperties: false }),
  recall: Type.Object({}, { additionalProperties: false }),
  start: Type.Object({}, { additionalProperties: false }),
  finish: Type.Object(
    {
      outcome: Type.Optional(
        Type.Union([Type.Literal('served'), Type.Literal('served_incomplete'), Type.Literal('referred')]),
      ),
    },
    { additionalProperties: false },
  ),
  'no-show': Type.Object({}, { additionalProperties: false }),
  transfer: Type.Object(
    {
      serviceId: Type.Optional(Id),
      counterId: Type.Optional(Id),
      placement: Type.Union([Type.Literal('first'), Type.Literal('last'), Type.Literal('arrival')]),
      reason: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  park: Type.Object(
    { reason: Type.Optional(Type.String({ maxLength: 200 })) },
    { additionalProperties: false },
  ),
};

export async function counterRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const staffAt = (
    req: Parameters<typeof requireStaff>[0],
    counterId: string,
    opening = false,
  ): StaffPrincipal => {
    const p = requireStaff(req);
    const counter = ctx.hall.state.counters.get(counterId);
    if (!counter) throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
    requireBranch(p, counter.branchId);
    requireCounterActor(p, counter, opening);
    return p;
  };

  for (const command of Object.keys(BODIES) as CounterCommand[]) {
    app.post(
      `/counters/:counterId/${command}`,
      {
        schema: {
          tags: ['counter'],
          summary: `Counter command: ${command}`,
          params: CounterParams,
          body: BODIES[command],
        },
      },
      async (req, reply) => {
        const { counterId } = req.params;
        const p = staffAt(req, counterId, command === 'open');
        const body = (req.body ?? {}) as Record<string, string | undefined>;
        const counter = ctx.hall.state.counters.get(counterId)!;
        // Reopening one's own counter (a reloaded console) signs the session back in to it.
        if (command === 'open' && counter.state !== 'closed' && counter.clerkId === p.user.id) {
          ctx.authStore.setSessionCounter(p.tokenHash, counterId);
          const t = counter.currentTicketId ? ctx.hall.state.tickets.get(counter.currentTicketId) : undefined;
          return { counter: counterView(counter, clerkName(ctx)), ticket: t ? ticketView(t) : null };
        }
        const r = await ctx.hall.counterCommand(
          { kind: 'user', id: p.user.id },
          counterId,
          command,
          {
            ...body,
            outcome: body.outcome as never,
            placement: body.placement as never,
            clerkId: p.user.id,
            actingClerk: p.user.role === 'clerk' ? p.user.id : null,
          },
          // In the command's own transaction: one fsync covers the change, its audit entry and the session.
          (response) => {
            if (command === 'open') ctx.authStore.setSessionCounter(p.tokenHash, counterId);
            if (command === 'close') ctx.authStore.releaseCounter(counterId);
            ctx.audit(
              p,
              `counter.${command}`,
              counterId,
              { ticketId: response.ticket?.id ?? null, ...body },
              req.ip,
            );
          },
        );
        if (!r.ok) return sendFailure(reply, r);
        if (command === 'finish' && r.data.ticket) ctx.feedback.request(r.data.ticket.id);
        return r.data;
      },
    );
  }

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
      const p = staffAt(req, req.params.counterId);
      let last: { id: string; finishedAt: number } | null = null;
      for (const t of ctx.hall.state.tickets.values()) {
        if (
          t.counterId === req.params.counterId &&
          t.status === 'done' &&
          t.finishedAt &&
          (!last || t.finishedAt > last.finishedAt)
        ) {
          last = { id: t.id, finishedAt: t.finishedAt };
        }
      }
      if (!last) throw new HttpRefusal('TICKET_NOT_CURRENT', 'no finished ticket at this counter today');
      const r = ctx.feedback.request(last.id);
      if (!r.ok) return sendFailure(reply, r);
      ctx.audit(p, 'counter.rating_request', req.params.counterId, { ticketId: last.id }, req.ip);
      return r.data;
    },
  );

  app.get(
    '/counters/:counterId/order',
    {
      schema: {
        tags: ['counter'],
        summary: 'The order call-next would take here, with the rule for each',
        params: CounterParams,
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const counter = ctx.hall.state.counters.get(req.params.counterId);
      if (!counter)
        throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${req.params.counterId} does not exist`);
      requireBranch(p, counter.branchId);
      return ctx.hall.order(counter.id);
    },
  );

  app.get(
    '/counters/:counterId/today',
    {
      schema: {
        tags: ['counter'],
        summary: "The signed-in clerk's day: served, service time, no-shows, ratings",
        params: CounterParams,
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const counter = ctx.hall.state.counters.get(req.params.counterId);
      if (!counter)
        throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${req.params.counterId} does not exist`);
      requireBranch(p, counter.branchId);
      const branch = ctx.hall.state.branches.get(counter.branchId)!;
      const now = ctx.now();
      const since = now - localParts(now, branch.timezone).minuteOfDay * 60_000;
      return ctx.feedbackStore.clerkDay(p.user.id, since);
    },
  );
}

export const clerkName = (ctx: AppContext) => (id: string) => ctx.authStore.userById(id)?.displayName ?? null;
