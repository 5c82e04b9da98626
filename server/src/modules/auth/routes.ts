import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import {
  type CommandContext,
  ERROR_CODES,
  leaveAtSignOut,
  type QueueState,
  type SignOutMode,
} from '../../core/index.js';
import type { MeResponse } from '../../protocol/index.js';
import { routeOptions } from '../../protocol/schemas/routes.js';
import { HttpRefusal, sendFailure } from '../http/errors.js';
import { metaOf, requirePrincipal } from '../http/guards.js';
import type { AuthService } from './service.js';

export const SESSION_COOKIE = 'guichet_session';

/** Sign-in, sign-out and "who am I"; also resolves every request's bearer token or cookie. */
export const authRoutes: FastifyPluginAsync<{ auth: AuthService }> = async (fastify, { auth }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in by username or staff number',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
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
  );

  app.route({
    ...routeOptions('auth:logout', (code) => ERROR_CODES[code]),
    handler: async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.kind === 'user') {
        const mode = (req.body as { counter?: SignOutMode } | undefined)?.counter ?? 'close';
        const { counterId } = p;
        const leave = counterId
          ? (state: QueueState, ctx: CommandContext) => leaveAtSignOut(state, counterId, p.user.id, mode, ctx)
          : undefined;
        const r = await auth.signOut(metaOf(req), p.user.id, p.tokenHash, leave);
        if (!r.ok) return sendFailure(reply, r);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Who is acting: a staff member or a paired device' } },
    async (req): Promise<MeResponse> => {
      const p = requirePrincipal(req);
      if (p.kind === 'user') return { kind: 'user', user: p.user, counterId: p.counterId };
      return { kind: 'device', device: p.device };
    },
  );
};
