import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type CommandContext, leaveAtSignOut, type QueueState, type SignOutMode } from '../../core/index.js';
import type { MeResponse } from '../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requirePrincipal, requireStaff } from '../http/guards.js';
import { apiRoute } from '../http/schemas.js';
import type { AuthService } from './service.js';

export const SESSION_COOKIE = 'guichet_session';

/** Sign-in, sign-out and "who am I"; also resolves every request's bearer token or cookie. */
export const authRoutes: FastifyPluginAsync<{ auth: AuthService }> = async (fastify, { auth }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.route({
    ...apiRoute('auth:login'),
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      const r = await auth.signIn(req.body.username, req.body.password, req.ip);
      if (!r.ok) {
        if ('retryAfterSeconds' in r) reply.header('retry-after', String(r.retryAfterSeconds));
        return sendFailure(reply, r);
      }
      reply.setCookie(SESSION_COOKIE, r.data.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        maxAge: r.data.maxAgeSeconds,
      });
      return { token: r.data.token, user: r.data.user };
    },
  });

  app.route({
    ...apiRoute('auth:logout'),
    handler: async (req, reply) => {
      const p = requirePrincipal(req);
      // A device token is not a session: it stays paired until a manager revokes the device.
      if (p.kind === 'device')
        throw new HttpRefusal('FORBIDDEN', 'a device does not sign out; a manager revokes its pairing');
      // What happens to her counter: closed (the ticket back to its queue) or kept away.
      const mode = (req.body as { counter?: SignOutMode } | undefined)?.counter ?? 'close';
      const { counterId } = p;
      const leave = counterId
        ? (state: QueueState, ctx: CommandContext) => leaveAtSignOut(state, counterId, p.user.id, mode, ctx)
        : undefined;
      const r = await auth.signOut(metaOf(req), p.user.id, p.tokenHash, leave);
      // The cookie goes either way: the session is refused from now on even if its row stays.
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (!r.ok) return sendFailure(reply, r);
      return { ok: true };
    },
  });

  app.route({
    ...apiRoute('auth:password'),
    handler: async (req, reply) => {
      const p = requireStaff(req);
      const self = { userId: p.user.id, tokenHash: p.tokenHash };
      const r = await auth.passwords.change(metaOf(req), self, req.body.current, req.body.next);
      return r.ok ? { ok: true as const } : sendFailure(reply, r);
    },
  });

  app.route({
    ...apiRoute('user:password-reset'),
    handler: async (req, reply) => {
      const p = requireStaff(req, ['admin', 'manager']);
      const r = await auth.passwords.reset(metaOf(req), p.user, req.params.id, req.body.next);
      return r.ok ? { ok: true as const } : sendFailure(reply, r);
    },
  });

  app.route({
    ...apiRoute('me'),
    handler: async (req): Promise<MeResponse> => {
      const p = requirePrincipal(req);
      if (p.kind === 'user') return { kind: 'user', user: p.user, counterId: p.counterId };
      return { kind: 'device', device: p.device };
    },
  });
};
