import type { UserRow } from '@guichet/db';
import { describe, expect, it } from 'vitest';
import { adminLockout } from './lockout.js';
import type { AccountInput } from './service.js';

const user = (id: string, role: string, active = true) => ({ id, username: id, role, active }) as UserRow;
const input = (over: Partial<AccountInput>): AccountInput => ({
  username: 'x',
  displayName: 'x',
  role: 'admin',
  branchIds: [],
  ...over,
});
const check = (users: UserRow[], actor: string, target: string, over: Partial<AccountInput>) =>
  adminLockout({ allUsers: () => users }, actor, users.find((u) => u.id === target)!, input(over));

describe('adminLockout', () => {
  const solo = [user('ada', 'admin'), user('mia', 'manager'), user('old', 'admin', false)];
  it('refuses the account holder her own deactivation or demotion', () => {
    expect(check(solo, 'ada', 'ada', { active: false })?.error.code).toBe('OWN_ACCOUNT_LOCKOUT');
    expect(check(solo, 'ada', 'ada', { role: 'manager' })?.error.message).toBe(
      'you cannot remove your own admin role',
    );
    expect(check(solo, 'mia', 'mia', { role: 'manager', active: false })?.error.code).toBe(
      'OWN_ACCOUNT_LOCKOUT',
    );
  });
  it('keeps the last active admin (an inactive admin does not count), whoever asks', () => {
    expect(check(solo, 'system', 'ada', { active: false })?.error).toEqual({
      code: 'LAST_ADMIN',
      message: 'ada is the last active admin: make another admin first',
    });
    expect(check(solo, 'system', 'ada', { role: 'manager' })?.error.code).toBe('LAST_ADMIN');
    const two = [...solo, user('bo', 'admin')];
    expect(check(two, 'bo', 'ada', { active: false })).toBeNull();
    expect(check(two, 'bo', 'ada', { role: 'manager' })).toBeNull();
  });
  it('lets every other change through', () => {
    expect(check(solo, 'ada', 'ada', { displayName: 'Ada L.' })).toBeNull();
    expect(check(solo, 'ada', 'mia', { role: 'manager', active: false })).toBeNull();
    expect(check(solo, 'ada', 'old', { role: 'manager' })).toBeNull();
  });
});
