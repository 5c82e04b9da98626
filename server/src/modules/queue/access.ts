import type { FastifyRequest } from 'fastify';
import type { Counter } from '../../core/index.js';
import { HttpRefusal } from '../http/errors.js';
import { requireBranch, requireCounterActor, requireStaff, type StaffPrincipal } from '../http/guards.js';

/** A staff member allowed to act at this counter (a clerk only at the counter they hold). */
export function staffAtCounter(
  req: FastifyRequest,
  counters: { counter(id: string): Counter | undefined },
  counterId: string,
  opening = false,
): { principal: StaffPrincipal; counter: Counter } {
  const principal = requireStaff(req);
  const counter = counters.counter(counterId);
  if (!counter) throw new HttpRefusal('COUNTER_NOT_FOUND', `counter ${counterId} does not exist`);
  requireBranch(principal, counter.branchId);
  requireCounterActor(principal, counter, opening);
  return { principal, counter };
}
