import type { BranchSnapshot, IssuedTicket, Locale, PublicTicketView } from '@guichet/server/protocol';
import { batch, computed, signal } from '@preact/signals';

/**
 * The one store of kiosk-ui: signals written by the actions (from the kit's stream), read by
 * the screens. It holds what the server said; it decides nothing about queues.
 */

/** `code-refused`: the pairing link's code was unknown, used or expired. */
export type Pairing = 'unpaired' | 'checking' | 'paired' | 'rejected' | 'code-refused';

export type KioskScreen =
  | { name: 'home' }
  | { name: 'options'; serviceId: string }
  | { name: 'ticket'; ticket: IssuedTicket; serviceId: string };

export interface KioskTimings {
  /** Seconds without a touch before an options screen goes back home. */
  idleSeconds: number;
  /** Seconds a printed ticket's confirmation stays up. */
  confirmSeconds: number;
  /** Seconds it stays up when the printer held or failed it (the citizen photographs it). */
  unprintedSeconds: number;
}

export const DEFAULT_TIMINGS: KioskTimings = { idleSeconds: 45, confirmSeconds: 20, unprintedSeconds: 90 };

export interface IssueProblem {
  message: string;
  /** The request may not have reached the server: offer to retry with the same key. */
  retry: boolean;
  /** What to send again on retry. */
  request: { serviceId: string; priority?: boolean; personId?: string };
}

/**
 * Issue attempts whose answer was lost (timeout, dropped connection): the server may have
 * committed and printed the ticket, so the same choices (service, priority, personId) reuse
 * the same Idempotency-Key for a while, also after going home, and get the same ticket back.
 */
export const PENDING_ATTEMPT_MS = 2 * 60_000;
export const pendingAttempts = new Map<string, { key: string; until: number }>();

export const kiosk = {
  token: signal<string | null>(null),
  pairing: signal<Pairing>('checking'),
  branchId: signal<string | null>(null),
  timings: signal<KioskTimings>(DEFAULT_TIMINGS),
  snapshot: signal<BranchSnapshot | null>(null),
  /** The socket is connected. */
  connected: signal(false),
  /** Connected and holding a snapshot from this connection. */
  live: signal(false),
  /** The language the citizen picked; null follows the branch default. */
  chosenLocale: signal<Locale | null>(null),
  screen: signal<KioskScreen>({ name: 'home' }),
  pending: signal(false),
  problem: signal<IssueProblem | null>(null),
};

export const kioskLocale = computed<Locale>(
  () => kiosk.chosenLocale.value ?? kiosk.snapshot.value?.branch.defaultLocale ?? 'zh-CN',
);

/** Issuing needs a live link and no emergency notice; a pending request blocks a second one. */
export const issuingBlocked = computed<boolean>(
  () => !kiosk.live.value || !kiosk.snapshot.value || kiosk.snapshot.value.branch.emergency !== null,
);

export type PhoneLoad = 'loading' | 'ready' | 'invalid';

export const phone = {
  ticketId: signal<string>(''),
  key: signal<string>(''),
  view: signal<PublicTicketView | null>(null),
  load: signal<PhoneLoad>('loading'),
  /** Following the ticket over the socket; otherwise the page polls. */
  live: signal(false),
  chosenLocale: signal<Locale | null>(null),
  /** This page gave the rating (thanks), or was told it was given elsewhere (already rated). */
  ratedHere: signal(false),
  ratedElsewhere: signal(false),
};

export const phoneLocale = computed<Locale>(
  () => phone.chosenLocale.value ?? phone.view.value?.locale ?? 'zh-CN',
);

/**
 * The kiosk without its pairing (`pairing` says where it stands): no token, no link, nothing
 * being issued, back on the home screen. Its branch, snapshot, timings and language stay.
 */
export function unpairKiosk(pairing: Pairing): void {
  batch(() => {
    kiosk.token.value = null;
    kiosk.pairing.value = pairing;
    kiosk.live.value = false;
    kiosk.connected.value = false;
    kiosk.pending.value = false;
    kiosk.problem.value = null;
    kiosk.screen.value = { name: 'home' };
  });
}

/** Back to a fresh state (tests; a kiosk re-pairing). */
export function resetStores(): void {
  unpairKiosk('checking');
  kiosk.branchId.value = null;
  kiosk.timings.value = DEFAULT_TIMINGS;
  kiosk.snapshot.value = null;
  kiosk.chosenLocale.value = null;
  pendingAttempts.clear();
  phone.ticketId.value = '';
  phone.key.value = '';
  phone.view.value = null;
  phone.ratedHere.value = false;
  phone.ratedElsewhere.value = false;
  phone.load.value = 'loading';
  phone.live.value = false;
  phone.chosenLocale.value = null;
}
