import { describe, expect, it } from 'vitest';
import { callNext, callTicket, parkTicket } from './counter-commands.js';
import { issueTicket } from './issue.js';
import { BRANCH_ID, codeOf, Hall, makeService } from './test-support.js';
import { cancelTicket } from './ticket-commands.js';
import { transferTicket } from './transfer.js';
import type { StaffContext } from './types.js';

/** Counter 1 serves A only; counter 2 serves A and B. Both open, held by clerk-c1 and clerk-c2. */
const hall = () =>
  new Hall({
    services: [makeService('A', 'A'), makeService('B', 'B')],
    counters: [
      { id: 'c1', number: 1, levels: { A: 1 } },
      { id: 'c2', number: 2, levels: { A: 1, B: 1 } },
    ],
  });
const clerkAt = (counterId: string | null, userId = `clerk-${counterId}`): StaffContext => ({
  userId,
  role: 'clerk',
  counterId,
});
const manager: StaffContext = { userId: 'boss', role: 'manager', counterId: null };

describe('a counter calls only tickets that are its own to call', () => {
  it('refuses a ticket parked at another counter; that counter calls it back', () => {
    const h = hall();
    const t = h.issue('A');
    h.commit(callNext(h.state, 'c2', h.ctx));
    h.commit(parkTicket(h.state, 'c2', 'fetching papers', h.ctx));
    expect(codeOf(callTicket(h.state, 'c1', t.id, h.ctx))).toBe('TICKET_NOT_FOR_COUNTER');
    expect(codeOf(callTicket(h.state, 'c2', t.id, h.ctx))).toBe('ok');
  });

  it('refuses a ticket transferred to another open counter', () => {
    const h = hall();
    const t = h.issue('A');
    h.commit(callNext(h.state, 'c1', h.ctx));
    h.commit(transferTicket(h.state, 'c1', { toCounterId: 'c2', placement: 'first' }, h.ctx));
    expect(codeOf(callTicket(h.state, 'c1', t.id, h.ctx))).toBe('TICKET_NOT_FOR_COUNTER');
    expect(codeOf(callTicket(h.state, 'c2', t.id, h.ctx))).toBe('ok');
  });

  it('refuses a ticket of a service the counter does not serve', () => {
    const h = hall();
    const t = h.issue('B');
    expect(codeOf(callTicket(h.state, 'c1', t.id, h.ctx))).toBe('TICKET_NOT_FOR_COUNTER');
    expect(codeOf(callTicket(h.state, 'c2', t.id, h.ctx))).toBe('ok');
  });
});

describe('staff cancelling a parked ticket', () => {
  const parkedAtC2 = () => {
    const h = hall();
    const t = h.issue('A');
    h.commit(callNext(h.state, 'c2', h.ctx));
    h.commit(parkTicket(h.state, 'c2', null, h.ctx));
    return { h, t };
  };

  it('refuses a clerk at another counter or at none; the parking counter and managers may', () => {
    const { h, t } = parkedAtC2();
    expect(codeOf(cancelTicket(h.state, t.id, 'staff', h.ctx, clerkAt('c1')))).toBe('FORBIDDEN');
    expect(codeOf(cancelTicket(h.state, t.id, 'staff', h.ctx, clerkAt(null, 'clerk-x')))).toBe('FORBIDDEN');
    // A session naming counter 2 whose clerk is not the one holding it now.
    expect(codeOf(cancelTicket(h.state, t.id, 'staff', h.ctx, clerkAt('c2', 'clerk-x')))).toBe('FORBIDDEN');
    expect(codeOf(cancelTicket(h.state, t.id, 'staff', h.ctx, clerkAt('c2')))).toBe('ok');
    expect(codeOf(cancelTicket(h.state, t.id, 'staff', h.ctx, manager))).toBe('ok');
  });

  it('still lets any clerk of the branch cancel a waiting ticket (the front desk)', () => {
    const h = hall();
    const t = h.issue('A');
    expect(codeOf(cancelTicket(h.state, t.id, 'staff', h.ctx, clerkAt(null, 'clerk-x')))).toBe('ok');
  });
});

describe('staff issuing a priority ticket', () => {
  const issue = (h: Hall, staff: StaffContext | undefined) =>
    codeOf(
      issueTicket(h.state, { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'priority', staff }, h.ctx),
    );

  it('needs a clerk at her counter, or a manager; a kiosk may (the citizen declares it)', () => {
    const h = hall();
    expect(issue(h, clerkAt(null, 'clerk-x'))).toBe('FORBIDDEN');
    expect(issue(h, clerkAt('c1', 'clerk-x'))).toBe('FORBIDDEN');
    expect(issue(h, clerkAt('c1'))).toBe('ok');
    expect(issue(h, manager)).toBe('ok');
    expect(issue(h, undefined)).toBe('ok');
  });
});
