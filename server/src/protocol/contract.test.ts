import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifySwagger from '@fastify/swagger';
import { type BuiltApp, buildApp } from '@guichet/server/app';
import Fastify from 'fastify';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOADED } from '../../../test/support/wait.js';
import { loadConfig } from '../config/env.js';
import { ERROR_CODES, type ErrorCode } from '../core/errors.js';
import { ApiError, BranchStream, call, callOrder, type RouteResponse } from './kit/index.js';
import { API, fillPath, ROUTES, type RouteName } from './routes.js';
import { ROUTE_SCHEMAS, routeErrors, routeOptions } from './schemas/routes.js';
import type { BranchSnapshot } from './views.js';

/**
 * The route map against the running server (in process, over `inject`): every route exists,
 * the kit's `call()` gets answers that match the declared schemas, and refusals carry a
 * declared code. The console's call order derived by the kit is the server's own.
 */
let app: BuiltApp;
let dir: string;
let clerk: string;
let kiosk: string;
const statusOf = (code: ErrorCode) => ERROR_CODES[code];

/** `call()` runs over fetch; this fetch answers from the app in process. */
function injectFetch(built: BuiltApp) {
  return async (input: string | URL | Request, init: RequestInit = {}) => {
    const res = await built.fastify.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: String(input),
      headers: init.headers as Record<string, string>,
      payload: init.body as string | undefined,
    });
    return new Response(res.body, {
      status: res.statusCode,
      headers: { 'content-type': 'application/json' },
    });
  };
}

/** Calls a route and checks the answer against its declared schema (or the refusal against its codes). */
async function checked<N extends RouteName>(name: N, args: object): Promise<RouteResponse<N>> {
  try {
    const body = await (call as (n: RouteName, a: object) => Promise<unknown>)(name, args);
    const schemas = Object.values(ROUTE_SCHEMAS[name].response);
    const fits = schemas.some((s) => Value.Check(s, body));
    if (!fits)
      expect.fail(`${name} answered a body outside its schema: ${JSON.stringify(body).slice(0, 300)}`);
    return body as RouteResponse<N>;
  } catch (e) {
    if (e instanceof ApiError) expect(routeErrors(name)).toContain(e.code);
    throw e;
  }
}

/** A bare Fastify with every route registered from routeOptions and a handler that answers `{}`. */
async function declaredApp() {
  // As the server builds it: no type coercion, so `{ticketId: 5}` is refused, not read as "5".
  const bare = Fastify({ ajv: { customOptions: { coerceTypes: false } } });
  // Refusals are answered as ErrorBody, as the server's error handler does.
  bare.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) =>
    reply.code(err.statusCode ?? 500).send({ error: { code: 'VALIDATION_FAILED', message: err.message } }),
  );
  await bare.register(fastifySwagger, { openapi: { info: { title: 't', version: '1' } } });
  await bare.register(
    async (api) => {
      for (const name of Object.keys(ROUTES) as RouteName[])
        api.route({ ...routeOptions(name, statusOf), handler: async () => ({}) });
    },
    { prefix: API },
  );
  await bare.ready();
  return bare;
}

/** OpenAPI operations by operationId, each with its path and method. */
function operations(doc: unknown): Map<string, unknown> {
  const paths = (doc as { paths: Record<string, Record<string, { operationId?: string }>> }).paths;
  const ops = new Map<string, unknown>();
  for (const [path, byMethod] of Object.entries(paths))
    for (const [method, op] of Object.entries(byMethod))
      if (op.operationId) ops.set(op.operationId, { path, method, ...op });
  return ops;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-contract-'));
  app = await buildApp(
    loadConfig({
      GUICHET_DATA_DIR: dir,
      GUICHET_DEMO: '1',
      GUICHET_LOG_LEVEL: 'silent',
      GUICHET_ADMIN_PASSWORD: 'contract-admin',
    }),
  );
  vi.stubGlobal('fetch', injectFetch(app));
  clerk = (
    await checked('auth:login', { body: { username: 'clerk1', password: app.demo!.passwords.clerk1! } })
  ).token;
  kiosk = app.demo!.devices['kiosk-2']!;
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the REST route map', () => {
  it('names only routes the server has', () => {
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      const { method, path } = ROUTES[name];
      expect(app.fastify.hasRoute({ method, url: `${API}${path}` }), `${method} ${path}`).toBe(true);
    }
  });

  it('registers every route in Fastify from routeOptions, with an OpenAPI operation each', async () => {
    const bare = await declaredApp();
    const ops = [...operations(bare.swagger()).keys()];
    expect(ops.sort()).toEqual(Object.keys(ROUTES).sort());
    const bad = await bare.inject({
      method: 'POST',
      url: `${API}/counters/ctr-1/call`,
      payload: { ticketId: 5 },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    await bare.close();
  });

  it('is what the server validates and documents: every operation exactly as routeOptions builds it', async () => {
    const bare = await declaredApp();
    const declared = operations(bare.swagger());
    const served = operations(app.fastify.swagger());
    for (const name of Object.keys(ROUTES) as RouteName[])
      expect(served.get(name), `${name} drifted from the route map`).toEqual(declared.get(name));
    await bare.close();
  });

  it('matches what the server answers: staff, device, phone and refusals', async () => {
    const me = await checked('me', { token: kiosk });
    expect(me.kind).toBe('device');
    expect(await checked('branches:list', { token: clerk })).toHaveLength(1);
    await checked('branch:services', { token: kiosk, params: { branchId: 'demo-hall' } });
    await checked('branch:queue', { token: clerk, params: { branchId: 'demo-hall' } });
    const key = 'contract-key-1';
    const issued = await checked('tickets:issue', {
      token: kiosk,
      params: { branchId: 'demo-hall' },
      body: { serviceId: 'svc-social' },
      idempotencyKey: key,
    });
    const replay = await checked('tickets:issue', {
      token: kiosk,
      params: { branchId: 'demo-hall' },
      body: { serviceId: 'svc-social' },
      idempotencyKey: key,
    });
    expect(replay.id).toBe(issued.id);
    const trackKey = new URL(issued.trackUrl).searchParams.get('k')!;
    expect((await checked('ticket:view', { params: { id: issued.id }, query: { key: trackKey } })).code).toBe(
      issued.code,
    );
    await expect(
      checked('ticket:view', { params: { id: issued.id }, query: { key: 'wrong-key-123' } }),
    ).rejects.toThrow();
    await checked('counter:open', { token: clerk, params: { counterId: 'ctr-1' } });
    await checked('counter:order', { token: clerk, params: { counterId: 'ctr-1' } });
    const called = await checked('counter:call-next', { token: clerk, params: { counterId: 'ctr-1' } });
    expect(called.ticket?.code).toBe(issued.code);
    await expect(
      checked('counter:call-next', { token: clerk, params: { counterId: 'ctr-1' } }),
    ).rejects.toThrow(ApiError);
    await checked('counter:today', { token: clerk, params: { counterId: 'ctr-1' } });
    await checked('counter:finish', {
      token: clerk,
      params: { counterId: 'ctr-1' },
      body: { outcome: 'served' },
    });
    await expect(
      checked('counter:pause', { token: clerk, params: { counterId: 'ctr-1' }, body: {} }),
    ).rejects.toThrow();
    await expect(checked('me', {})).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await checked('health', {});
  });
});

