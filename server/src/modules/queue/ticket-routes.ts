import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { StaffContext } from '../../core/index.js';
import type { IssuedTicket } from '../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import {
  actorOf,
  metaOf,
  requireBranch,
  requirePrincipal,
  requireStaff,
  type StaffPrincipal,
} from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { QueueCommands } from './commands.js';
import { type LinkPolicy, linkBase, trackUrl } from './links.js';
import type { QueueReads } from './reads.js';

export interface TicketRouteDeps {
  commands: QueueCommands;
  reads: QueueReads;
  links: LinkPolicy;
  /** Keyed hash and masked form of a phone or ID number (the raw number is never kept). */
  personKey(branchId: string, raw: string): { hash: string; masked: string };
  /** How the kiosk's printer did with a ticket: printing runs after the commit, as an effect. */
  printed(ticketId: string, kioskId: string): Promise<IssuedTicket['print']>;
  /** Tickets per minute per kiosk token (or staff session), and per client address. */
  issueLimits: { perDevice: number; perAddress: number };
}

const staffContext = (p: StaffPrincipal): StaffContext => ({
  userId: p.user.id,
  role: p.user.role,
  counterId: p.counterId,
});

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

  app.route({
    ...apiRoute('tickets:issue'),
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
    handler: async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.kind === 'device' && p.device.kind !== 'kiosk')
        throw new HttpRefusal('FORBIDDEN', 'only a kiosk issues tickets');
      requireBranch(p, req.params.branchId);
      const person = req.body.personId ? deps.personKey(req.params.branchId, req.body.personId) : null;
      const meta = metaOf(req);
      const result = await commands.issue(meta, {
        ...(p.kind === 'user' ? { staff: staffContext(p) } : {}),
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
          ? await deps.printed(issued.ticket.id, p.device.id)
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
        estimateStatus: issued.estimate.status,
        issuedAt: issued.ticket.issuedAt,
        trackUrl: url,
        print,
      };
      return reply.code(issued.replayed ? 200 : 201).send(body);
    },
  });

  app.route({
    ...apiRoute('ticket:view'),
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    handler: async (req) => {
      const view = reads.publicTicket(req.params.id, req.query.key);
      if (!view) throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      return view;
    },
  });

  app.route({
    ...apiRoute('ticket:cancel'),
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      if (!reads.publicTicket(req.params.id, req.body.key))
        throw new HttpRefusal('TICKET_NOT_FOUND', 'no such ticket');
      const r = await commands.cancel({ kind: 'holder', id: req.params.id }, req.params.id, 'holder', req.ip);
      if (!r.ok) return sendFailure(reply, r);
      return reads.publicTicket(req.params.id, req.body.key);
    },
  });

  app.route({
    ...apiRoute('ticket:reinstate'),
    handler: async (req, reply) => {
      const t = staffTicket(req, req.params.id);
      const r = await commands.reinstate(actorOf(requireStaff(req)), t.id, req.ip);
      return r.ok ? { ok: true } : sendFailure(reply, r);
    },
  });

  app.route({
    ...apiRoute('ticket:cancel-by-staff'),
    handler: async (req, reply) => {
      const t = staffTicket(req, req.params.id);
      const p = requireStaff(req);
      const r = await commands.cancel(actorOf(p), t.id, 'staff', req.ip, staffContext(p), req.body.reason);
      return r.ok ? { ok: true } : sendFailure(reply, r);
    },
  });

  /** A ticket staff of its branch may correct. */
  function staffTicket(req: Parameters<typeof requireStaff>[0], ticketId: string) {
    const p = requireStaff(req);
    const t = reads.ticket(ticketId);
    if (!t) throw new HttpRefusal('TICKET_NOT_FOUND', `ticket ${ticketId} does not exist`);
    requireBranch(p, t.branchId);
    return t;
  }
};
