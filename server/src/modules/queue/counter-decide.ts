import {
  type CommandContext,
  callNext,
  callTicket,
  closeCounter,
  countersHeldBy,
  type Decision,
  event,
  fail,
  finishService,
  markNoShow,
  ok,
  openCounter,
  parkTicket,
  pauseCounter,
  type QueueState,
  type Result,
  reasonRefusal,
  recall,
  resumeCounter,
  startService,
  transferTicket,
} from '../../core/index.js';
import type { CounterCommand } from '../../protocol/index.js';
import type { CounterCommandInput } from './commands.js';

/** Maps a counter command from the wire to the engine's decision for it. */
export function decideCounter(
  state: QueueState,
  counterId: string,
  command: CounterCommand,
  input: CounterCommandInput,
  ctx: CommandContext,
): Result<Decision> {
  if (
    input.actingClerk &&
    command !== 'open' &&
    state.counters.get(counterId)?.clerkId !== input.actingClerk
  ) {
    return fail('FORBIDDEN', `counter ${counterId} is no longer yours; open it again`);
  }
  if (command === 'pause' || command === 'close') {
    const branchId = state.counters.get(counterId)?.branchId;
    const refusal = reasonRefusal(
      branchId ? state.branches.get(branchId) : undefined,
      command,
      input.reason ?? '',
    );
    if (refusal) return refusal;
  }
  switch (command) {
    case 'open':
      return openAndLeaveOthers(state, counterId, input.clerkId ?? null, ctx);
    case 'close':
      return closeCounter(state, counterId, input.reason ?? '', ctx);
    case 'pause':
      return pauseCounter(state, counterId, input.reason ?? '', ctx);
    case 'resume':
      return resumeCounter(state, counterId, ctx);
    case 'call-next':
      return callNext(state, counterId, ctx);
    case 'call':
      return callTicket(state, counterId, input.ticketId ?? '', ctx);
    case 'recall':
      return recall(state, counterId, ctx);
    case 'start':
      return startService(state, counterId, ctx);
    case 'finish':
      return finishService(state, counterId, input.outcome ?? 'served', ctx);
    case 'no-show':
      return markNoShow(state, counterId, ctx);
    case 'park':
      return parkTicket(state, counterId, input.reason ?? null, ctx);
    case 'transfer':
      return transferTicket(
        state,
        counterId,
        {
          toServiceId: input.serviceId,
          toCounterId: input.counterId,
          placement: input.placement ?? 'last',
          reason: input.reason,
        },
        ctx,
      );
  }
}

/**
 * Changing counter: opening one closes every other counter the same person holds, in the same
 * commit, so nobody is ever shown open at two counters. A counter with a current ticket is not
 * closed behind the clerk's back: she finishes, parks or transfers it there first.
 */
function openAndLeaveOthers(
  state: QueueState,
  counterId: string,
  clerkId: string | null,
  ctx: CommandContext,
): Result<Decision> {
  const opened = openCounter(state, counterId, clerkId, ctx);
  if (!opened.ok || !clerkId) return opened;
  const number = state.counters.get(counterId)?.number;
  const closing = [];
  for (const held of countersHeldBy(state, clerkId, counterId)) {
    if (held.currentTicketId)
      return fail(
        'COUNTER_BUSY',
        `counter ${held.number} still has a current ticket; finish, park or transfer it there first`,
      );
    closing.push(event(ctx, held, null, `changed to counter ${number}`, { type: 'counter.closed' }));
  }
  return ok({ ...opened.data, events: [...closing, ...opened.data.events] });
}
