import type { BranchSnapshot, CounterView, ServiceView, TicketView } from '@guichet/server/protocol';
import { vi } from 'vitest';
import { branchId, busy, connection, saveSession, snapshot, synced } from '../store';

/** Fake data shaped like the protocol types, for component tests (the e2e uses the real server). */
export const T0 = Date.parse('2026-03-02T09:00:00+08:00');

export function service(id: string, prefix: string, over: Partial<ServiceView> = {}): ServiceView {
  return {
    id,
    branchId: 'demo-hall',
    prefix,
    name: { 'zh-CN': `${prefix} 业务`, en: `Service ${prefix}` },
    waiting: 0,
    estimatedWaitMinutes: null,
    estimatedWaitRange: null,
    targetWaitMinutes: 20,
    open: true,
    closedReason: null,
    suspendedReason: null,
    allowPriority: true,
    requiresPersonId: false,
    oldestQueuedAt: null,
    ...over,
  };
}

export function counter(number: number, over: Partial<CounterView> = {}): CounterView {
  return {
    id: `ctr-${number}`,
    branchId: 'demo-hall',
    number,
    name: { 'zh-CN': `${number}号窗口`, en: `Counter ${number}` },
    state: 'closed',
    pauseReason: null,
    currentTicketId: null,
    clerkId: null,
    clerkName: null,
    stateSince: T0,
    services: [{ serviceId: 'svc-a', level: 1 }],
    ...over,
  };
}

export function ticket(code: string, over: Partial<TicketView> = {}): TicketView {
  return {
    id: `t-${code}`,
    code,
    serviceId: code.startsWith('E') ? 'svc-e' : 'svc-a',
    ticketClass: 'normal',
    status: 'waiting',
    issuedAt: T0,
    queuedAt: T0,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    targetCounterId: null,
    callCount: 0,
    callRule: null,
    callRuleDetail: null,
    outcome: null,
    originServiceId: null,
    personMasked: null,
    ...over,
  };
}

/** A small hall: A (priority allowed), D (no priority), E (needs an ID number). */
export function hall(over: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return {
    epoch: 'e1',
    version: 10,
    at: T0,
    branch: {
      id: 'demo-hall',
      name: { 'zh-CN': '演示大厅', en: 'Demo hall' },
      timezone: 'Asia/Shanghai',
      locales: ['zh-CN', 'en'],
      defaultLocale: 'zh-CN',
      businessDay: '2026-03-02',
      open: true,
      notice: null,
      emergency: null,
    },
    services: [
      service('svc-a', 'A'),
      service('svc-d', 'D', { allowPriority: false }),
      service('svc-e', 'E', { requiresPersonId: true }),
    ],
    counters: [counter(1), counter(2)],
    tickets: [],
    recentCalls: [],
    ...over,
  };
}

/** Puts the store in the state of a manager signed in, online and in sync with `snap`. */
export function seedManager(snap: BranchSnapshot): void {
  saveSession({
    token: 'tok-manager',
    user: {
      id: 'user-manager',
      username: 'manager',
      displayName: '周主任',
      role: 'manager',
      staffNumber: '9001',
      branchId: 'demo-hall',
    },
  });
  branchId.value = 'demo-hall';
  snapshot.value = snap;
  connection.value = 'online';
  synced.value = true;
  busy.value = false;
}

/** A fetch that answers every call with `status` and `body`, and remembers what was sent. */
export function fakeFetch(status = 200, body: unknown = { ok: true }) {
  const calls: { url: string; method: string; body: unknown; headers: Record<string, string> }[] = [];
  const fn = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({
      url,
      method: init?.method ?? 'GET',
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    return new Response(JSON.stringify(body), { status });
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}
