import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  const clerk = { username: 'wangfang', staffNumber: '1001', displayName: 'Wang Fang' };
  it.each([
    ['short1', 'too_short'],
    ['1234567890', 'common'],
    ['qwertyuiop', 'common'],
    ['Password123!', 'common'],
    ['woaini1314', 'common'],
    ['demo1234', 'too_short'],
    ['wangfang2026!', 'personal'],
    ['x1001-hall-pass', 'personal'],
    ['aaaaaaaaaaaa', 'pattern'],
    ['ababababababab', 'pattern'],
    ['hgfedcbazyxw', 'pattern'],
  ])('refuses %s as %s', (pw, problem) => {
    expect(passwordProblem(pw, clerk)).toBe(problem);
  });

  it('accepts a long passphrase and a random password', () => {
    expect(passwordProblem('窗口三号的春天来了吗', clerk)).toBeNull();
    expect(passwordProblem('tea-kettle-orbit-47', clerk)).toBeNull();
    expect(passwordProblem('vX9#qLm2!pR4', clerk)).toBeNull();
  });
});

describe('LoginThrottle', () => {
  it('locks an address after 30 failures in 15 minutes, and only that address', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 30; i++) t.fail('10.0.0.9', `user${i}`, 1000 + i);
    expect(t.check('10.0.0.9', 'someone', 2000)).toMatchObject({ allowed: false, scope: 'address' });
    expect(t.check('10.0.0.10', 'someone', 2000)).toEqual({ allowed: true });
    // The lock lifts when the oldest failure leaves the window.
    expect(t.check('10.0.0.9', 'someone', 1000 + 15 * 60_000)).toEqual({ allowed: true });
  });

  it('slows an account attacked from many addresses but never locks its owner out', () => {
    const t = new LoginThrottle();
    const now = 2000;
    for (let i = 0; i < 20; i++) t.fail(`203.0.113.${i}`, 'clerk1', (i + 1) * 100);
    const verdict = t.check('192.168.1.5', 'clerk1', now + 100);
    expect(verdict).toMatchObject({ allowed: false, scope: 'account' });
    // The wait is capped at 30 s: the owner signs in after at most that.
    expect(verdict.allowed === false && verdict.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(t.check('192.168.1.5', 'clerk1', now + 30_000)).toEqual({ allowed: true });
  });

  it('a success does not clear the address count (one valid account cannot reset guessing)', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 29; i++) t.fail('198.51.100.7', `guess${i}`, i);
    t.succeed('attacker-own-account');
    t.fail('198.51.100.7', 'guess-last', 30);
    expect(t.check('198.51.100.7', 'anyone', 31)).toMatchObject({ allowed: false, scope: 'address' });
  });

  it('a success clears the account slowdown; sweep forgets old entries', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 8; i++) t.fail('10.1.1.1', 'clerk2', i);
    expect(t.check('10.1.1.2', 'clerk2', 10).allowed).toBe(false);
    t.succeed('clerk2');
    expect(t.check('10.1.1.2', 'clerk2', 10)).toEqual({ allowed: true });
    t.sweep(16 * 60_000);
    expect(t.size).toBe(0);
  });
});
