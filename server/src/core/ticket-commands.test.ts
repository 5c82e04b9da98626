import { describe, expect, it } from 'vitest';
import {
  callNext,
  callTicket,
  finishService,
  markNoShow,
  parkTicket,
  startService,
} from './counter-commands.js';
import { issueTicket } from './issue.js';
import { BRANCH_ID, codeOf, Hall, MINUTE, T0 } from './test-support.js';
import { cancelTicket, reinstateNoShow, rollover } from './ticket-commands.js';
import type { TicketStatus } from './types.js';

describe('cancelTicket', () => {
  it.each([
    ['holder', 'cancelled_by_holder', 'holder left'],
    ['staff', 'cancelled_by_staff', 'cancelled by staff'],
  ] as const)('by %s closes a waiting ticket with %s', (by, outcome, reason) => {
    const hall = new Hall();
    const t = hall.issue('A');
    const events = hall.commit(cancelTicket(hall.state, t.id, by, hall.ctx));
    expect(events).toMatchObject([{ type: 'ticket.cancelled', by, reason }]);
    expect(hall.ticket(t.id)).toMatchObject({ status: 'cancelled', outcome, finishedAt: hall.now });
    expect(callNext(hall.state, 'c1', hall.ctx)).toMatchObject({ ok: true, data: { ticketId: null } });
  });

  it("keeps staff's own reason in the event", () => {
    const hall = new Hall();
    const t = hall.issue('A');
    const events = hall.commit(cancelTicket(hall.state, t.id, 'staff', hall.ctx, undefined, '重复取号'));
    expect(events).toMatchObject([{ type: 'ticket.cancelled', by: 'staff', reason: '重复取号' }]);
  });

  it('cancels a parked ticket', () => {
    const hall = new Hall();
    const t = hall.issue('A');
    hall.commit(callNext(hall.state, 'c1', hall.ctx));
    hall.commit(parkTicket(hall.state, 'c1', null, hall.ctx));
    hall.commit(cancelTicket(hall.state, t.id, 'holder', hall.ctx));
    expect(hall.ticket(t.id).status).toBe('cancelled');
  });

  it.each(['called', 'serving', 'done', 'no_show', 'cancelled'] as TicketStatus[])(
    'refuses a %s ticket with TICKET_NOT_CANCELLABLE',
    (status) => {
      const hall = new Hall();
      const t = hall.issue('A');
      t.status = status;
      expect(codeOf(cancelTicket(hall.state, t.id, 'holder', hall.ctx))).toBe('TICKET_NOT_CANCELLABLE');
    },
  );

  it('refuses an unknown ticket', () => {
    const hall = new Hall();
    expect(codeOf(cancelTicket(hall.state, 'nope', 'staff', hall.ctx))).toBe('TICKET_NOT_FOUND');
  });
});

describe('reinstateNoShow', () => {
  /** A001 is a no-show; then `waiting` more A tickets are issued a minute apart. */
  function withNoShow(waiting: number, placesBack: number) {
    const hall = new Hall({ branch: { reinstatePlacesBack: placesBack } });
    const noShow = hall.issueThen('A');
    hall.commit(callNext(hall.state, 'c1', hall.ctx));
    hall.commit(markNoShow(hall.state, 'c1', hall.ctx));
    for (let i = 0; i < waiting; i++) hall.issueThen('A');
    return { hall, noShow };
  }
  function drain(hall: Hall): string[] {
    const codes: string[] = [];
    for (;;) {
      const d = hall.commit(callNext(hall.state, 'c1', hall.ctx));
      if (!d.ticketId) return codes;
      codes.push(hall.ticket(d.ticketId).code);
      hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    }
  }

  it.each([
    [3, 5, ['A002', 'A003', 'A004', 'A001', 'A005', 'A006']],
    [1, 5, ['A002', 'A001', 'A003', 'A004', 'A005', 'A006']],
    [0, 5, ['A001', 'A002', 'A003', 'A004', 'A005', 'A006']],
    [3, 2, ['A002', 'A003', 'A001']],
    [3, 0, ['A001']],
  ])('with %i places back and %i waiting, the call order is %j', (placesBack, waiting, order) => {
    const { hall, noShow } = withNoShow(waiting, placesBack);
    hall.commit(reinstateNoShow(hall.state, noShow.id, hall.ctx));
    expect(hall.ticket(noShow.id)).toMatchObject({
      status: 'waiting',
      outcome: null,
      finishedAt: null,
      counterId: null,
      callCount: 0,
      queuedAt: hall.now,
    });
    expect(drain(hall)).toEqual(order);
  });

  it('refuses a ticket that is not a no-show', () => {
    const hall = new Hall();
    const t = hall.issue('A');
    expect(codeOf(reinstateNoShow(hall.state, t.id, hall.ctx))).toBe('TICKET_NOT_NO_SHOW');
    expect(codeOf(reinstateNoShow(hall.state, 'nope', hall.ctx))).toBe('TICKET_NOT_FOUND');
  });
});

