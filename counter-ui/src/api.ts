import {
  API,
  type CounterCommandResponse,
  type ErrorBody,
  type LoginResponse,
  type MeResponse,
} from '@guichet/server/protocol';
import type { OrderEntry, TodayView } from './store';

/** A refusal or failure from the server, with its reason code (`TICKET_NOT_WAITING`, …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as ErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? res.statusText,
      err?.field,
    );
  }
  return data as T;
}

export const login = (username: string, password: string) =>
  request<LoginResponse>('POST', '/auth/login', null, { username, password });
export const logout = (token: string) => request<unknown>('POST', '/auth/logout', token, {});

/** The counter commands of API.md; `rating-request` is in the contract but not in `CounterCommand`. */
export type ConsoleCommand =
  | 'open'
  | 'close'
  | 'pause'
  | 'resume'
  | 'call-next'
  | 'call'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no-show'
  | 'transfer'
  | 'park'
  | 'rating-request';

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

export const postRating = (padToken: string, ticketId: string, score: number, reason: string | null) =>
  request<{ ok: true }>(
    'POST',
    '/ratings',
    padToken,
    reason ? { ticketId, score, reason } : { ticketId, score },
  );
