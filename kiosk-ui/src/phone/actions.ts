import { BAD_RATING_REASONS, type BadRatingReason, type PublicTicketView } from '@guichet/server/protocol';
import { batch } from '@preact/signals';
import { ApiError, api } from '../api';
import { openSocket, type SocketFactory, startTrackStream } from '../socket';
import { phone } from '../store';

export const POLL_MS = 15_000;

function ticketPath(suffix = ''): string {
  return `/tickets/${encodeURIComponent(phone.ticketId.value)}${suffix}`;
}

function markInvalid(): void {
  phone.load.value = 'invalid';
}

/** Loads the ticket once over REST. */
export async function refreshTicket(): Promise<void> {
  try {
    const view = await api<PublicTicketView>(`${ticketPath()}?key=${encodeURIComponent(phone.key.value)}`);
    batch(() => {
      phone.view.value = view;
      phone.load.value = 'ready';
    });
  } catch (e) {
    if (e instanceof ApiError && [400, 403, 404].includes(e.status)) markInvalid();
    // Network trouble: keep what we have; the next poll or the socket will bring it.
  }
}

/** Reads `t` and `k` from the address, follows the ticket live and polls while the socket is down. */
export function bootPhone(
  search: string = window.location.search,
  factory: SocketFactory = openSocket,
): () => void {
  const params = new URLSearchParams(search);
  const ticketId = params.get('t');
  const key = params.get('k');
  if (!ticketId || !key) {
    markInvalid();
    return () => {};
  }
  batch(() => {
    phone.ticketId.value = ticketId;
    phone.key.value = key;
  });
  void refreshTicket();
  const stopStream = startTrackStream(ticketId, key, markInvalid, factory);
  const poll = setInterval(() => {
    if (!phone.live.value && phone.load.value !== 'invalid') void refreshTicket();
  }, POLL_MS);
  return () => {
    clearInterval(poll);
    stopStream();
  };
}

/** What a phone action came to: done, or the refusal code to show in the citizen's language. */
export type PhoneResult = { ok: true } | { ok: false; code: string };

function failure(e: unknown): PhoneResult {
  return { ok: false, code: e instanceof ApiError ? e.code : 'NETWORK' };
}

/** The holder leaves the queue. */
export async function cancelTicket(): Promise<PhoneResult> {
  try {
    const view = await api<PublicTicketView>(ticketPath('/cancel'), {
      method: 'POST',
      body: { key: phone.key.value },
    });
    phone.view.value = view;
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

/** Reasons offered for the two lowest scores: the protocol's list, the same as the rating pad's. */
export const BAD_RATING_REASON_KEYS = Object.keys(BAD_RATING_REASONS) as BadRatingReason[];

export async function rateTicket(
  score: 1 | 2 | 3 | 4 | 5,
  reason: BadRatingReason | null,
): Promise<PhoneResult> {
  try {
    await api<{ ok: true }>(ticketPath('/rating'), {
      method: 'POST',
      body: {
        key: phone.key.value,
        score,
        ...(reason && score <= 2 ? { reason } : {}),
      },
    });
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'TICKET_ALREADY_RATED')) return failure(e);
  }
  const view = phone.view.value;
  if (view) phone.view.value = { ...view, rated: true };
  return { ok: true };
}
