import {
  api,
  type BadRatingReason,
  type CounterCommand,
  type CounterCommandResponse,
  type LoginResponse,
  type MeResponse,
} from '@guichet/server/protocol';
import type { OrderEntry, TodayView } from './store';

export { ApiError } from '@guichet/server/protocol';

/** The shared client, with the console's argument order. */
export const request = <T>(
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> => api<T>(path, { method, token, body });

export const login = (username: string, password: string) =>
  request<LoginResponse>('POST', '/auth/login', null, { username, password });
export const logout = (token: string) => request<unknown>('POST', '/auth/logout', token, {});

/** The protocol's counter commands, plus `rating-request` (prompt the pad), which answers a RatingRequest. */
export type ConsoleCommand = CounterCommand | 'rating-request';

export const counterCommand = (
  token: string,
  counterId: string,
  command: ConsoleCommand,
  body: object = {},
) =>
  request<CounterCommandResponse>(
    'POST',
    `/counters/${encodeURIComponent(counterId)}/${command}`,
    token,
    body,
  );

export const getOrder = (token: string, counterId: string) =>
  request<OrderEntry[]>('GET', `/counters/${encodeURIComponent(counterId)}/order`, token);
export const getToday = (token: string, counterId: string) =>
  request<TodayView>('GET', `/counters/${encodeURIComponent(counterId)}/today`, token);

export const getMe = (token: string) => request<MeResponse>('GET', '/me', token);
export const getBranches = (token: string) => request<{ id: string }[]>('GET', '/branches', token);

/** How the citizen rated: touching a face, or a keyboard-wedge keypad (keys 1–5). */
export type RatingSource = 'pad' | 'keypad';

export const postRating = (
  padToken: string,
  ticketId: string,
  score: number,
  reason: BadRatingReason | null,
  source: RatingSource,
) =>
  request<{ ok: true }>(
    'POST',
    '/ratings',
    padToken,
    reason ? { ticketId, score, reason, source } : { ticketId, score, source },
  );
