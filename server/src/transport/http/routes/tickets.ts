import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { personKey } from '../../../app/auth.js';
import type { AppContext } from '../../../app/context.js';
import type { IssueResult } from '../../../app/hall.js';
import type { IssuedTicket } from '../../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../errors.js';
import { requireBranch, requirePrincipal, requireStaff } from '../guards.js';
import { RatingReason } from '../schemas.js';
import { BranchParams } from './branches.js';

const TicketParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Key = Type.String({ minLength: 8, maxLength: 128 });

export function trackUrl(ctx: AppContext, req: FastifyRequest, ticketId: string, key: string): string {
  const base = ctx.config.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  return `${base}/kiosk/track?t=${encodeURIComponent(ticketId)}&k=${encodeURIComponent(key)}`;
}

export async function ticketRoutes(fastify: FastifyInstance, ctx: AppContext) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/branches/:branchId/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Issue a ticket (kiosk device or staff)',
        params: BranchParams,
        headers: Type.Object({
          'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        }),
        body: Type.Object(
          {
            serviceId: Type.String({ minLength: 1, maxLength: 64 }),
            priority: Type.Optional(Type.Boolean()),
            locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
            personId: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z -]{6,24}$' })),
          },
          { additionalProperties: false },
        ),
      },
      // Issuing needs a kiosk or staff token, so it is not rate limited per address: a burst at
      // opening time is normal, and daily caps and per-person limits bound it.
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.kind === 'device' && p.device.kind !== 'kiosk')
        throw new HttpRefusal('FORBIDDEN', 'only a kiosk issues tickets');
      requireBranch(p, req.params.branchId);
      const person = req.body.personId ? personKey(ctx.secret, req.params.branchId, req.body.personId) : null;
      const actor =
        p.kind === 'device'
          ? { kind: 'device' as const, id: p.device.id }
          : { kind: 'user' as const, id: p.user.id };
      const result = await ctx.hall.issue(actor, {
        branchId: req.params.branchId,
        serviceId: req.body.serviceId,
        priority: req.body.priority ?? false,
        locale: req.body.locale,
        personHash: person?.hash ?? null,
        personMasked: person?.masked ?? null,
        idempotencyKey: req.headers['idempotency-key'] ?? null,
      });
      if (!result.ok) return sendFailure(reply, result);
      const issued = result.data;
      const url = trackUrl(ctx, req, issued.ticket.id, issued.ticket.trackKey);
      const print =
        p.kind === 'device' && !issued.replayed
          ? await ctx.printing.print(p.device.id, printData(ctx, issued, url), issued.ticket.id)
          : { status: 'no_printer' as const, reason: null };
      if (print.status === 'held' || print.status === 'failed') {
        ctx.log.warn(
          { kiosk: actor.id, ticket: issued.ticket.code, print },
          'ticket not printed; shown on screen',
        );
      }
      const body: IssuedTicket = {
        id: issued.ticket.id,
        code: issued.ticket.code,
        serviceId: issued.ticket.serviceId,
        status: issued.ticket.status,
        ticketClass: issued.ticket.ticketClass,
        ahead: issued.ahead,
        estimatedWaitMinutes: issued.estimate.minutes,
        estimatedWaitRange:
          issued.estimate.low !== null && issued.estimate.high !== null
            ? [issued.estimate.low, issued.estimate.high]
            : null,
        issuedAt: issued.ticket.issuedAt,
        trackUrl: url,
        print,
      };
      return reply.code(issued.replayed ? 200 : 201).send(body);
    },
  );

  app.get(
    '/tickets/:id',
    {
      schema: {
        tags: ['phone'],
        summary: "A ticket's public view (needs the key from its QR code)",
        params: TicketParams,
        querystring: Type.Object({ key: Key }),
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => {
      const view = ctx.hall.publicTicket(req.params.id, req.query.key);
      if (!view) throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      return view;
    },
  );

  app.post(
    '/tickets/:id/cancel',
    {
      schema: {
        tags: ['phone'],
        summary: 'The holder leaves: cancel the ticket',
        params: TicketParams,
        body: Type.Object({ key: Key }, { additionalProperties: false }),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!ctx.hall.publicTicket(req.params.id, req.body.key))
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const r = await ctx.hall.cancel({ kind: 'holder', id: req.params.id }, req.params.id, 'holder');
      if (!r.ok) return sendFailure(reply, r);
      return ctx.hall.publicTicket(req.params.id, req.body.key);
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
          {
            key: Key,
            score: Type.Integer({ minimum: 1, maximum: 5 }),
            reason: Type.Optional(RatingReason),
          },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      if (!ctx.hall.publicTicket(req.params.id, req.body.key))
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const r = ctx.feedback.rate({
        ticketId: req.params.id,
        score: req.body.score,
        reason: req.body.reason,
        source: 'phone',
      });
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true };
    },
  );

  for (const [path, action] of [
    ['reinstate', 'ticket.reinstate'],
    ['cancel-by-staff', 'ticket.cancel_by_staff'],
  ] as const) {
    app.post(
      `/tickets/:id/${path}`,
      {
        schema: {
          tags: ['tickets'],
          summary: path === 'reinstate' ? 'Put a no-show back in its queue' : 'Cancel a waiting ticket',
          params: TicketParams,
        },
      },
      async (req, reply) => {
        const p = requireStaff(req);
        const t = ctx.hall.state.tickets.get(req.params.id);
        if (!t) throw new HttpRefusal('TICKET_NOT_FOUND', `ticket ${req.params.id} does not exist`);
        requireBranch(p, t.branchId);
        const actor = { kind: 'user' as const, id: p.user.id };
        const r =
          path === 'reinstate'
            ? await ctx.hall.reinstate(actor, t.id)
            : await ctx.hall.cancel(actor, t.id, 'staff');
        if (!r.ok) return sendFailure(reply, r);
        ctx.audit(p, action, t.id, null, req.ip);
        return { ok: true };
      },
    );
  }
}

function printData(ctx: AppContext, issued: IssueResult, url: string) {
  const t = issued.ticket;
  const branch = ctx.hall.state.branches.get(t.branchId)!;
  const service = ctx.hall.state.services.get(t.serviceId)!;
  return {
    hallName: branch.name[t.locale],
    serviceName: service.name[t.locale],
    code: t.code,
    ahead: issued.ahead,
    estimatedWaitMinutes: issued.estimate.minutes,
    issuedAt: new Date(t.issuedAt).toISOString(),
    timezone: branch.timezone,
    locale: t.locale,
    trackUrl: url,
    priority: t.ticketClass !== 'normal',
  };
}
