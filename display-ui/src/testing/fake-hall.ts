import { wire } from '@guichet/server/kit/testing';
import type {
  BranchSnapshot,
  CallView,
  CounterView,
  ServiceView,
  TicketView,
} from '@guichet/server/protocol';

/**
 * The board's fake data, built on the kit's shared wire fixtures. Calls and snapshots are
 * stamped now: the voice reads only calls that are fresh at the snapshot's time.
 */
export function fakeService(prefix: string, over: Partial<ServiceView> = {}): ServiceView {
  return wire.service(prefix, {
    waiting: 3,
    estimatedWaitMinutes: 12,
    estimatedWaitRange: [9, 15],
    allowPriority: true,
    ...over,
  });
}

export function fakeCounter(n: number): CounterView {
  return wire.counter(n, { name: { 'zh-CN': `${n} 号窗口`, en: `Counter ${n}` }, stateSince: 0 });
}

export function fakeCall(code: string, counterNumber: number, over: Partial<CallView> = {}): CallView {
  return wire.call(code, counterNumber, {
    counterName: { 'zh-CN': `${counterNumber} 号窗口`, en: `Counter ${counterNumber}` },
    calledAt: Date.now(),
    ...over,
  });
}

export function fakeSnapshot(over: Partial<BranchSnapshot> = {}): BranchSnapshot {
  return wire.snapshot({
    at: Date.now(),
    branch: wire.branch({
      name: { 'zh-CN': '示范政务服务大厅', en: 'Demo Government Service Hall' },
      businessDay: '2026-11-26',
    }),
    services: ['A', 'B', 'C', 'D', 'E', 'F'].map((p) => fakeService(p)),
    counters: [1, 2, 3, 4, 5, 6, 7, 8].map(fakeCounter),
    ...over,
  });
}

/** The ticket a call was made for, as staff and screens see it: called at the call's counter. */
export function fakeTicket(call: CallView, over: Partial<TicketView> = {}): TicketView {
  return wire.ticket(call.code, {
    id: call.ticketId,
    serviceId: call.serviceId,
    status: 'called',
    issuedAt: call.calledAt - 600_000,
    queuedAt: call.calledAt - 600_000,
    calledAt: call.calledAt,
    counterId: call.counterId,
    callCount: call.callCount,
    callRule: 'level_fifo',
    ...over,
  });
}