describe('the call order the kit derives', () => {
  const snap = async () =>
    (await call('branch:queue', { token: clerk, params: { branchId: 'demo-hall' } })) as BranchSnapshot;
  const serverOrder = async (counterId: string) =>
    (await call('counter:order', { token: clerk, params: { counterId } })).map((e) => [e.code, e.rule]);
  const kitOrder = async (counterId: string) =>
    callOrder(await snap(), counterId, Date.now()).map((e) => [e.code, e.rule]);
  const issue = (serviceId: string, priority = false) =>
    call('tickets:issue', { token: kiosk, params: { branchId: 'demo-hall' }, body: { serviceId, priority } });

  it('is the server order, for levels, priority and a ticket sent to a counter that closed', async () => {
    for (const s of ['svc-social', 'svc-medical', 'svc-social', 'svc-employment']) await issue(s);
    await issue('svc-social', true);
    for (const c of ['ctr-1', 'ctr-2', 'ctr-3', 'ctr-5'])
      expect(await kitOrder(c)).toEqual(await serverOrder(c));

    // ctr-1 calls one and sends it to ctr-2, which then closes: it waits for its service again.
    const manager = (
      await call('auth:login', { body: { username: 'manager', password: app.demo!.passwords.manager! } })
    ).token;
    const at = (counterId: string) => ({ token: manager, params: { counterId } });
    await call('counter:open', at('ctr-2'));
    const { ticket } = await call('counter:call-next', at('ctr-1'));
    await call('counter:transfer', { ...at('ctr-1'), body: { counterId: 'ctr-2', placement: 'first' } });
    expect((await kitOrder('ctr-2'))[0]).toEqual([ticket?.code, 'counter_transfer']);
    await call('counter:close', { ...at('ctr-2'), body: { reason: 'lunch' } });
    const after = await kitOrder('ctr-1');
    expect(after.map(([code]) => code)).toContain(ticket?.code);
    expect(after).toEqual(await serverOrder('ctr-1'));
  });

  it('is the server order after a transfer to the head of a queue (the snapshot carries `rank`)', async () => {
    const manager = (
      await call('auth:login', { body: { username: 'manager', password: app.demo!.passwords.manager! } })
    ).token;
    const at = (counterId: string) => ({ token: manager, params: { counterId } });
    // The newest normal ticket of its queue goes back to the head of it: only its rank says so.
    const moved = await issue('svc-social');
    await call('counter:call', { ...at('ctr-1'), body: { ticketId: moved.id } });
    await call('counter:transfer', { ...at('ctr-1'), body: { serviceId: 'svc-social', placement: 'first' } });
    const order = await kitOrder('ctr-1');
    const normal = order.filter(([, rule]) => rule !== 'priority_class');
    expect(normal[0]?.[0]).toBe(moved.code);
    expect(order).toEqual(await serverOrder('ctr-1'));
  });
});

describe('the kit on the real socket', () => {
  it('follows the branch: snapshot, then each issued ticket as the next version', async () => {
    const url = await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const seen: BranchSnapshot[] = [];
    const stream = new BranchStream(
      { token: clerk, branchId: 'demo-hall', url },
      { onSnapshot: (s) => seen.push(s), onDelta: (s) => seen.push(s) },
    ).start();
    try {
      await vi.waitFor(() => expect(seen).toHaveLength(1), LOADED);
      const t = await call('tickets:issue', {
        token: kiosk,
        params: { branchId: 'demo-hall' },
        body: { serviceId: 'svc-enquiry' },
      });
      await vi.waitFor(() => expect(stream.snapshot?.tickets.some((x) => x.id === t.id)).toBe(true), LOADED);
      expect(seen.at(-1)?.version).toBe((seen[0]?.version ?? 0) + 1);
    } finally {
      stream.stop();
    }
  });
});

// Keeps fillPath honest for the fake server and the client alike.
it('fills path parameters, escaped', () => {
  expect(fillPath(ROUTES['ticket:cancel'].path, { id: 't 1/x' })).toBe('/tickets/t%201%2Fx/cancel');
});
