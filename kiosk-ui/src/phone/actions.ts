import { ApiError, call, openSocket, type SocketFactory, TicketTracker } from '@guichet/server/kit';
import { BAD_RATING_REASONS, type BadRatingReason } from '@guichet/server/protocol';
import { batch } from '@preact/signals';
import { phone } from '../store';

export { POLL_MS } from '@guichet/server/kit';

let tracker: TicketTracker | null = null;

/** Reads `t` and `k` from the address, follows the ticket live and polls while the socket is down. */
export function bootPhone(
  search: string = window.location.search,
  socket: SocketFactory = openSocket,
): () => void {
  const params = new URLSearchParams(search);
  const ticketId = params.get('t');
  const key = params.get('k');
  if (!ticketId || !key) {
    phone.load.value = 'invalid';
    return () => {};
  }
  batch(() => {
    phone.ticketId.value = ticketId;
    phone.key.value = key;
  });
  const mine = new TicketTracker(
    { ticketId, key, socket },
    {
      onView: (view) =>
        batch(() => {
          phone.view.value = view;
          phone.load.value = 'ready';
        }),
      onLive: (live) => {
        phone.live.value = live;
      },
      onMissing: () => {
        phone.load.value = 'invalid';
      },
    },
  );
  tracker = mine.start();
  return () => mine.stop();
}

/** Loads the ticket again over REST. */
export const refreshTicket = (): Promise<void> => tracker?.refresh() ?? Promise.resolve();

const ticketArgs = () => ({ params: { id: phone.ticketId.value } });

/** What a phone action came to: done, or the refusal code to show in the citizen's language. */
export type PhoneResult = { ok: true } | { ok: false; code: string };

function failure(e: unknown): PhoneResult {
  return { ok: false, code: e instanceof ApiError ? e.code : 'NETWORK' };
}

/** The holder leaves the queue. */
export async function cancelTicket(): Promise<PhoneResult> {
  try {
    phone.view.value = await call('ticket:cancel', { ...ticketArgs(), body: { key: phone.key.value } });
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
    await call('ticket:rate', {
      ...ticketArgs(),
      body: { key: phone.key.value, score, ...(reason && score <= 2 ? { reason } : {}) },
    });
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'TICKET_ALREADY_RATED')) return failure(e);
  }
  const view = phone.view.value;
  if (view) phone.view.value = { ...view, rated: true };
  return { ok: true };
}
