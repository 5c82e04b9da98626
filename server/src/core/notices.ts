import type { CommandContext } from './context.js';
import { fail, ok, type Result } from './errors.js';
import type { DomainEvent } from './events.js';
import type { QueueState } from './state.js';
import type { EmergencyNotice, LocalizedText } from './types.js';

type NoticeBody =
  | { type: 'branch.notice_set'; notice: LocalizedText | null }
  | { type: 'branch.emergency_raised'; emergency: EmergencyNotice }
  | { type: 'branch.emergency_lifted' };

function noticeEvent(state: QueueState, branchId: string, ctx: CommandContext, body: NoticeBody) {
  if (!state.branches.has(branchId)) return fail('BRANCH_NOT_FOUND', `branch ${branchId} does not exist`);
  const event = {
    at: ctx.now,
    actor: ctx.actor,
    branchId,
    counterId: null,
    ticketId: null,
    reason: null,
    ...body,
  } as DomainEvent;
  return ok([event]);
}

/** Sets (or clears, with null) the branch's scrolling notice. */
export function setNotice(
  state: QueueState,
  branchId: string,
  notice: LocalizedText | null,
  ctx: CommandContext,
): Result<DomainEvent[]> {
  return noticeEvent(state, branchId, ctx, { type: 'branch.notice_set', notice });
}

/** Raises an emergency notice on every screen; with `stopIssuing` no ticket is issued until it is lifted. */
export function raiseEmergency(
  state: QueueState,
  branchId: string,
  emergency: Omit<EmergencyNotice, 'since'>,
  ctx: CommandContext,
): Result<DomainEvent[]> {
  const raised = { ...emergency, since: ctx.now };
  return noticeEvent(state, branchId, ctx, { type: 'branch.emergency_raised', emergency: raised });
}

export function liftEmergency(
  state: QueueState,
  branchId: string,
  ctx: CommandContext,
): Result<DomainEvent[]> {
  return noticeEvent(state, branchId, ctx, { type: 'branch.emergency_lifted' });
}
