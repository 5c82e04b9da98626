import { FakeServer, wire } from '@guichet/server/kit/testing';
import {
  type BranchSnapshot,
  type CounterView,
  ROUTES,
  type RouteName,
  type ServiceView,
  type TicketView,
} from '@guichet/server/protocol';
import { cleanup } from '@testing-library/preact';
import { afterEach, vi } from 'vitest';
import { branchId, busy, connection, saveSession, snapshot, synced } from '../store';

/** The manager's fake data on the kit's shared wire fixtures, for component tests (the e2e uses the real server). */
export const T0 = wire.T0;

export function service(id: string, prefix: string, over: Partial<ServiceView> = {}): ServiceView {
  return wire.service(prefix, {
    id,
    name: { 'zh-CN': `${prefix} 业务`, en: `Service ${prefix}` },
    allowPriority: true,
    ...over,
  });
}

export function counter(number: number, over: Partial<CounterView> = {}): CounterView {
  return wire.counter(number, { state: 'closed', services: [{ serviceId: 'svc-a', level: 1 }], ...over });
}

export function ticket(code: string, over: Partial<TicketView> = {}): TicketView {
  return wire.ticket(code, { serviceId: code.startsWith('E') ? 'svc-e' : 'svc-a', ...over });
}

/** A small hall: A (priority allowed), D (no priority), E (needs an ID number). */
export function hall(over: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return wire.snapshot({
    version: 10,
    branch: wire.branch({ name: { 'zh-CN': '演示大厅', en: 'Demo hall' } }),
    services: [
      service('svc-a', 'A'),
      service('svc-d', 'D', { allowPriority: false }),
      service('svc-e', 'E', { requiresPersonId: true }),
    ],
    counters: [counter(1), counter(2)],
    ...over,
  });
}

/** Puts the store in the state of a manager signed in, online and in sync with `snap`. */
export function seedManager(snap: BranchSnapshot): void {
  saveSession({
    token: 'tok-manager',
    user: wire.user({
      id: 'user-manager',
      username: 'manager',
      displayName: '周主任',
      role: 'manager',
      staffNumber: '9001',
    }),
  });
  branchId.value = 'demo-hall';
  snapshot.value = snap;
  connection.value = 'online';
  synced.value = true;
  busy.value = false;
}

/**
 * The kit's fake server as `fetch`: every route answers `status` and `body` until a test sets
 * `server.routes[name]`; `server.requests` holds what was sent, by route name.
 */
export function fakeServer(status = 200, body: unknown = { ok: true }): FakeServer {
  const server = new FakeServer(hall());
  for (const name of Object.keys(ROUTES) as RouteName[]) server.routes[name] = () => [status, body];
  vi.stubGlobal('fetch', server.fetch);
  return server;
}

/**
 * After each test of the file: unmount what it rendered, sign the manager out and give back
 * the real fetch (fakeServer stubs it), so no test sees the one before.
 */
export function resetAfterEach(): void {
  afterEach(() => {
    cleanup();
    saveSession(null);
    vi.unstubAllGlobals();
  });
}
