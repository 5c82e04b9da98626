import type {
  BranchSnapshot,
  BranchView,
  IssuedTicket,
  PublicTicketView,
  ServiceView,
} from '@guichet/server/protocol';

/** Fake data shaped exactly like the protocol types (the compiler checks the shape). */
export function service(over: Partial<ServiceView> & Pick<ServiceView, 'id' | 'prefix'>): ServiceView {
  return {
    branchId: 'demo-hall',
    name: { 'zh-CN': `业务${over.prefix}`, en: `Service ${over.prefix}` },
    waiting: 0,
    estimatedWaitMinutes: null,
    estimatedWaitRange: null,
    targetWaitMinutes: 20,
    open: true,
    closedReason: null,
    suspendedReason: null,
    allowPriority: false,
    requiresPersonId: false,
    oldestQueuedAt: null,
    ...over,
  };
}

export function branch(over: Partial<BranchView> = {}): BranchView {
  return {
    id: 'demo-hall',
    name: { 'zh-CN': '示范政务服务大厅', en: 'Demo Service Hall' },
    timezone: 'Asia/Shanghai',
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    businessDay: '2026-11-26',
    open: true,
    notice: null,
    emergency: null,
    ...over,
  };
}

export function snapshot(over: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return {
    epoch: 'e1',
    version: 1,
    at: 1_764_000_000_000,
    branch: branch(),
    services: [
      service({
        id: 'svc-social',
        prefix: 'A',
        name: { 'zh-CN': '社会保障', en: 'Social insurance' },
        waiting: 5,
        estimatedWaitMinutes: 15,
        estimatedWaitRange: [12, 18],
        allowPriority: true,
      }),
      service({ id: 'svc-medical', prefix: 'B', name: { 'zh-CN': '医疗保险', en: 'Medical insurance' } }),
      service({
        id: 'svc-business',
        prefix: 'E',
        name: { 'zh-CN': '企业开办', en: 'Business registration' },
        requiresPersonId: true,
        waiting: 2,
        estimatedWaitRange: [4, 8],
      }),
      service({
        id: 'svc-pension',
        prefix: 'F',
        name: { 'zh-CN': '养老金', en: 'Pensions' },
        open: false,
        closedReason: 'DAILY_CAP_REACHED',
      }),
    ],
    counters: [],
    tickets: [],
    recentCalls: [],
    ...over,
  };
}

export function issued(over: Partial<IssuedTicket> = {}): IssuedTicket {
  return {
    id: 't-1',
    code: 'A012',
    serviceId: 'svc-social',
    status: 'waiting',
    ticketClass: 'normal',
    ahead: 4,
    estimatedWaitMinutes: 15,
    estimatedWaitRange: [12, 18],
    issuedAt: 1_764_000_000_000,
    trackUrl: 'http://127.0.0.1:8080/kiosk/track?t=t-1&k=secret',
    print: { status: 'printed', reason: null },
    ...over,
  };
}

export function publicView(over: Partial<PublicTicketView> = {}): PublicTicketView {
  return {
    id: 't-1',
    code: 'A012',
    status: 'waiting',
    service: { id: 'svc-social', name: { 'zh-CN': '社会保障', en: 'Social insurance' } },
    ahead: 3,
    estimatedWaitMinutes: 10,
    estimatedWaitRange: [8, 14],
    counter: null,
    calledAt: null,
    locale: 'zh-CN',
    rated: false,
    branchName: { 'zh-CN': '示范政务服务大厅', en: 'Demo Service Hall' },
    ...over,
  };
}

/** A fetch stub answering by method + path; records every request. */
export function stubFetch(
  routes: Record<
    string,
    (body: unknown, headers: Record<string, string>) => { status: number; body: unknown }
  >,
) {
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchStub = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://kiosk.test');
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname, body, headers });
    const route = routes[`${method} ${url.pathname}`];
    if (!route)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no route' } }), {
        status: 404,
      });
    const { status, body: out } = route(body, headers);
    return new Response(JSON.stringify(out), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { calls, fetchStub };
}
