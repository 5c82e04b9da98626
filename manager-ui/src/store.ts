import type {
  BranchSnapshot,
  Locale,
  LocalizedText,
  ServiceView,
  TicketView,
  UserView,
} from '@guichet/server/protocol';
import { computed, signal } from '@preact/signals';
import type { Connection } from './api';
import { errorText, format, STRINGS, type StringKey } from './strings';

/**
 * The one signals store of the manager area. Screens read it; the branch stream (started by
 * App) writes the live data. Nothing here decides a queue rule: it only filters the snapshot.
 */

// ── language ───────────────────────────────────────────────────────────────
const LOCALE_KEY = 'guichet.manager.locale';
function loadLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}
export const locale = signal<Locale>(loadLocale());
export function setLocale(next: Locale): void {
  locale.value = next;
  globalThis.localStorage?.setItem(LOCALE_KEY, next);
  if (globalThis.document) document.documentElement.lang = next;
}
export const toggleLocale = () => setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN');
export function t(key: StringKey, params?: Record<string, string | number>): string {
  return format(STRINGS[locale.value][key], params);
}
/** A failed request in the reader's language, by its code. */
export function failureText(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : null;
  return errorText(locale.value, code);
}
export const text = (value: LocalizedText | null | undefined): string => (value ? value[locale.value] : '');

// ── session ────────────────────────────────────────────────────────────────
export interface Session {
  token: string;
  user: UserView;
}
/** Kept for the tab only, as the counter console does: closing the browser signs out. */
const SESSION_KEY = 'guichet.manager.session';
function loadSession(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}
export const session = signal<Session | null>(loadSession());
export const signedOutBecause = signal<'expired' | null>(null);

export function saveSession(next: Session | null): void {
  if (next) signedOutBecause.value = null;
  session.value = next;
  if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(SESSION_KEY);
}
/** The server no longer accepts the session (expired, revoked, signed out elsewhere). */
export function endSession(): void {
  saveSession(null);
  signedOutBecause.value = 'expired';
}

// ── live data ──────────────────────────────────────────────────────────────
export const connection = signal<Connection>('connecting');
/** True once a snapshot has arrived on the current connection; actions wait for it. */
export const synced = signal(false);
export const snapshot = signal<BranchSnapshot | null>(null);
export const branchId = signal<string | null>(null);
/** A request is on its way: its buttons stay disabled so a double press sends one. */
export const busy = signal(false);
/** Ticks every second for timers and waits. */
export const now = signal(Date.now());

export const canAct = computed(() => synced.value && connection.value === 'online' && !busy.value);
export const servicesById = computed(
  () => new Map<string, ServiceView>((snapshot.value?.services ?? []).map((s) => [s.id, s])),
);
export const countersById = computed(() => new Map((snapshot.value?.counters ?? []).map((c) => [c.id, c])));
export const ticketsById = computed(
  () => new Map<string, TicketView>((snapshot.value?.tickets ?? []).map((tk) => [tk.id, tk])),
);
/** Today's no-shows, the latest first: the front desk reinstates them. */
export const noShows = computed(() =>
  (snapshot.value?.tickets ?? [])
    .filter((tk) => tk.status === 'no_show')
    .sort((a, b) => (b.finishedAt ?? b.issuedAt) - (a.finishedAt ?? a.issuedAt)),
);

/** Finds today's ticket by its code (any case, spaces ignored) in the live snapshot. */
export function findByCode(code: string): TicketView | null {
  const want = code.replace(/\s+/g, '').toUpperCase();
  if (!want) return null;
  return snapshot.value?.tickets.find((tk) => tk.code.toUpperCase() === want) ?? null;
}

export function resetLive(): void {
  snapshot.value = null;
  synced.value = false;
  connection.value = 'connecting';
  busy.value = false;
}
