import type { Locale, LocalizedText, UserView } from '@guichet/server/protocol';
import { type Signal, signal } from '@preact/signals';
import { format, refusalWords, type StaffKey } from './strings';

export interface Session {
  token: string;
  user: UserView;
}

/** The language and sign-in state of one staff screen, and its words. */
export interface StaffStore<K extends string = StaffKey> {
  locale: Signal<Locale>;
  setLocale(next: Locale): void;
  toggleLocale(): void;
  t(key: K, params?: Record<string, string | number>): string;
  /** A failed request in the reader's language (by its code; the server's English message is not shown). */
  failureText(e: unknown): string;
  text(value: LocalizedText | null | undefined): string;
  session: Signal<Session | null>;
  /** Why the reader is back at sign-in when it was not their own choice (the sign-in screen says so). */
  signedOutBecause: Signal<'expired' | null>;
  saveSession(next: Session | null): void;
  /** The server no longer accepts the session (expired, revoked, signed out elsewhere). */
  endSession(): void;
}

let current: StaffStore | null = null;

/** The store the shared pieces (sign-in, dialog) read: the one the screen created. */
export function staff(): StaffStore {
  if (!current) throw new Error('createStaffStore() has not been called by this screen');
  return current;
}

/**
 * One screen's store. `app` names its storage: the language in localStorage (kept on this
 * computer), the session in sessionStorage (this tab only: closing the browser signs out), so
 * the console and the manager area, on one origin, keep theirs apart.
 */
export function createStaffStore<K extends string>(
  app: string,
  strings: Record<Locale, Record<K | StaffKey, string>>,
): StaffStore<K | StaffKey> {
  const localeKey = `guichet.${app}.locale`;
  const sessionKey = `guichet.${app}.session`;
  const saved = globalThis.localStorage?.getItem(localeKey);
  const locale = signal<Locale>(saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN');
  const errorText = refusalWords(strings);
  const setLocale = (next: Locale) => {
    locale.value = next;
    globalThis.localStorage?.setItem(localeKey, next);
    if (globalThis.document) document.documentElement.lang = next;
  };
  const session = signal<Session | null>(loadSession(sessionKey));
  const signedOutBecause = signal<'expired' | null>(null);
  const saveSession = (next: Session | null) => {
    if (next) signedOutBecause.value = null;
    session.value = next;
    if (next) sessionStorage.setItem(sessionKey, JSON.stringify(next));
    else sessionStorage.removeItem(sessionKey);
  };
  const store: StaffStore<K | StaffKey> = {
    locale,
    setLocale,
    toggleLocale: () => setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN'),
    t: (key, params) => format(strings[locale.value][key], params),
    failureText: (e) =>
      errorText(locale.value, typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : null),
    text: (value) => (value ? value[locale.value] : ''),
    session,
    signedOutBecause,
    saveSession,
    endSession: () => {
      saveSession(null);
      signedOutBecause.value = 'expired';
    },
  };
  current = store as StaffStore;
  return store;
}

function loadSession(key: string): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}
