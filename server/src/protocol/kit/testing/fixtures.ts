import { UNCALLED } from '../../../core/types.js';
import type { UserView } from '../../http.js';
import type { AlertView, MonitorSnapshot } from '../../monitor.js';
import type {
  BranchSnapshot,
  BranchView,
  CallView,
  CounterView,
  IssuedTicket,
  PublicTicketView,
  ServiceView,
  TicketView,
} from '../../views.js';
import type { PairedDevice } from '../device.js';

/**
 * Wire fixtures for the screens' tests: one builder per protocol shape, every field set, typed by
 * the protocol (the compiler checks the shape). Each takes overrides; ids follow the demo hall.
 */
export const BRANCH_ID = 'demo-hall';
export const T0 = Date.parse('2026-03-02T09:00:00+08:00');

export function branch(over: Partial<BranchView> = {}): BranchView {
  return {
    id: BRANCH_ID,
    name: { 'zh-CN': '示范政务服务大厅', en: 'Demo Service Hall' },
    timezone: 'Asia/Shanghai',
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    businessDay: '2026-03-02',
    open: true,
    notice: null,
    emergency: null,
    ...over,
  };
}

/** A service by its prefix: `svc-<prefix>` unless an id is given. */
export function service(prefix: string, over: Partial<ServiceView> = {}): ServiceView {
  return {
    id: `svc-${prefix.toLowerCase()}`,
    branchId: BRANCH_ID,
    prefix,
    name: { 'zh-CN': `${prefix} 类业务`, en: `Service ${prefix}` },
    waiting: 0,
    estimatedWaitMinutes: null,
    estimatedWaitRange: null,
    estimateStatus: 'ok',
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

/** Counter n (`ctr-<n>`), idle, nobody signed in, serving nothing. */
export function counter(n: number, over: Partial<CounterView> = {}): CounterView {
  return {
    id: `ctr-${n}`,
    branchId: BRANCH_ID,
    number: n,
    name: { 'zh-CN': `${n}号窗口`, en: `Counter ${n}` },
    state: 'idle',
    pauseReason: null,
    currentTicketId: null,
    clerkId: null,
    clerkName: null,
    stateSince: T0,
    services: [],
    rules: [],
    ...over,
  };
}

/**
 * A waiting ticket by its code (`t-<code>`), of `svc-<first letter>`; its seq is the number in
 * the code and its rank its queuedAt, as for a ticket never moved.
 */
export function ticket(code: string, over: Partial<TicketView> = {}): TicketView {
  const queuedAt = over.queuedAt ?? T0;
  return {
    id: `t-${code}`,
    code,
    serviceId: `svc-${code.slice(0, 1).toLowerCase()}`,
    ticketClass: 'normal',
    status: 'waiting',
    issuedAt: T0,
    queuedAt,
    ...UNCALLED,
    originServiceId: null,
    personMasked: null,
    rank: queuedAt,
    seq: Number(/(\d+)$/.exec(code)?.[1] ?? 0),
    ...over,
  };
}

/** A call of ticket `code` to counter n. */
export function call(code: string, n: number, over: Partial<CallView> = {}): CallView {
  return {
    ticketId: `t-${code}`,
    code,
    serviceId: `svc-${code.slice(0, 1).toLowerCase()}`,
    counterId: `ctr-${n}`,
    counterNumber: n,
    counterName: { 'zh-CN': `${n}号窗口`, en: `Counter ${n}` },
    callCount: 1,
    calledAt: T0,
    ...over,
  };
}

export function snapshot(over: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return {
    epoch: 'e1',
    version: 1,
    at: T0,
    branch: branch(),
    services: [],
    counters: [],
    tickets: [],
    recentCalls: [],
    ...over,
  };
}

export function publicTicket(over: Partial<PublicTicketView> = {}): PublicTicketView {
  return {
    id: 't-1',
    code: 'A012',
    status: 'waiting',
    service: { id: 'svc-a', name: { 'zh-CN': 'A 类业务', en: 'Service A' } },
    ahead: 3,
    estimatedWaitMinutes: 10,
    estimatedWaitRange: [8, 14],
    estimateStatus: 'ok',
    counter: null,
    calledAt: null,
    locale: 'zh-CN',
    rated: false,
    rating: null,
    branchName: branch().name,
    hall: { notice: null, emergency: null },
    ...over,
  };
}

export function issued(over: Partial<IssuedTicket> = {}): IssuedTicket {
  return {
    id: 't-1',
    code: 'A012',
    serviceId: 'svc-a',
    status: 'waiting',
    ticketClass: 'normal',
    ahead: 4,
    estimatedWaitMinutes: 15,
    estimatedWaitRange: [12, 18],
    estimateStatus: 'ok',
    issuedAt: T0,
    trackUrl: 'http://127.0.0.1:8080/kiosk/track?t=t-1&k=secret',
    print: { status: 'printed', reason: null },
    ...over,
  };
}

export function user(over: Partial<UserView> = {}): UserView {
  return {
    id: 'u-clerk1',
    username: 'clerk1',
    displayName: '王丽',
    role: 'clerk',
    staffNumber: '1001',
    branchId: BRANCH_ID,
    ...over,
  };
}

export function device(over: Partial<PairedDevice> = {}): PairedDevice {
  return {
    id: 'dev-1',
    kind: 'display',
    name: 'Hall board',
    branchId: BRANCH_ID,
    counterId: null,
    config: {},
    ...over,
  };
}

/** Live-monitor figures: one queue of three (A, 12 min waited), one counter serving A001. */
export function monitorSnapshot(over: Partial<MonitorSnapshot> = {}): MonitorSnapshot {
  return {
    branchId: BRANCH_ID,
    at: T0,
    services: [
      {
        serviceId: 'svc-a',
        name: { 'zh-CN': '社保业务', en: 'Social insurance' },
        waiting: 3,
        longestWaitSeconds: 720,
        targetWaitMinutes: 20,
        openCounters: 1,
        serviceLevelToday: { percent: 87.5, within: 7, counted: 8 },
      },
    ],
    counters: [
      {
        counterId: 'ctr-1',
        number: 1,
        name: { 'zh-CN': '1号窗口', en: 'Counter 1' },
        state: 'serving',
        clerkId: 'user-clerk1',
        clerkName: '王芳',
        pauseReason: null,
        stateSince: T0 - 125_000,
        currentTicketId: 't-A001',
        currentCode: 'A001',
      },
    ],
    alerts: [],
    ...over,
  };
}

/** An alert as raised: a queue over its warning count in service A. */
export function alert(over: Partial<AlertView> = {}): AlertView {
  return {
    id: 'alert-1',
    branchId: BRANCH_ID,
    key: 'queue_length:svc-a',
    kind: 'queue_length',
    level: 'warning',
    serviceId: 'svc-a',
    counterId: null,
    value: 16,
    threshold: 15,
    raisedAt: T0,
    updatedAt: T0,
    clearedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...over,
  };
}
