import type { AuthStore } from '@guichet/db';
import { LoginThrottle } from '../../auth/login-throttle.js';
import {
  type CommandContext,
  type Failure,
  fail,
  ok,
  type QueueState,
  type Result,
} from '../../core/index.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { AnyEvent, CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import type { UserView } from '../../protocol/index.js';
import { hashToken, newToken, type Principal, resolveTokenHash, userView, verifyPassword } from './auth.js';
import './events.js';
import { Passwords, registerPasswordProjections } from './passwords.js';
import { photoUrlOf } from './photo-url.js';

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** A refused sign-in that may be tried again after a wait (answered with Retry-After). */
export type Throttled = Failure & { retryAfterSeconds: number };

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
  readonly passwords: Passwords;

  constructor(private readonly deps: AuthDeps) {
    this.passwords = new Passwords({ bus: deps.bus, store: deps.store, throttle: this.throttle });
    // Names, staff numbers and photos are read once per person: a change of account forgets them.
    deps.bus.onCommitted('auth: staff names', ({ events }) => {
      for (const e of events) {
        const id = e.type === 'user.configured' ? e.user.id : e.type === 'user.photo-set' ? e.userId : null;
        if (!id) continue;
        this.names.delete(id);
        this.cards.delete(id);
      }
    });
  }

  /**
   * Sessions signed out whose row could not be deleted yet (a failing disk), until they expire:
   * sign-out never leaves a token working.
   */
  private readonly revoked = new Map<string, number>();

  /** Who a bearer token (session or device) belongs to, right now. */
  resolve(token: string): Principal | null {
    const now = this.deps.bus.now();
    const hash = hashToken(token);
    if (this.revoked.size) {
      for (const [revoked, until] of this.revoked) if (until <= now) this.revoked.delete(revoked);
      if (this.revoked.has(hash)) return null;
    }
    const known = this.devices.get(hash);
    if (known && known.until > now) return known.principal;
    const found = resolveTokenHash(this.deps.store, hash, now);
    if (found?.principal.kind === 'device')
      this.devices.set(hash, {
        principal: found.principal,
        until: found.validUntil ?? Number.POSITIVE_INFINITY,
      });
    return found?.principal ?? null;
  }

  /**
   * Device principals by token hash. Every request of a kiosk, a board or a pad resolves its
   * token (two row reads, a tenth of a millisecond of each issue in the bench's profile); a
   * device's row changes only by a device event, and `forgetDevices` runs inside that event's
   * commit. A token past its expiry is read again (and refused).
   */
  private readonly devices = new Map<string, { principal: Principal; until: number }>();

  forgetDevices(): void {
    this.devices.clear();
  }

  private readonly names = new Map<string, string | null>();

  /** A staff member's display name, read once per user (every snapshot lists every counter). */
  clerkName(userId: string): string | null {
    if (!this.names.has(userId))
      this.names.set(userId, this.deps.store.userById(userId)?.displayName ?? null);
    return this.names.get(userId) ?? null;
  }

  /** Name and staff number (工号) as a rating pad shows them; read once per user. */
  staffCard(userId: string): { name: string; staffNumber: string | null; photoUrl: string | null } | null {
    if (!this.cards.has(userId)) {
      const u = this.deps.store.userById(userId);
      this.cards.set(
        userId,
        u ? { name: u.displayName, staffNumber: u.staffNumber, photoUrl: photoUrlOf(u) } : null,
      );
    }
    return this.cards.get(userId) ?? null;
  }
  private readonly cards = new Map<
    string,
    { name: string; staffNumber: string | null; photoUrl: string | null } | null
  >();

  async signIn(
    login: string,
    password: string,
    ip: string,
  ): Promise<Result<{ token: string; user: UserView; maxAgeSeconds: number }> | Throttled> {
    const { bus, store } = this.deps;
    const now = bus.now();
    const user = store.userByLogin(login);
    // One account however it is named (username or staff number); an unknown name by itself.
    const account = user ? `user:${user.id}` : `login:${login.toLowerCase()}`;
    const verdict = this.throttle.check(ip, account, now);
    if (!verdict.allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      const why =
        verdict.scope === 'address'
          ? 'too many failed sign-ins from this address'
          : 'too many failed sign-ins';
      return {
        ...fail('TOO_MANY_REQUESTS', `${why}; try again in ${retryAfterSeconds} s`),
        retryAfterSeconds,
      };
    }
    // Verify against a dummy hash when the user is unknown so timing does not reveal names.
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      this.throttle.fail(ip, account, bus.now());
      await bus.run({ actor: { kind: 'anonymous', id: '-' }, ip }, (_s, ctx) =>
        ok({
          events: [{ type: 'session.refused', at: ctx.now, actor: ctx.actor, branchId: null, login }],
          reply: () => null,
        }),
      );
      return fail('UNAUTHENTICATED', 'wrong username or password');
    }
    // Clears the account's slowdown only: the address keeps its count of failures.
    this.throttle.succeed(account);
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
   * Ends a session: refused in memory at once, then its row deleted (kept refused if that fails).
   * `leave` decides what happens to the counter it is signed in to (closed or kept away, see
   * core/shifts.ts), committed together with the sign-out.
   */
  async signOut(
    meta: CommandMeta,
    userId: string,
    tokenHash: string,
    leave?: (state: QueueState, ctx: CommandContext) => Result<AnyEvent[]>,
  ): Promise<Result<null>> {
    const { bus, sessionHours } = this.deps;
    this.revoked.set(tokenHash, bus.now() + sessionHours * 3600_000);
    const r = await bus.run(meta, (state, ctx) => {
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
    if (r.ok) this.revoked.delete(tokenHash);
    return r;
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
  registerPasswordProjections(registry, store);
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
    // A password set by an admin, or a deactivation, ends the account's sessions (a new account has none).
    .project('user.configured', (e) => {
      if (e.passwordHash || !e.user.active) store.deleteUserSessions(e.user.id, e.keepTokenHash ?? null);
    })
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
