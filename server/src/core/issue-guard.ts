import { noticesOf } from './apply.js';
import type { CommandContext } from './context.js';
import { fail, ok, type Result } from './errors.js';
import { type Issued, type IssueInput, issueTicket } from './issue.js';
import { aheadOf } from './routing.js';
import { issueKeyOf, type QueueState } from './state.js';
import { simulateWait } from './wait-simulation.js';

export interface IssueOutcome extends Issued {
  /** True when the Idempotency-Key named a ticket already issued: no new event, the same ticket. */
  replayed: boolean;
}

/**
 * Issues a ticket under the hall's rules around numbering: a retry with the same Idempotency-Key
 * gets the ticket it already got (as it stands now), a key used for another service or an
 * earlier day is refused, and an emergency that stops issuing refuses new tickets.
 *
 * `earlierKeyOwner` answers for keys whose ticket has left the live state (an earlier day); it
 * is asked only when the live index does not know the key.
 */
export function issueOrReplay(
  state: QueueState,
  input: IssueInput,
  ctx: CommandContext,
  earlierKeyOwner: (branchId: string, key: string) => string | null,
): Result<IssueOutcome> {
  const key = input.idempotencyKey ?? null;
  const knownId = key
    ? (state.issueKeys.get(issueKeyOf(input.branchId, key)) ?? earlierKeyOwner(input.branchId, key))
    : null;
  const known = knownId ? state.tickets.get(knownId) : undefined;
  if (knownId && (!known || known.issuedServiceId !== input.serviceId)) {
    return fail('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for another ticket; send a new key');
  }
  if (known) {
    // A retry (a double tap, a lost reply) gets the same ticket, as it stands now.
    const service = state.services.get(known.serviceId)!;
    const ahead = aheadOf(state, known);
    const estimate =
      known.status === 'waiting'
        ? simulateWait(state, service, ctx.now, known)
        : { minutes: null, low: null, high: null, status: null };
    return ok({ events: [], ticket: known, ahead, estimate, replayed: true });
  }
  // Checked when the command is decided: an issue queued before the notice went up is refused
  // too, while a retry of a ticket issued before it (above) still gets its ticket.
  if (noticesOf(state, input.branchId).emergency?.stopIssuing) {
    return fail('EMERGENCY_ACTIVE', 'issuing is stopped by an emergency notice');
  }
  const issued = issueTicket(state, input, ctx);
  return issued.ok ? ok({ ...issued.data, replayed: false }) : issued;
}