describe('rollover', () => {
  it('does nothing while the local business day has not changed', () => {
    const hall = new Hall();
    hall.issue('A');
    hall.setNow(Date.UTC(2026, 0, 15, 22, 59)); // 23:59 in Paris
    expect(hall.commit(rollover(hall.state, BRANCH_ID, hall.ctx))).toEqual([]);
  });

  it('refuses an unknown branch', () => {
    const hall = new Hall();
    expect(codeOf(rollover(hall.state, 'nope', hall.ctx))).toBe('BRANCH_NOT_FOUND');
  });

  it('resets yesterday’s active tickets, frees their counters and restarts numbering at 001', () => {
    const hall = new Hall();
    const waiting = hall.issueThen('A');
    const parked = hall.issueThen('A');
    const serving = hall.issueThen('B');
    const done = hall.issueThen('A');
    hall.commit(callTicket(hall.state, 'c1', parked.id, hall.ctx));
    hall.commit(parkTicket(hall.state, 'c1', null, hall.ctx));
    hall.commit(callTicket(hall.state, 'c1', done.id, hall.ctx));
    hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    hall.commit(callTicket(hall.state, 'c2', serving.id, hall.ctx));
    hall.commit(startService(hall.state, 'c2', hall.ctx));

    hall.setNow(Date.UTC(2026, 0, 16, 7, 0)); // Friday 08:00 in Paris
    const events = hall.commit(rollover(hall.state, BRANCH_ID, hall.ctx));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'day.rolled', businessDay: '2026-01-16' });
    const closed = events[0]?.type === 'day.rolled' ? events[0].closedTicketIds : [];
    expect([...closed].sort()).toEqual([waiting.id, parked.id, serving.id].sort());
    expect(waiting).toMatchObject({ status: 'cancelled', outcome: 'reset' });
    expect(serving).toMatchObject({ status: 'cancelled', outcome: 'reset' });
    expect(done).toMatchObject({ status: 'done', outcome: 'served' });
    expect(hall.state.tickets.size).toBe(0);
    expect(hall.counter('c2')).toMatchObject({ state: 'idle', currentTicketId: null });
    expect(hall.state.currentDay.get(BRANCH_ID)).toBe('2026-01-16');

    expect([hall.issue('A').code, hall.issue('B').code, hall.issue('A').code]).toEqual([
      'A001',
      'B001',
      'A002',
    ]);
    expect(hall.commit(rollover(hall.state, BRANCH_ID, hall.ctx))).toEqual([]);
  });

  it('numbering restarts the next business day even before the rollover has run', () => {
    const hall = new Hall();
    hall.issue('A');
    hall.issue('A');
    hall.setNow(T0 + 24 * 60 * MINUTE);
    const r = issueTicket(
      hall.state,
      { branchId: BRANCH_ID, serviceId: 'A', ticketClass: 'normal' },
      hall.ctx,
    );
    expect(r.ok && r.data.ticket).toMatchObject({ code: 'A001', businessDay: '2026-01-16' });
  });
});
