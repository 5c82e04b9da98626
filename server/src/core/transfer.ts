import type { CommandContext } from './context.js';
import { currentAt, type Decided, decided, event, isFailure } from './counter-guards.js';
import { fail } from './errors.js';
import type { TransferPlacement } from './events.js';
import { waitsForService } from './routing.js';
import { allWaiting, type QueueState } from './state.js';
import type { Ticket } from './types.js';

/** Transfer to another service or counter, placed first, last or by original arrival. */
export interface TransferInput {
  toServiceId?: string | undefined;
  toCounterId?: string | undefined;
  placement: TransferPlacement;
  reason?: string | null | undefined;
}

export function transferTicket(
  state: QueueState,
  counterId: string,
  input: TransferInput,
  ctx: CommandContext,
): Decided {
  const at = currentAt(state, counterId, ['calling', 'serving']);
  if (isFailure(at)) return at;
  const { counter, ticket } = at;
  if (!input.toServiceId && !input.toCounterId)
    return fail('INVALID_TARGET', 'a transfer needs a service or a counter');
  const toService = state.services.get(input.toServiceId ?? ticket.serviceId);
  if (!toService || toService.branchId !== counter.branchId)
    return fail('INVALID_TARGET', 'the target service does not exist here');
  let targetCounterId: string | null = null;
  if (input.toCounterId) {
    const target = state.counters.get(input.toCounterId);
    if (!target || target.branchId !== counter.branchId)
      return fail('INVALID_TARGET', 'the target counter does not exist here');
    if (target.state === 'closed') {
      return fail('COUNTER_CLOSED', `counter ${target.number} is closed; transfer to its service instead`);
    }
    targetCounterId = target.id;
  }
  const rank = placementRank(state, ticket, toService.id, targetCounterId, input.placement, ctx.now);
  const e = event(ctx, counter, ticket.id, input.reason ?? null, {
    type: 'ticket.transferred',
    toServiceId: toService.id,
    targetCounterId,
    placement: input.placement,
    rank,
  });
  return decided(counter, ticket.id, [e]);
}

/** Rank that puts a ticket first, last or at its original arrival in the queue it joins. */
export function placementRank(
  state: QueueState,
  ticket: Ticket,
  serviceId: string,
  targetCounterId: string | null,
  placement: TransferPlacement,
  now: number,
): number {
  if (placement === 'arrival') return ticket.issuedAt;
  const ranks: number[] = [];
  for (const t of allWaiting(state)) {
    if (t.id === ticket.id) continue;
    const sameQueue = targetCounterId
      ? t.targetCounterId === targetCounterId
      : t.serviceId === serviceId && waitsForService(state, t);
    if (sameQueue) ranks.push(t.rank);
  }
  if (placement === 'first') return ranks.length ? Math.min(...ranks) - 1 : now;
  return Math.max(now, ...ranks.map((r) => r + 1));
}
