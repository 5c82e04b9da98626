import type { AdminStore, UserRow } from '@guichet/db';
import { fail } from '../../core/index.js';
import type { AccountInput } from './service.js';

/**
 * Nobody locks herself out, and the installation keeps an active admin: an account cannot
 * deactivate itself or drop its own admin role, and the last active admin stays one.
 */
export function adminLockout(
  store: Pick<AdminStore, 'allUsers'>,
  actorId: string,
  was: UserRow,
  input: AccountInput,
) {
  const deactivating = was.active && input.active === false;
  const demoting = was.role === 'admin' && input.role !== 'admin';
  if (!deactivating && !demoting) return null;
  if (was.id === actorId)
    return fail(
      'OWN_ACCOUNT_LOCKOUT',
      deactivating ? 'you cannot deactivate your own account' : 'you cannot remove your own admin role',
    );
  const otherAdmins = store.allUsers().filter((u) => u.role === 'admin' && u.active && u.id !== was.id);
  if (was.role === 'admin' && was.active && otherAdmins.length === 0)
    return fail('LAST_ADMIN', `${was.username} is the last active admin: make another admin first`);
  return null;
}
