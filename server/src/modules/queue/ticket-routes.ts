import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { IssuedTicket } from '../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { actorOf, metaOf, requireBranch, requirePrincipal, requireStaff } from '../http/guards.js';
import { BranchParams } from '../http/schemas.js';
import type { QueueCommands } from './commands.js';
import { type LinkPolicy, linkBase, trackUrl } from './links.js';
import type { QueueReads } from './reads.js';

const TicketParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Key = Type.String({ minLength: 8, maxLength: 128 });

export interface TicketRouteDeps {
  commands: QueueCommands;
  reads: QueueReads;
  links: LinkPolicy;
  /** Keyed hash and masked form of a phone or ID number (the raw number is never kept). */
  personKey(branchId: string, raw: string): { hash: string; masked: string };
  /** How the kiosk's printer did with a ticket: printing runs after the commit, as an effect. */
  printed(ticketId: string): Promise<IssuedTicket['print']>;
  /** Tickets per minute per kiosk token (or staff session), and per client address. */
  issueLimits: { perDevice: number; perAddress: number };
}

/** Issuing at the kiosk or the front desk, the phone page, and staff corrections of a ticket. */
export const ticketRoutes: FastifyPluginAsync<TicketRouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { commands, reads } = deps;
  // Kiosks behind one NAT address share the per-address limit: it is set above one kiosk's.
  const perAddress = fastify.createRateLimit({
    max: deps.issueLimits.perAddress,
    timeWindow: 60_000,
    keyGenerator: (req) => req.ip,
    allowList: () => false,
  });

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
      // A burst at opening time is normal (a queue at the door): 600 a minute per kiosk by
      // default, ten a second, is far above what a person at a screen can do and far below 379/s.
      config: {
        rateLimit: { max: deps.issueLimits.perDevice, timeWindow: '1 minute', allowList: () => false },
      },
      preHandler: async (req, reply) => {
        const r = await perAddress(req);
        if (r.isAllowed || !r.isExceeded) return;
        const seconds = Math.ceil(r.ttlInSeconds);
        return reply
          .code(429)
          .header('retry-after', String(seconds))
          .send({
            error: {
              code: 'TOO_MANY_REQUESTS',
              message: `too many tickets from this address; try again in ${seconds} s`,
            },
          });
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.kind === 'device' && p.device.kind !== 'kiosk')
        throw new HttpRefusal('FORBIDDEN', 'only a kiosk issues tickets');
      requireBranch(p, req.params.branchId);
      const person = req.body.personId ? deps.personKey(req.params.branchId, req.body.personId) : null;
      const meta = metaOf(req);
      const result = await commands.issue(meta, {
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
      // No trusted base, no link: the kiosk shows no QR code rather than one to another site.
      const base = linkBase(deps.links, meta.baseUrl);
      const url = base ? trackUrl(base, issued.ticket.id, issued.ticket.trackKey) : '';
      const print =
        p.kind === 'device' && !issued.replayed
          ? await deps.printed(issued.ticket.id)
          : { status: 'no_printer' as const, reason: null };
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
      const view = reads.publicTicket(req.params.id, req.query.key);
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
      if (!reads.publicTicket(req.params.id, req.body.key))
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const r = await commands.cancel({ kind: 'holder', id: req.params.id }, req.params.id, 'holder', req.ip);
      if (!r.ok) return sendFailure(reply, r);
      return reads.publicTicket(req.params.id, req.body.key);
    },
  );

  for (const path of ['reinstate', 'cancel-by-staff'] as const) {
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
        const t = reads.ticket(req.params.id);
        if (!t) throw new HttpRefusal('TICKET_NOT_FOUND', `ticket ${req.params.id} does not exist`);
        requireBranch(p, t.branchId);
        const actor = actorOf(p);
        const r =
          path === 'reinstate'
            ? await commands.reinstate(actor, t.id, req.ip)
            : await commands.cancel(actor, t.id, 'staff', req.ip);
        if (!r.ok) return sendFailure(reply, r);
        return { ok: true };
      },
    );
  }
};
