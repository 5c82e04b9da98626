import type {
  BranchSnapshot,
  CallRule,
  CounterView,
  Locale,
  LocalizedText,
  ServiceView,
  TicketView,
  UserView,
} from '@guichet/server/protocol';
import { computed, signal } from '@preact/signals';
import { errorText, format, STRINGS, type StringKey } from './strings';

/**
 * The one signals store of the console and the pad. Screens read it; only socket.ts and
 * actions.ts write the live data. No queue rule is computed here: the call order is the
 * server's (`/counters/:id/order`), the rest is filtering the snapshot for display.
 */

// ── language ───────────────────────────────────────────────────────────────
const LOCALE_KEY = 'guichet.counter.locale';
function loadLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(LOCALE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return 'zh-CN';
}
export const locale = signal<Locale>(loadLocale());
export function setLocale(next: Locale): void {
  locale.value = next;
  globalThis.localStorage?.setItem(LOCALE_KEY, next);
  if (globalThis.document) document.documentElement.lang = next;
}
export function t(key: StringKey, params?: Record<string, string | number>): string {
  return format(STRINGS[locale.value][key], params);
}
/** A failed request in the clerk's language (by its code; the server's English message is not shown). */
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
const SESSION_KEY = 'guichet.counter.session';
function loadSession(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}
export const session = signal<Session | null>(loadSession());
/** Why the clerk is back at sign-in when it was not their own choice (the sign-in screen says so). */
export const signedOutBecause = signal<'expired' | null>(null);

/** The server no longer accepts the session (expired, revoked, signed out elsewhere). */
export function endSession(): void {
  saveSession(null);
  signedOutBecause.value = 'expired';
}

export function saveSession(next: Session | null): void {
  if (next) signedOutBecause.value = null;
  session.value = next;
  if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(SESSION_KEY);
}

// ── live data ──────────────────────────────────────────────────────────────
/** The call order and the clerk's day come from the server, typed by the protocol. */
import type { CallOrderEntry, ClerkDay } from '@guichet/server/protocol';
export type OrderEntry = CallOrderEntry;
export type TodayView = ClerkDay;

export type Connection = 'connecting' | 'online' | 'offline';
export const connection = signal<Connection>('connecting');
/** True once a snapshot has arrived on the current connection; commands wait for it. */
export const synced = signal(false);
export const snapshot = signal<BranchSnapshot | null>(null);
export const counterId = signal<string | null>(null);
export const order = signal<OrderEntry[]>([]);
export const today = signal<TodayView | null>(null);
/** A command is on its way: buttons stay disabled so a double press sends one command. */
export const busy = signal(false);
export interface Notice {
  kind: 'info' | 'warn' | 'error';
  text: string;
}
export const notice = signal<Notice | null>(null);
/** Ticket chosen in the waiting or parked list for "call selected". */
export const selectedTicketId = signal<string | null>(null);
/** Ticks every second for timers and waits. */
export const now = signal(Date.now());

export const canCommand = computed(() => synced.value && connection.value === 'online' && !busy.value);

export const counter = computed<CounterView | null>(
  () => snapshot.value?.counters.find((c) => c.id === counterId.value) ?? null,
);
export const servicesById = computed(
  () => new Map<string, ServiceView>((snapshot.value?.services ?? []).map((s) => [s.id, s])),
);
export const currentTicket = computed<TicketView | null>(() => {
  const id = counter.value?.currentTicketId;
  return (id && snapshot.value?.tickets.find((t) => t.id === id)) || null;
});

export interface WaitingRow {
  ticket: TicketView;
  /** Position in the server's call order (0 = what call-next takes), null if not in it yet. */
  position: number | null;
  rule: CallRule | null;
  detail: string | null;
}
/** Waiting tickets for this counter's services or sent to it, in the server's call order. */
export const waitingRows = computed<WaitingRow[]>(() => {
  const c = counter.value;
  const snap = snapshot.value;
  if (!c || !snap) return [];
  const served = new Set(c.services.map((s) => s.serviceId));
  const waiting = snap.tickets.filter(
    (tk) =>
      tk.status === 'waiting' &&
      (tk.targetCounterId === c.id || (tk.targetCounterId === null && served.has(tk.serviceId))),
  );
  const pos = new Map(order.value.map((o, i) => [o.ticketId, { i, o }]));
  const rows = waiting.map((ticket): WaitingRow => {
    const p = pos.get(ticket.id);
    return { ticket, position: p ? p.i : null, rule: p?.o.rule ?? null, detail: p?.o.detail ?? null };
  });
  // Server order first; anything the order has not caught up with yet goes last, by arrival.
  return rows.sort(
    (a, b) =>
      (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
      a.ticket.queuedAt - b.ticket.queuedAt,
  );
});
/** Parked tickets this counter may call back: its own, or of a service it serves. */
export const parkedTickets = computed<TicketView[]>(() => {
  const c = counter.value;
  const snap = snapshot.value;
  if (!c || !snap) return [];
  const served = new Set(c.services.map((s) => s.serviceId));
  return snap.tickets
    .filter((tk) => tk.status === 'parked' && (tk.counterId === c.id || served.has(tk.serviceId)))
    .sort((a, b) => a.queuedAt - b.queuedAt);
});

/** Clears everything tied to a signed-in clerk (sign-out, expired token). */
export function resetLive(): void {
  snapshot.value = null;
  synced.value = false;
  order.value = [];
  today.value = null;
  notice.value = null;
  selectedTicketId.value = null;
  busy.value = false;
}
