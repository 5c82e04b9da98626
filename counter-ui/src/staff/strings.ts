import type { Locale } from '@guichet/server/protocol';

/**
 * The words every staff screen shares (sign-in, dialogs, the refusals any request can meet),
 * in both languages. Each screen spreads these into its own tables, where a key of its own may
 * say it differently (the console's and the manager's sign-in titles).
 */
export const STAFF_ZH = {
  language: 'English',
  languageLabel: '切换语言',
  username: '用户名或工号',
  password: '密码',
  signIn: '登录',
  signOut: '退出登录',
  signingIn: '正在登录…',
  loginFailed: '用户名、工号或密码不正确',
  sessionExpired: '登录已失效（超时或在别处退出），请重新登录。',
  loading: '正在加载…',
  cancel: '取消',
  confirm: '确定',
  err_TICKET_NOT_FOUND: '找不到该号码',
  err_IDEMPOTENCY_KEY_REUSED: '该操作已提交过',
  err_FORBIDDEN: '没有权限执行此操作',
  err_UNAUTHENTICATED: '登录已失效，请重新登录',
  err_TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  err_NETWORK: '无法连接服务器，请检查网络',
  err_VALIDATION_FAILED: '提交的内容不正确',
  err_INTERNAL: '服务器出错，请稍后再试',
  err_generic: '系统未能处理，请稍后再试或联系管理员 [{code}]',
} as const;

export type StaffKey = keyof typeof STAFF_ZH;

export const STAFF_EN: Record<StaffKey, string> = {
  language: '中文',
  languageLabel: 'Switch language',
  username: 'Username or staff number',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signingIn: 'Signing in…',
  loginFailed: 'Wrong username, staff number or password',
  sessionExpired: 'Your session has ended (timed out or signed out elsewhere); please sign in again.',
  loading: 'Loading…',
  cancel: 'Cancel',
  confirm: 'Confirm',
  err_TICKET_NOT_FOUND: 'No such ticket',
  err_IDEMPOTENCY_KEY_REUSED: 'This was already sent',
  err_FORBIDDEN: 'You are not allowed to do this',
  err_UNAUTHENTICATED: 'Your session has ended; sign in again',
  err_TOO_MANY_REQUESTS: 'Too many requests; try again in a moment',
  err_NETWORK: 'The server cannot be reached; check the network',
  err_VALIDATION_FAILED: 'What was sent is not valid',
  err_INTERNAL: 'The server failed; try again in a moment',
  err_generic: 'The system could not handle this; try again or call an administrator [{code}]',
};

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    params[name] === undefined ? m : String(params[name]),
  );
}

/**
 * The refusal words of one screen's tables: by the server's code, never its (English, for logs)
 * message. A code without an `err_<CODE>` entry reads as `err_generic` with the code in brackets.
 */
export function refusalWords<K extends string>(tables: Record<Locale, Record<K | 'err_generic', string>>) {
  const known = new Set(
    Object.keys(tables['zh-CN'])
      .filter((k) => k.startsWith('err_') && k !== 'err_generic')
      .map((k) => k.slice(4)),
  );
  return (locale: Locale, code: string | null | undefined): string => {
    const table = tables[locale] as Record<string, string>;
    if (code && known.has(code)) return table[`err_${code}`] as string;
    return format(tables[locale].err_generic, { code: code || 'UNKNOWN' });
  };
}
