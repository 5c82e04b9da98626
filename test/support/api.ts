import type { FastifyInstance } from 'fastify';

/**
 * Where a test sends its requests: a server built in-process (`fastify`, through `inject()`, no
 * socket) or a child process (`url`, over real HTTP).
 */
export interface Target {
  url: string | null;
  fastify?: FastifyInstance;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

/** One request with a raw body; the path is absolute (`/api/v1/…`, `/metrics`, `/kiosk/`). */
export async function request(
  target: Target,
  method: string,
  path: string,
  opts: { body?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  if (target.fastify) {
    const res = await target.fastify.inject({
      method: method as 'GET',
      url: path,
      headers: opts.headers,
      ...(opts.body !== undefined ? { payload: opts.body } : {}),
    });
    return { status: res.statusCode, headers: res.headers, text: res.body };
  }
  if (!target.url) throw new Error('the target has neither an app nor a URL');
  const res = await fetch(`${target.url}${path}`, { method, headers: opts.headers, body: opts.body });
  return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

/** A small JSON client for tests: bearer token, JSON body, parsed answer with status. */
export async function api<T = unknown>(
  target: Target,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await request(target, method, `/api/v1${path}`, {
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  return { status: res.status, body: (res.text ? JSON.parse(res.text) : null) as T };
}

/** Signs in; without a password, with the demo account's own (from the demo credentials). */
export async function login(
  target: Target & { demo?: { passwords?: Record<string, string> } },
  username: string,
  password = target.demo?.passwords?.[username],
): Promise<string> {
  if (!password) throw new Error(`no password known for ${username}`);
  const r = await api<{ token: string }>(target, 'POST', '/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** kiosk-1 of the demo hall takes a ticket for `serviceId`; throws unless it was issued. */
export async function issueAtKiosk<T = unknown>(
  target: Target & { demo: { devices: Record<string, string> } },
  serviceId: string,
): Promise<T> {
  const r = await api<T>(target, 'POST', '/branches/demo-hall/tickets', {
    token: target.demo.devices['kiosk-1'],
    body: { serviceId },
  });
  if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A counter command (`open`, `call-next`, `pause`…) that must succeed; throws with the answer otherwise. */
export async function counterCommand(
  target: Target,
  token: string,
  counterId: string,
  command: string,
  body: object = {},
): Promise<void> {
  const r = await api(target, 'POST', `/counters/${counterId}/${command}`, { token, body });
  if (r.status !== 200) throw new Error(`${counterId} ${command}: ${r.status} ${JSON.stringify(r.body)}`);
}
