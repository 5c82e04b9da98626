import { createStaffStore } from '@guichet/counter-ui/staff';
import type { BranchSnapshot, ServiceView, TicketView } from '@guichet/server/protocol';
import { computed, signal } from '@preact/signals';
import type { Connection } from './api';
import { STRINGS } from './strings';

/**
 * The one signals store of the manager area. Screens read it; the branch stream (started by
 * App) writes the live data. Nothing here decides a queue rule: it only filters the snapshot.
 */

// ── language and session (the staff screens' shared store) ─────────────────
const store = createStaffStore('manager', STRINGS);

export type { Session } from '@guichet/counter-ui/staff';
export const {
  locale,
  setLocale,
  toggleLocale,
  t,
  failureText,
  text,
  session,
  signedOutBecause,
  saveSession,
  endSession,
} = store;

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
