import type {
  BranchSnapshot,
  CallView,
  CounterView,
  ServiceView,
  TicketView,
} from '@guichet/server/protocol';

/** Fake data shaped like the protocol types, for unit and component tests. */
export function fakeService(prefix: string, over: Partial<ServiceView> = {}): ServiceView {
  return {
    id: `svc-${prefix.toLowerCase()}`,
    branchId: 'demo-hall',
    prefix,
    name: { 'zh-CN': `${prefix} 类业务`, en: `Service ${prefix}` },
    waiting: 3,
    estimatedWaitMinutes: 12,
    estimatedWaitRange: [9, 15],
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

export function fakeCounter(n: number): CounterView {
  return {
    id: `ctr-${n}`,
    branchId: 'demo-hall',
    number: n,
    name: { 'zh-CN': `${n} 号窗口`, en: `Counter ${n}` },
    state: 'idle',
    pauseReason: null,
    currentTicketId: null,
    clerkId: null,
    clerkName: null,
    stateSince: 0,
    services: [],
  };
}

export function fakeCall(code: string, counterNumber: number, over: Partial<CallView> = {}): CallView {
  const prefix = code.slice(0, 1);
  return {
    ticketId: `t-${code}`,
    code,
    serviceId: `svc-${prefix.toLowerCase()}`,
    counterId: `ctr-${counterNumber}`,
    counterNumber,
    counterName: { 'zh-CN': `${counterNumber} 号窗口`, en: `Counter ${counterNumber}` },
    callCount: 1,
    calledAt: Date.now(),
    ...over,
  };
}

export function fakeSnapshot(over: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return {
    epoch: 'e1',
    version: 1,
    at: Date.now(),
    branch: {
      id: 'demo-hall',
      name: { 'zh-CN': '示范政务服务大厅', en: 'Demo Government Service Hall' },
      timezone: 'Asia/Shanghai',
      locales: ['zh-CN', 'en'],
      defaultLocale: 'zh-CN',
      businessDay: '2026-11-26',
      open: true,
      notice: null,
      emergency: null,
    },
    services: ['A', 'B', 'C', 'D', 'E', 'F'].map((p) => fakeService(p)),
    counters: [1, 2, 3, 4, 5, 6, 7, 8].map(fakeCounter),
    tickets: [],
    recentCalls: [],
    ...over,
  };
}

/** The ticket a call was made for, as staff and screens see it: called at the call's counter. */
export function fakeTicket(call: CallView, over: Partial<TicketView> = {}): TicketView {
  return {
    id: call.ticketId,
    code: call.code,
    serviceId: call.serviceId,
    ticketClass: 'normal',
    status: 'called',
    issuedAt: call.calledAt - 600_000,
    queuedAt: call.calledAt - 600_000,
    calledAt: call.calledAt,
    startedAt: null,
    finishedAt: null,
    counterId: call.counterId,
    targetCounterId: null,
    callCount: call.callCount,
    callRule: 'level_fifo',
    callRuleDetail: null,
    outcome: null,
    originServiceId: null,
    personMasked: null,
    ...over,
  };
}
