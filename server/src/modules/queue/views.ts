import {
  activeReasons,
  aheadOf,
  type Branch,
  type BranchNotices,
  type Counter,
  isListedStatus,
  issueRefusal,
  noticesOf,
  oldestQueuedAt,
  openingStatus,
  type QueueState,
  type Service,
  type SimulatedEstimate,
  simulateWait,
  type Ticket,
  waitingCount,
} from '../../core/index.js';
import type {
  BranchView,
  CallView,
  ClosedReason,
  CounterView,
  PublicRating,
  PublicTicketView,
  ServiceView,
  TicketView,
} from '../../protocol/index.js';

export function branchView(
  state: QueueState,
  branch: Branch,
  extras: BranchNotices,
  now: number,
): BranchView {
  return {
    id: branch.id,
    name: branch.name,
    timezone: branch.timezone,
    locales: branch.locales,
    defaultLocale: branch.defaultLocale,
    businessDay: state.currentDay.get(branch.id) ?? '',
    open: openingStatus(branch, now).open,
    notice: extras.notice,
    emergency: extras.emergency,
    pauseReasons: activeReasons(branch, 'pause').map(({ code, label }) => ({ code, label })),
    closeReasons: activeReasons(branch, 'close').map(({ code, label }) => ({ code, label })),
  };
}

export function serviceView(state: QueueState, service: Service, now: number): ServiceView {
  const waiting = waitingCount(state, service.id);
  const estimate = simulateWait(state, service, now);
  const refusal = issueRefusal(state, service, now);
  const oldest = oldestQueuedAt(state, service.id);
  return {
    id: service.id,
    branchId: service.branchId,
    prefix: service.prefix,
    name: service.name,
    waiting,
    estimatedWaitMinutes: estimate.minutes,
    estimatedWaitRange:
      estimate.low === null || estimate.high === null ? null : [estimate.low, estimate.high],
    estimateStatus: estimate.status ?? 'ok',
    targetWaitMinutes: service.targetWaitMinutes,
    open: refusal === null,
    closedReason: (refusal?.error.code as ClosedReason | undefined) ?? null,
    suspendedReason: service.suspendedReason,
    allowPriority: service.allowPriority,
    requiresPersonId: service.requiresPersonId,
    oldestQueuedAt: oldest,
  };
}

export function counterView(counter: Counter, clerkName: (id: string) => string | null): CounterView {
  return {
    id: counter.id,
    branchId: counter.branchId,
    number: counter.number,
    name: counter.name,
    state: counter.state,
    pauseReason: counter.pauseReason,
    currentTicketId: counter.currentTicketId,
    clerkId: counter.clerkId,
    clerkName: counter.clerkId ? clerkName(counter.clerkId) : null,
    stateSince: counter.stateSince,
    services: counter.profile.services.map((s) => ({ serviceId: s.serviceId, level: s.level })),
    rules: counter.profile.rules.map((r) => ({ serviceId: r.serviceId, minutes: r.minutes })),
  };
}

export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    code: t.code,
    serviceId: t.serviceId,
    ticketClass: t.ticketClass,
    status: t.status,
    issuedAt: t.issuedAt,
    queuedAt: t.queuedAt,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    counterId: t.counterId,
    targetCounterId: t.targetCounterId,
    callCount: t.callCount,
    callRule: t.callRule,
    callRuleDetail: t.callRuleDetail,
    outcome: t.outcome,
    originServiceId: t.originServiceId,
    personMasked: t.personMasked,
    rank: t.rank,
    seq: t.seq,
  };
}

/**
 * What hall screens (kiosks, boards) may see of a delta or snapshot: the same versions, without
 * the masked personal numbers that only staff consoles show.
 */
export function withoutPersonalData<T extends { tickets?: TicketView[] }>(payload: T): T {
  if (!payload.tickets?.some((t) => t.personMasked !== null)) return payload;
  return {
    ...payload,
    tickets: payload.tickets.map((t) => (t.personMasked === null ? t : { ...t, personMasked: null })),
  };
}

/** Tickets staff screens list: active ones and today's no-shows (they may be reinstated). */
export function isListed(t: Ticket): boolean {
  return isListedStatus(t.status);
}

export function callView(t: Ticket, counter: Counter): CallView {
  return {
    ticketId: t.id,
    code: t.code,
    serviceId: t.serviceId,
    counterId: counter.id,
    counterNumber: counter.number,
    counterName: counter.name,
    callCount: t.callCount,
    calledAt: t.calledAt ?? 0,
  };
}

/** A waiting ticket's estimate when the caller has them all from one simulation (waitEstimates). */
export type EstimateOf = (t: Ticket) => SimulatedEstimate;

export function publicTicketView(
  state: QueueState,
  t: Ticket,
  rating: PublicRating | null,
  branch: Branch,
  now: number,
  estimateOf?: EstimateOf,
): PublicTicketView {
  const service = state.services.get(t.serviceId);
  const ahead = aheadOf(state, t);
  const estimate =
    service && t.status === 'waiting' ? (estimateOf?.(t) ?? simulateWait(state, service, now, t)) : null;
  const counter =
    t.counterId && (t.status === 'called' || t.status === 'serving')
      ? state.counters.get(t.counterId)
      : undefined;
  return {
    id: t.id,
    code: t.code,
    status: t.status,
    service: { id: t.serviceId, name: service?.name ?? { 'zh-CN': '', en: '' } },
    ahead,
    estimatedWaitMinutes: estimate?.minutes ?? null,
    estimatedWaitRange:
      estimate && estimate.low !== null && estimate.high !== null ? [estimate.low, estimate.high] : null,
    estimateStatus: estimate?.status ?? null,
    counter: counter ? { number: counter.number, name: counter.name } : null,
    calledAt: t.calledAt,
    locale: t.locale,
    rated: rating !== null,
    rating,
    branchName: branch.name,
    hall: noticesOf(state, t.branchId),
  };
}
