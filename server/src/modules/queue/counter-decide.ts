import {
  type CommandContext,
  callNext,
  callTicket,
  closeCounter,
  type Decision,
  fail,
  finishService,
  markNoShow,
  openCounter,
  parkTicket,
  pauseCounter,
  type QueueState,
  type Result,
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
  switch (command) {
    case 'open':
      return openCounter(state, counterId, input.clerkId ?? null, ctx);
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
