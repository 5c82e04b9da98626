import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { hashToken, newToken, userView, verifyPassword } from '../../../app/auth.js';
import type { AppContext } from '../../../app/context.js';
import type { MeResponse } from '../../../protocol/index.js';
import { HttpRefusal } from '../errors.js';
import { requirePrincipal } from '../guards.js';

export const SESSION_COOKIE = 'guichet_session';

export async function authRoutes(fastify: FastifyInstance, ctx: AppContext) {
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
      const now = ctx.now();
      const keys = [`login:${req.body.username.toLowerCase()}`, `ip:${req.ip}`];
      if (ctx.throttle.blocked(keys, now)) {
        throw new HttpRefusal('TOO_MANY_REQUESTS', 'too many failed sign-ins; wait 15 minutes');
      }
      const user = ctx.authStore.userByLogin(req.body.username);
      // Verify against a dummy hash when the user is unknown so timing does not reveal names.
      const valid = await verifyPassword(req.body.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !valid) {
        ctx.throttle.fail(keys, now);
        ctx.audit(null, 'auth.login_failed', req.body.username, null, req.ip);
        throw new HttpRefusal('UNAUTHENTICATED', 'wrong username or password');
      }
      ctx.throttle.succeed(keys);
      const token = newToken();
      const expiresAt = now + ctx.config.sessionHours * 3600_000;
      ctx.authStore.insertSession({
        tokenHash: hashToken(token),
        userId: user.id,
        counterId: null,
        createdAt: now,
        expiresAt,
      });
      ctx.audit(
        { kind: 'user', user: userView(user), tokenHash: '', counterId: null },
        'auth.login',
        user.id,
        null,
        req.ip,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        maxAge: ctx.config.sessionHours * 3600,
      });
      return { token, user: userView(user) };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End the session' } }, async (req, reply) => {
    const p = requirePrincipal(req);
    if (p.kind === 'user') {
      ctx.authStore.deleteSession(p.tokenHash);
      ctx.disconnectSession(p.tokenHash);
      ctx.audit(p, 'auth.logout', p.user.id, null, req.ip);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
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

  app.post(
    '/me/status',
    {
      schema: {
        tags: ['auth'],
        summary: 'A display board reports whether it can speak (listed in /api/v1/health)',
        body: Type.Object(
          {
            voice: Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('off')]),
            reason: Type.Union([Type.String({ maxLength: 400 }), Type.Null()]),
            engines: Type.Optional(
              Type.Record(
                Type.String({ maxLength: 16 }),
                Type.Union([Type.Literal('clips'), Type.Literal('browser'), Type.Null()]),
              ),
            ),
          },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      if (p.kind !== 'device' || p.device.kind !== 'display')
        throw new HttpRefusal('FORBIDDEN', 'only a display board reports its voice');
      const { changed } = ctx.displays.report({
        ...req.body,
        deviceId: p.device.id,
        name: p.device.name,
        branchId: p.device.branchId,
        at: ctx.now(),
      });
      if (changed && req.body.voice === 'unavailable')
        ctx.log.warn({ device: p.device.id, reason: req.body.reason }, 'display board cannot speak');
      else if (changed) ctx.log.info({ device: p.device.id, voice: req.body.voice }, 'display board voice');
      return reply.code(204).send();
    },
  );
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
