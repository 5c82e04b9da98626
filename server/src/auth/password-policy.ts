import { createRequire } from 'node:module';

// Loaded on the first password check, not at start: the package inflates its word lists when
// imported (tens of milliseconds on every server start, for a check that runs rarely).
const require = createRequire(import.meta.url);
const breachedPasswords = (): string[] =>
  (require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common')).dictionary[
    'passwords-common'
  ] as string[];

/**
 * What a staff password must be: long enough, not a password that leaked in known breaches
 * (zxcvbn-ts' list of ~49,000 common passwords, plus patterns common in Chinese halls), not
 * the account's own name or staff number, and not one repeated or sequential run of keys.
 * The refusal names the rule so the person can pick a better one.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal' | 'pattern';

export const PASSWORD_PROBLEMS: Record<PasswordProblem, { 'zh-CN': string; en: string }> = {
  too_short: {
    'zh-CN': `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`,
    en: `at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  too_long: {
    'zh-CN': `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`,
    en: `at most ${MAX_PASSWORD_LENGTH} characters`,
  },
  common: { 'zh-CN': '这是泄露过的常见密码', en: 'a common password found in breaches' },
  personal: {
    'zh-CN': '密码不能包含用户名、工号或姓名',
    en: 'must not contain the username, staff number or name',
  },
  pattern: {
    'zh-CN': '密码不能是重复或连续的字符',
    en: 'must not be a repeated or sequential run of characters',
  },
};

/** Widespread in Chinese breaches and absent from the English-centred list. */
const LOCAL_COMMON = [
  'woaini1314',
  'woaini520',
  '5201314520',
  '1314520520',
  'iloveyou1314',
  'qq123456789',
  'aa123456789',
  'abc123456789',
  'zxcvbnm123',
  'demo1234',
  'guichet',
  'changeme',
];

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set([...breachedPasswords(), ...LOCAL_COMMON]);
  return common;
}

const KEY_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];

function isRunOrRepeat(pw: string): boolean {
  const lower = pw.toLowerCase();
  if (new Set(lower).size <= 2) return true;
  return KEY_ROWS.some((row) => {
    const both = row + row;
    const reversed = [...both].reverse().join('');
    return both.includes(lower) || reversed.includes(lower);
  });
}

export function passwordProblem(
  password: string,
  account: { username?: string; staffNumber?: string | null; displayName?: string },
): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  const set = commonPasswords();
  // "Password123!" and "password123" are the same guess to an attacker's rules.
  const stripped = lower.replace(/[^a-z0-9]+$/, '');
  if (set.has(password) || set.has(lower) || set.has(stripped)) return 'common';
  const personal = [account.username, account.staffNumber, account.displayName]
    .filter((v): v is string => !!v && v.length >= 3)
    .map((v) => v.toLowerCase());
  if (personal.some((v) => lower.includes(v))) return 'personal';
  if (isRunOrRepeat(password)) return 'pattern';
  return null;
}
