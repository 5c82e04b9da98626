import type { BranchSnapshot, CounterView, ServiceView, TicketView } from '@guichet/server/protocol';
import { vi } from 'vitest';
import { onResync } from '../actions';
import {
  busy,
  connection,
  counterId,
  notice,
  type OrderEntry,
  order,
  selectedTicketId,
  session,
  snapshot,
  synced,
  today,
} from '../store';

/** Fake data shaped like the protocol types, for component tests (the e2e uses the real server). */
export const T0 = Date.parse('2026-03-02T09:00:00+08:00');

export function service(id: string, prefix: string, zh: string, en: string, target = 20): ServiceView {
  return {
    id,
    branchId: 'demo-hall',
    prefix,
    name: { 'zh-CN': zh, en },
    waiting: 0,
    estimatedWaitMinutes: null,
    estimatedWaitRange: null,
    targetWaitMinutes: target,
    open: true,
    closedReason: null,
    suspendedReason: null,
    allowPriority: true,
    requiresPersonId: false,
    oldestQueuedAt: null,
  };
}

export function counterView(over: Partial<CounterView> = {}): CounterView {
  return {
    id: 'ctr-1',
    branchId: 'demo-hall',
    number: 1,
    name: { 'zh-CN': '1号窗口', en: 'Counter 1' },
    state: 'idle',
    pauseReason: null,
    currentTicketId: null,
    clerkId: 'u-clerk1',
    clerkName: '王丽',
    stateSince: T0,
    services: [
      { serviceId: 'svc-social', level: 1 },
      { serviceId: 'svc-medical', level: 2 },
    ],
    ...over,
  };
}

export function ticket(code: string, over: Partial<TicketView> = {}): TicketView {
  return {
    id: `t-${code}`,
    code,
    serviceId: code.startsWith('B') ? 'svc-medical' : code.startsWith('C') ? 'svc-employment' : 'svc-social',
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

export function snapshotWith(counter: CounterView, tickets: TicketView[]): BranchSnapshot {
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
      service('svc-social', 'A', '社保业务', 'Social insurance', 20),
      service('svc-medical', 'B', '医保业务', 'Medical insurance', 30),
      service('svc-employment', 'C', '就业服务', 'Employment', 20),
    ],
    counters: [counter, counterView({ id: 'ctr-2', number: 2, clerkId: 'u-clerk2', clerkName: '李强' })],
    tickets,
    recentCalls: [],
  };
}

/** Puts the store in the state of a signed-in clerk at ctr-1, online and in sync. */
export function seed(counter: CounterView, tickets: TicketView[], callOrder: OrderEntry[] = []): void {
  session.value = {
    token: 'tok-clerk1',
    user: {
      id: 'u-clerk1',
      username: 'clerk1',
      displayName: '王丽',
      role: 'clerk',
      staffNumber: '1001',
      branchId: 'demo-hall',
    },
  };
  counterId.value = counter.id;
  snapshot.value = snapshotWith(counter, tickets);
  order.value = callOrder;
  today.value = {
    served: 12,
    averageServiceSeconds: 300,
    noShows: 1,
    ratings: { count: 9, average: 4.6, bad: 1 },
  };
  connection.value = 'online';
  synced.value = true;
  busy.value = false;
  notice.value = null;
  selectedTicketId.value = null;
}

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Replaces fetch with a fake server: `reply(method, path, body)` answers [status, json].
 * Order and today requests answer from the current store unless `reply` handles them.
 */
export function fakeServer(
  reply: (method: string, path: string, body: unknown) => [number, unknown] | undefined,
) {
  const calls: FakeCall[] = [];
  const resync = vi.fn();
  onResync(resync);
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const path = url.replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body });
    const answer =
      reply(method, path, body) ??
      (path.endsWith('/order')
        ? [200, order.value]
        : path.endsWith('/today')
          ? [200, today.value]
          : [404, { error: { code: 'NOT_FOUND', message: 'no route' } }]);
    return new Response(JSON.stringify(answer[1]), {
      status: answer[0],
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  const commands = () => calls.filter((c) => c.method === 'POST');
  return { calls, commands, resync };
}
