import {
  ApiError,
  call,
  openSocket,
  type RouteBody,
  type SocketFactory,
  TicketTracker,
} from '@guichet/server/kit';
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

/**
 * Rates the visit. Rated already (on the pad, another phone) is not a success: the page says
 * "already rated" and loads the ticket again to learn on which channel, never "thank you".
 */
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
    if (e instanceof ApiError && e.code === 'TICKET_ALREADY_RATED') {
      phone.ratedElsewhere.value = true;
      const view = phone.view.value;
      if (view) phone.view.value = { ...view, rated: true };
      void refreshTicket().catch(() => {});
    }
    // The page showed a finished ticket the server does not have as finished: load it again.
    if (e instanceof ApiError && e.code === 'TICKET_NOT_CURRENT') void refreshTicket().catch(() => {});
    return failure(e);
  }
  phone.ratedHere.value = true;
  const view = phone.view.value;
  if (view) phone.view.value = { ...view, rated: true };
  // The answer carries no rating: the view says until when a comment may be added.
  void refreshTicket().catch(() => {});
  return { ok: true };
}

/** One supplementary comment (补充评价) on the given rating, within its period. */
export async function commentRating(text: string): Promise<PhoneResult> {
  try {
    await call('ticket:rating-comment', { ...ticketArgs(), body: { key: phone.key.value, text } });
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

export type ComplaintCategory = RouteBody<'ticket:complaint'>['category'];
export const COMPLAINT_CATEGORIES: ComplaintCategory[] = [
  'attitude',
  'efficiency',
  'rules',
  'environment',
  'other',
];

/** A complaint (意见) about this ticket; answers the case's reference. */
export async function complain(
  category: ComplaintCategory,
  text: string,
  contact: { name?: string; phone?: string },
): Promise<{ ok: true; reference: string } | { ok: false; code: string }> {
  try {
    const r = await call('ticket:complaint', {
      ...ticketArgs(),
      body: {
        key: phone.key.value,
        category,
        text,
        ...(contact.name || contact.phone ? { contact } : {}),
      },
    });
    return { ok: true, reference: r.reference };
  } catch (e) {
    return failure(e) as { ok: false; code: string };
  }
}
