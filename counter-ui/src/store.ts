import { callOrder } from '@guichet/server/kit';
import type {
  BranchSnapshot,
  CallRule,
  CounterView,
  ServiceView,
  TicketView,
} from '@guichet/server/protocol';
import { computed, signal } from '@preact/signals';
import { createStaffStore } from './staff';
import { STRINGS } from './strings';

/**
 * The one signals store of the console and the pad. Screens read it; only socket.ts and
 * actions.ts write the live data. No queue rule is computed here: the call order comes from the
 * kit's `callOrder`, which runs the server's own routing (core/routing.ts) over the snapshot.
 */

// ── language and session (the staff screens' shared store) ─────────────────
const store = createStaffStore('counter', STRINGS);

export type { Session } from './staff';
export const { locale, setLocale, t, failureText, text, session, signedOutBecause, saveSession, endSession } =
  store;

// ── live data ──────────────────────────────────────────────────────────────
/** The clerk's day comes from the server, typed by the protocol. */
import type { ClerkDay } from '@guichet/server/protocol';
export type TodayView = ClerkDay;

export type Connection = 'connecting' | 'online' | 'offline';
export const connection = signal<Connection>('connecting');
/** True once a snapshot has arrived on the current connection; commands wait for it. */
export const synced = signal(false);
export const snapshot = signal<BranchSnapshot | null>(null);
export const counterId = signal<string | null>(null);
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
  /** Position in the call order (0 = what call-next takes). */
  position: number;
  rule: CallRule;
  detail: string;
}
/**
 * The tickets this counter may call, in the order call-next takes them: the server's routing
 * run over the snapshot (the same eligibility, so a ticket sent to a counter that has since
 * closed is listed where it may be called). Re-derived on every change and every second tick
 * (overdue rules depend on the time); no request per change.
 */
export const waitingRows = computed<WaitingRow[]>(() => {
  const snap = snapshot.value;
  const id = counterId.value;
  if (!snap || !id) return [];
  const byId = new Map(snap.tickets.map((tk) => [tk.id, tk]));
  return callOrder(snap, id, now.value).flatMap((o, position) => {
    const ticket = byId.get(o.ticketId);
    return ticket ? [{ ticket, position, rule: o.rule, detail: o.detail }] : [];
  });
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
  today.value = null;
  notice.value = null;
  selectedTicketId.value = null;
  busy.value = false;
}
