import type { AuthStore, UserRow } from '@guichet/db';
import type { LoginThrottle } from '../../auth/login-throttle.js';
import { PASSWORD_PROBLEMS, passwordProblem } from '../../auth/password-policy.js';
import { type Failure, fail, ok, type Result } from '../../core/index.js';
import type { CommandBus } from '../../kernel/command-bus.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import type { PasswordRejectedBody, UserView } from '../../protocol/index.js';
import { hashPassword, verifyPassword } from './auth.js';
import './events.js';

export interface PasswordDeps {
  bus: CommandBus;
  store: AuthStore;
  throttle: LoginThrottle;
}

/** The policy's refusal, with the rule and its reason in both languages for the form to show. */
function rejected(password: string, user: UserRow): Failure | null {
  const problem = passwordProblem(password, user);
  if (!problem) return null;
  const reasons = PASSWORD_PROBLEMS[problem];
  const error: PasswordRejectedBody['error'] = {
    code: 'PASSWORD_REJECTED',
    message: `the new password is refused: ${reasons.en}`,
    problem,
    reasons,
  };
  return { ok: false, error };
}

/**
 * Password changes and resets. Both are commands on the bus: the new hash and the end of the
 * user's other sessions commit together with the audit row, or not at all.
 */
export class Passwords {
  constructor(private readonly deps: PasswordDeps) {}

  /**
   * The owner, signed in, proves she knows the current password. A wrong one counts as a failed
   * sign-in from her address (a stolen session must not become a password oracle).
   */
  async change(
    meta: CommandMeta,
    self: { userId: string; tokenHash: string },
    current: string,
    next: string,
  ): Promise<Result<null>> {
    const { store, throttle, bus } = this.deps;
    const user = store.userById(self.userId);
    if (!user) return fail('USER_NOT_FOUND', 'this account no longer exists');
    const ip = meta.ip ?? '-';
    const account = `user:${user.id}`;
    const verdict = throttle.check(ip, account, bus.now());
    if (!verdict.allowed) return fail('TOO_MANY_REQUESTS', 'too many wrong passwords; try again shortly');
    if (!(await verifyPassword(current, user.passwordHash))) {
      throttle.fail(ip, account, bus.now());
      return fail('WRONG_PASSWORD', 'the current password is not right');
    }
    const refusal = rejected(next, user);
    if (refusal) return refusal;
    return this.commit(meta, user.id, await hashPassword(next), 'owner', self.tokenHash);
  }

  /** An admin resets anyone's password; a manager those of the clerks of her own branch. */
  async reset(meta: CommandMeta, by: UserView, userId: string, next: string): Promise<Result<null>> {
    const user = this.deps.store.userById(userId);
    if (!user) return fail('USER_NOT_FOUND', `user ${userId} does not exist`);
    const allowed =
      by.role === 'admin' ||
      (by.role === 'manager' && user.role === 'clerk' && user.branchId === by.branchId);
    if (!allowed)
      return fail('FORBIDDEN', 'only an admin, or the manager of a clerk’s branch, resets passwords');
    const refusal = rejected(next, user);
    if (refusal) return refusal;
    return this.commit(meta, user.id, await hashPassword(next), 'admin', null);
  }

  private commit(
    meta: CommandMeta,
    userId: string,
    passwordHash: string,
    by: 'owner' | 'admin',
    keepTokenHash: string | null,
  ): Promise<Result<null>> {
    return this.deps.bus.run(meta, (_s, ctx) =>
      ok({
        events: [
          {
            type: 'user.password_changed',
            at: ctx.now,
            actor: ctx.actor,
            branchId: null,
            userId,
            passwordHash,
            by,
            keepTokenHash,
          },
        ],
        reply: () => null,
      }),
    );
  }
}

/** The new hash, every other session of the user ended, and an audit row without the hash. */
export function registerPasswordProjections(registry: Registry, store: AuthStore): void {
  registry
    .project('user.password_changed', (e) => {
      store.setPasswordHash(e.userId, e.passwordHash);
      store.deleteUserSessions(e.userId, e.keepTokenHash);
    })
    .audit('user.password_changed', {
      target: (e) => e.userId,
      detail: (e) => ({ by: e.by, otherSessionsEnded: true }),
    });
}
