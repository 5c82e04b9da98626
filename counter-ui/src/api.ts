import { call, type RouteBody } from '@guichet/server/kit';
import type { CounterCommand, CounterCommandResponse, RouteName } from '@guichet/server/protocol';

import type { RatingDetail } from './pad/keys';

export { ApiError } from '@guichet/server/kit';

/** The console's REST calls, typed by the protocol's route map. */
export const login = (username: string, password: string) =>
  call('auth:login', { body: { username, password } });
/** Signs out; the counter is closed (its ticket handed back to the queue) or kept, away. */
export const logout = (token: string, counter: 'close' | 'away' = 'close') =>
  call('auth:logout', { token, body: { counter } });

/** The protocol's counter commands, plus `rating-request` (prompt the pad), which answers a RatingRequest. */
export type ConsoleCommand = CounterCommand | 'rating-request';

/** A counter command with the body its schema asks for. */
export function counterCommand<C extends CounterCommand>(
  token: string,
  counterId: string,
  command: C,
  body?: RouteBody<`counter:${C}`>,
) {
  // TypeScript does not follow `counter:${C}` through the route map for a generic C; the
  // signature above is what checks the body per command.
  const send = call as (name: RouteName, args: object) => Promise<CounterCommandResponse>;
  return send(`counter:${command}`, { token, params: { counterId }, body });
}
export const askRatingRequest = (token: string, counterId: string) =>
  call('counter:rating-request', { token, params: { counterId } });

export const getToday = (token: string, counterId: string) =>
  call('counter:today', { token, params: { counterId } });
export const getMe = (token: string) => call('me', { token });
export const getBranches = (token: string) => call('branches:list', { token });

/** How the citizen rated: touching a face, or a keyboard-wedge keypad (keys 1–5). */
export type RatingSource = 'pad' | 'keypad';

/**
 * Sends a rating with whatever of its detail was given: the dimensions chosen and the
 * bad-rating reasons; nothing empty is sent.
 */
export async function postRating(
  padToken: string,
  ticketId: string,
  score: number,
  detail: RatingDetail,
  source: RatingSource,
): Promise<void> {
  const dimensions = Object.fromEntries(
    Object.entries(detail.dimensions).filter(([, v]) => typeof v === 'number'),
  );
  await call('ratings:submit', {
    token: padToken,
    body: {
      ticketId,
      score,
      source,
      ...(detail.reasons.length ? { reasons: detail.reasons } : {}),
      ...(Object.keys(dimensions).length ? { dimensions } : {}),
    },
  });
}
