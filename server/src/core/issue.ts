import type { CommandContext } from './context.js';
import { type Failure, fail, ok, type Result } from './errors.js';
import type { DomainEvent } from './events.js';
import { serviceOpening } from './hours.js';
import { aheadOf } from './routing.js';
import { type QueueState, sequenceKey } from './state.js';
import { businessDay } from './time.js';
import {
  heldCounter,
  type Locale,
  type Service,
  type StaffContext,
  type Ticket,
  type TicketClass,
  UNCALLED,
} from './types.js';
import { type SimulatedEstimate, simulateWait } from './wait-simulation.js';

export interface IssueInput {
  branchId: string;
  serviceId: string;
  ticketClass: TicketClass;
  locale?: Locale | undefined;
  /** Keyed hash of a phone or ID number: never the number itself. */
  personHash?: string | null | undefined;
  personMasked?: string | null | undefined;
  idempotencyKey?: string | null | undefined;
  /** Staff issuing at a desk (absent for a kiosk). */
  staff?: StaffContext | undefined;
}

export interface Issued {
  events: DomainEvent[];
  ticket: Ticket;
  ahead: number;
  estimate: SimulatedEstimate;
}

export function formatCode(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** Why a service cannot issue right now, or null when it can. Shared with the kiosk's service list. */
export function issueRefusal(state: QueueState, service: Service, now: number): Failure | null {
  const branch = state.branches.get(service.branchId);
  if (!branch) return fail('BRANCH_NOT_FOUND', `branch ${service.branchId} does not exist`);
  if (service.suspended) {
    return fail(
      'SERVICE_SUSPENDED',
      `service ${service.prefix} is suspended: ${service.suspendedReason ?? 'no reason'}`,
    );
  }
  const hours = serviceOpening(branch, service.id, now);
  if (!hours.issuing) {
    const why = {
      OUTSIDE_OPENING_HOURS: 'the hall is closed now',
      SERVICE_CLOSED: `service ${service.prefix} is outside its opening hours`,
      AFTER_ISSUE_CUTOFF: `service ${service.prefix} no longer issues tickets today`,
    }[hours.reason];
    return fail(hours.reason, why);
  }
  const day = businessDay(now, branch.timezone);
  const issued = state.sequences.get(sequenceKey(service.id, day)) ?? 0;
  if (service.dailyCap !== null && issued >= service.dailyCap) {
    return fail(
      'DAILY_CAP_REACHED',
      `service ${service.prefix} has issued its ${service.dailyCap} tickets today`,
    );
  }
  return null;
}

export function issueTicket(state: QueueState, input: IssueInput, ctx: CommandContext): Result<Issued> {
  const service = state.services.get(input.serviceId);
  if (!service || service.branchId !== input.branchId) {
    return fail('SERVICE_NOT_FOUND', `service ${input.serviceId} does not exist in branch ${input.branchId}`);
  }
  const branch = state.branches.get(service.branchId)!;
  const refusal = issueRefusal(state, service, ctx.now);
  if (refusal) return refusal;
  if (input.ticketClass !== 'normal' && !service.allowPriority) {
    return fail('PRIORITY_NOT_ALLOWED', `service ${service.prefix} has no priority tickets`);
  }
  // A priority ticket jumps the queue: from staff, only a manager or a clerk serving at her counter
  // (who sees the citizen) gives one. A kiosk's priority is the citizen's own declaration.
  if (
    input.ticketClass !== 'normal' &&
    input.staff?.role === 'clerk' &&
    !heldCounter(state.counters, input.staff)
  ) {
    return fail('FORBIDDEN', 'a priority ticket is issued by a manager or a clerk at her counter');
  }
  const day = businessDay(ctx.now, branch.timezone);
  if (service.requiresPersonId && !input.personHash) {
    return fail('PERSON_ID_REQUIRED', `service ${service.prefix} needs a phone or ID number`);
  }
  if (service.perPersonDailyLimit !== null && input.personHash) {
    let mine = 0;
    for (const id of state.personTickets.get(input.personHash) ?? []) {
      const t = state.tickets.get(id);
      if (t?.serviceId === service.id && t.businessDay === day && t.personHash === input.personHash) {
        if (t.status !== 'cancelled') mine++;
      }
    }
    if (mine >= service.perPersonDailyLimit) {
      return fail('PERSON_LIMIT_REACHED', `at most ${service.perPersonDailyLimit} tickets a day per person`);
    }
  }
  const asksForPerson = service.requiresPersonId || service.perPersonDailyLimit !== null;
  const seq = (state.sequences.get(sequenceKey(service.id, day)) ?? 0) + 1;
  const ticket: Ticket = {
    id: ctx.newId(),
    branchId: service.branchId,
    serviceId: service.id,
    businessDay: day,
    seq,
    code: formatCode(service.prefix, seq),
    ticketClass: input.ticketClass,
    status: 'waiting',
    rank: ctx.now,
    issuedAt: ctx.now,
    queuedAt: ctx.now,
    ...UNCALLED,
    estimatedWaitAtIssue: null,
    locale: input.locale ?? branch.defaultLocale,
    trackKey: ctx.newSecret(),
    // A number given for a service that neither asks for one nor limits per person is dropped:
    // personal data is kept only where a rule needs it.
    personHash: asksForPerson ? (input.personHash ?? null) : null,
    personMasked: asksForPerson ? (input.personMasked ?? null) : null,
    originServiceId: null,
    issuedServiceId: service.id,
    idempotencyKey: input.idempotencyKey ?? null,
    issuedBy: ctx.actor.kind === 'device' ? ctx.actor.id : null,
  };
  // The new ticket is not in the state yet; aheadOf counts the waiting tickets before it all the same.
  const ahead = aheadOf(state, ticket);
  const estimate = simulateWait(state, service, ctx.now, ticket);
  ticket.estimatedWaitAtIssue = estimate.minutes;
  const event: DomainEvent = {
    type: 'ticket.issued',
    at: ctx.now,
    actor: ctx.actor,
    branchId: service.branchId,
    counterId: null,
    ticketId: ticket.id,
    reason: null,
    ticket,
    ...(estimate.status && estimate.status !== 'ok' && { estimateStatus: estimate.status }),
  };
  return ok({ events: [event], ticket, ahead, estimate });
}
