import { wire } from '@guichet/server/kit/testing';
import type {
  BranchSnapshot,
  BranchView,
  IssuedTicket,
  PublicTicketView,
  ServiceView,
} from '@guichet/server/protocol';
import { phone } from '../store';

/** The kiosk's fake data, on the kit's shared wire fixtures (the compiler checks the shape). */
export function service(over: Partial<ServiceView> & Pick<ServiceView, 'id' | 'prefix'>): ServiceView {
  return wire.service(over.prefix, {
    name: { 'zh-CN': `业务${over.prefix}`, en: `Service ${over.prefix}` },
    ...over,
  });
}

export function branch(over: Partial<BranchView> = {}): BranchView {
  return wire.branch({ businessDay: '2026-11-26', ...over });
}

export function snapshot(over: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return wire.snapshot({
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
    ...over,
  });
}

const SOCIAL = { id: 'svc-social', name: { 'zh-CN': '社会保障', en: 'Social insurance' } };

export function issued(over: Partial<IssuedTicket> = {}): IssuedTicket {
  return wire.issued({ serviceId: SOCIAL.id, issuedAt: 1_764_000_000_000, ...over });
}

export function publicView(over: Partial<PublicTicketView> = {}): PublicTicketView {
  return wire.publicTicket({ service: SOCIAL, ...over });
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

/** The phone page with ticket t-1 loaded and live (the view from publicView, with `over`). */
export function phoneReady(over: Partial<PublicTicketView> = {}): void {
  phone.ticketId.value = 't-1';
  phone.key.value = 'k';
  phone.view.value = publicView(over);
  phone.load.value = 'ready';
  phone.live.value = true;
}
