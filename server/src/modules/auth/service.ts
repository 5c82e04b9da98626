import type { AuthStore } from '@guichet/db';
import { type CommandContext, fail, ok, type QueueState, type Result } from '../../core/index.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { AnyEvent, CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import type { UserView } from '../../protocol/index.js';
import {
  hashToken,
  LoginThrottle,
  newToken,
  type Principal,
  resolveToken,
  userView,
  verifyPassword,
} from './auth.js';
import './events.js';

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface AuthDeps {
  bus: CommandBus;
  store: AuthStore;
  sessionHours: number;
}

/**
 * Staff sessions and device tokens. Sign-in, sign-out, the counter a session is signed in to and
 * the expiry sweep are commands on the bus: their rows and audit entries commit together.
 */
export class AuthService {
  readonly throttle = new LoginThrottle();

  constructor(private readonly deps: AuthDeps) {}

  /** Who a bearer token (session or device) belongs to, right now. */
  resolve(token: string): Principal | null {
    return resolveToken(this.deps.store, token, this.deps.bus.now());
  }

  private readonly names = new Map<string, string | null>();

  /** A staff member's display name, read once per user (every snapshot lists every counter). */
  clerkName(userId: string): string | null {
    if (!this.names.has(userId))
      this.names.set(userId, this.deps.store.userById(userId)?.displayName ?? null);
    return this.names.get(userId) ?? null;
  }

  async signIn(
    login: string,
    password: string,
    ip: string,
  ): Promise<Result<{ token: string; user: UserView; maxAgeSeconds: number }>> {
    const { bus, store } = this.deps;
    const now = bus.now();
    const keys = [`login:${login.toLowerCase()}`, `ip:${ip}`];
    if (this.throttle.blocked(keys, now))
      return fail('TOO_MANY_REQUESTS', 'too many failed sign-ins; wait 15 minutes');
    const user = store.userByLogin(login);
    // Verify against a dummy hash when the user is unknown so timing does not reveal names.
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      this.throttle.fail(keys, now);
      await bus.run({ actor: { kind: 'anonymous', id: '-' }, ip }, (_s, ctx) =>
        ok({
          events: [{ type: 'session.refused', at: ctx.now, actor: ctx.actor, branchId: null, login }],
          reply: () => null,
        }),
      );
      return fail('UNAUTHENTICATED', 'wrong username or password');
    }
    this.throttle.succeed(keys);
    const token = newToken();
    const maxAgeSeconds = this.deps.sessionHours * 3600;
    const started = await bus.run({ actor: { kind: 'user', id: user.id }, ip }, (_s, ctx) =>
      ok({
        events: [
          {
            type: 'session.started',
            at: ctx.now,
            actor: ctx.actor,
            branchId: user.branchId,
            userId: user.id,
            tokenHash: hashToken(token),
            expiresAt: ctx.now + maxAgeSeconds * 1000,
          },
        ],
        reply: () => null,
      }),
    );
    return started.ok ? ok({ token, user: userView(user), maxAgeSeconds }) : started;
  }

  /**
   * Ends the session; `leave` decides what happens to the counter it is signed in to (closed or
   * kept away, see core/shifts.ts), committed together with the sign-out.
   */
  signOut(
    meta: CommandMeta,
    userId: string,
    tokenHash: string,
    leave?: (state: QueueState, ctx: CommandContext) => Result<AnyEvent[]>,
  ): Promise<Result<null>> {
    return this.deps.bus.run(meta, (state, ctx) => {
      const left = leave ? leave(state, ctx) : ok([]);
      if (!left.ok) return left;
      const ended: AnyEvent = {
        type: 'session.ended',
        at: ctx.now,
        actor: ctx.actor,
        branchId: null,
        userId,
        tokenHash,
      };
      return ok({ events: [...left.data, ended], reply: () => null });
    });
  }

  /** Signs a session (back) in to a counter its clerk already holds (a reloaded console). */
  bindCounter(meta: CommandMeta, tokenHash: string, counterId: string): Promise<Result<null>> {
    return this.deps.bus.run(meta, (_s, ctx) =>
      ok({
        events: [
          {
            type: 'session.counter_bound',
            at: ctx.now,
            actor: ctx.actor,
            branchId: null,
            tokenHash,
            counterId,
          },
        ],
        reply: () => null,
      }),
    );
  }

  /** Drops sessions past their expiry. */
  expireSessions(): Promise<Result<null>> {
    return this.deps.bus.run({ actor: { kind: 'system', id: 'system' } }, (_s, ctx) =>
      ok({
        events: [{ type: 'sessions.expired', at: ctx.now, actor: ctx.actor, branchId: null }],
        reply: () => null,
      }),
    );
  }
}

/** Session rows and the audit of sign-ins and sign-outs. */
export function registerAuthProjections(registry: Registry, store: AuthStore): void {
  registry
    .project('session.started', (e) =>
      store.insertSession({
        tokenHash: e.tokenHash,
        userId: e.userId,
        counterId: null,
        createdAt: e.at,
        expiresAt: e.expiresAt,
      }),
    )
    .project('session.ended', (e) => store.deleteSession(e.tokenHash))
    .project('session.counter_bound', (e) => store.setSessionCounter(e.tokenHash, e.counterId))
    // A closed counter is nobody's: every session signed in to it is signed out of it.
    .project('counter.closed', (e) => {
      if (e.counterId) store.releaseCounter(e.counterId);
    })
    // A counter taken over is the new holder's: the old holder's sessions are signed out of it.
    .project('counter.taken_over', (e) => {
      if (e.counterId) store.releaseCounter(e.counterId);
    })
    .project('sessions.expired', (e) => store.purgeSessions(e.at))
    .audit('session.started', { target: (e) => e.userId })
    .audit('session.ended', { target: (e) => e.userId })
    .audit('session.refused', { target: (e) => e.login });
}
