import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { MeResponse } from '../../protocol/index.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requirePrincipal } from '../http/guards.js';
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
      if (!r.ok) throw new HttpRefusal(r.error.code, r.error.message);
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
      if (p.kind === 'user') {
        const r = await auth.signOut(metaOf(req), p.user.id, p.tokenHash);
        if (!r.ok) return sendFailure(reply, r);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
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
