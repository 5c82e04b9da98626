import { wire } from '@guichet/server/kit/testing';
import type { BranchSnapshot, CounterView, ServiceView, TicketView } from '@guichet/server/protocol';
import { vi } from 'vitest';
import { onResync } from '../actions';
import {
  busy,
  connection,
  counterId,
  notice,
  selectedTicketId,
  session,
  snapshot,
  synced,
  today,
} from '../store';

/** The console's fake data, built on the kit's shared wire fixtures (the e2e uses the real server). */
export const T0 = wire.T0;

export function service(id: string, prefix: string, zh: string, en: string, target = 20): ServiceView {
  return wire.service(prefix, {
    id,
    name: { 'zh-CN': zh, en },
    targetWaitMinutes: target,
    allowPriority: true,
  });
}

export function counterView(over: Partial<CounterView> = {}): CounterView {
  return wire.counter(1, {
    name: { 'zh-CN': '1号窗口', en: 'Counter 1' },
    clerkId: 'u-clerk1',
    clerkName: '王丽',
    services: [
      { serviceId: 'svc-social', level: 1 },
      { serviceId: 'svc-medical', level: 2 },
    ],
    ...over,
  });
}

const SERVICE_OF: Record<string, string> = { A: 'svc-social', B: 'svc-medical', C: 'svc-employment' };
export function ticket(code: string, over: Partial<TicketView> = {}): TicketView {
  return wire.ticket(code, { serviceId: SERVICE_OF[code.slice(0, 1)] ?? 'svc-social', ...over });
}

export function snapshotWith(counter: CounterView, tickets: TicketView[]): BranchSnapshot {
  return wire.snapshot({
    version: 10,
    branch: wire.branch({ name: { 'zh-CN': '演示大厅', en: 'Demo hall' } }),
    services: [
      service('svc-social', 'A', '社保业务', 'Social insurance', 20),
      service('svc-medical', 'B', '医保业务', 'Medical insurance', 30),
      service('svc-employment', 'C', '就业服务', 'Employment', 20),
    ],
    counters: [counter, counterView({ id: 'ctr-2', number: 2, clerkId: 'u-clerk2', clerkName: '李强' })],
    tickets,
  });
}

/** Puts the store in the state of a signed-in clerk at ctr-1, online and in sync. */
export function seed(counter: CounterView, tickets: TicketView[]): void {
  session.value = { token: 'tok-clerk1', user: wire.user() };
  counterId.value = counter.id;
  snapshot.value = snapshotWith(counter, tickets);
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
 * Today requests answer from the current store unless `reply` handles them.
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
      (path.endsWith('/today')
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
