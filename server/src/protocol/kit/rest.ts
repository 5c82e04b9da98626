import type { ErrorCode } from '../../core/errors.js';
import type { ErrorBody } from '../http.js';
import { API, fillPath, ROUTES, type RouteName } from '../routes.js';
import type { RouteBody, RouteError, RouteParams, RouteQuery, RouteResponse } from '../schemas/routes.js';

/**
 * The one HTTP client of the screens: `call(name, args)` with params, query, body and answer
 * typed from the route map, a bearer token, a timeout that covers the body, and refusals as
 * ApiError with the server's code. Browser globals only (fetch, AbortController).
 */

/** A refused or failed request: `status` 0 and code NETWORK when no answer came (or too late). */
export type ApiErrorCode = ErrorCode | 'NETWORK' | `HTTP_${number}`;
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** No answer: the server may or may not have done it. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
  /** The token is not (or no longer) good for this: retrying cannot help. */
  get isRejection(): boolean {
    return this.status === 401 || this.status === 403;
  }
  /** Worth another try: not reached, busy, or failed on the server's side. */
  get isRetryable(): boolean {
    return this.isNetwork || this.status === 429 || this.status >= 500;
  }
}

/** An input the route does not take is absent; one whose fields are all optional may be left out. */
type Need<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : Record<never, never> extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

/** The arguments of one route: what it needs, plus how to send it. */
export type CallArgs<N extends RouteName> = Need<'params', RouteParams<N>> &
  Need<'query', RouteQuery<N>> &
  Need<'body', RouteBody<N>> & {
    /** A staff or device token, sent as a bearer. */
    token?: string | null;
    /** Sent as `Idempotency-Key` (issuing): a retry with the same key answers the same ticket. */
    idempotencyKey?: string;
    /** Default 10 s; covers the whole answer, body included. */
    timeoutMs?: number;
  };

type Optional<N extends RouteName> = [RouteParams<N>, RouteQuery<N>, RouteBody<N>] extends [
  undefined,
  undefined,
  undefined,
]
  ? [args?: CallArgs<N>]
  : [args: CallArgs<N>];

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Calls one route of the map; answers its typed response or throws ApiError. */
export async function call<N extends RouteName>(name: N, ...rest: Optional<N>): Promise<RouteResponse<N>> {
  const args = (rest[0] ?? {}) as CallArgs<N> & {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
  };
  const route = ROUTES[name];
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (args.token) headers.Authorization = `Bearer ${args.token}`;
  if (args.idempotencyKey) headers['Idempotency-Key'] = args.idempotencyKey;
  // A command without arguments still sends `{}`: the server validates bodies as objects.
  const body = args.body !== undefined ? args.body : route.method === 'POST' ? {} : undefined;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const query = args.query ? `?${new URLSearchParams(args.query)}` : '';
  const url = `${API}${fillPath(route.path, args.params)}${query}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), args.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let text: string;
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      credentials: 'omit',
    });
    // The timeout covers the body too: a reply that stalls halfway is a lost reply.
    text = await response.text();
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok && !(name === 'health' && response.status === 503)) {
    const err = (parsed as Partial<ErrorBody> | null)?.error;
    throw new ApiError(
      response.status,
      (err?.code ?? `HTTP_${response.status}`) as RouteError<N> | `HTTP_${number}`,
      err?.message ?? response.statusText,
      err?.field,
    );
  }
  // Not JSON (a proxy's error page): not the server's answer, so as good as no answer.
  if (parsed === null && text) throw new ApiError(0, 'NETWORK', 'the answer was not JSON');
  return parsed as RouteResponse<N>;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * A fresh Idempotency-Key. `crypto.randomUUID` only exists in secure contexts, and a kiosk on a
 * hall LAN is often plain http, so fall back to getRandomValues (available everywhere).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
