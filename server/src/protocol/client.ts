import { API, type ErrorBody } from './http.js';

/*
 * The one HTTP client of the screens: JSON over /api/v1 with a bearer token, refusals turned
 * into ApiError with the server's reason code. Browser-only globals (fetch, AbortController).
 */

/** A refused or failed request: `status` 0 and code NETWORK when the server could not be reached. */
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
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** JSON over `/api/v1`, with a staff or device token as a bearer; errors become ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
      credentials: 'omit',
    });
  } catch (e) {
    clearTimeout(timer);
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  // The timeout covers the body too: a reply that stalls halfway is a lost reply.
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
  const parsed: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const err = (parsed as Partial<ErrorBody> | null)?.error;
    throw new ApiError(
      response.status,
      err?.code ?? `HTTP_${response.status}`,
      err?.message ?? response.statusText,
      err?.field,
    );
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
