import { describe, expect, it } from 'vitest';
import {
  callNext,
  callTicket,
  closeCounter,
  finishService,
  markNoShow,
  openCounter,
  parkTicket,
  pauseCounter,
  recall,
  resumeCounter,
  startService,
} from './counter-commands.js';
import { pickNext } from './routing.js';
import { codeOf, Hall, MINUTE } from './test-support.js';
import { transferTicket } from './transfer.js';
import type { Outcome } from './types.js';

/** A hall with A001, A002, A003 (a minute apart) and c1 calling A001. */
function calling(): Hall {
  const hall = new Hall();
  hall.issueThen('A');
  hall.issueThen('A');
  hall.issueThen('A');
  hall.commit(callNext(hall.state, 'c1', hall.ctx));
  return hall;
}
const current = (hall: Hall, counterId = 'c1') => hall.ticket(hall.counter(counterId).currentTicketId ?? '-');

describe('callNext', () => {
  it('marks the ticket called at this counter and the counter calling it', () => {
    const hall = calling();
    const t = current(hall);
    expect(t).toMatchObject({
      code: 'A001',
      status: 'called',
      counterId: 'c1',
      calledAt: hall.now,
      callCount: 1,
    });
    expect(hall.counter('c1')).toMatchObject({ state: 'calling', stateSince: hall.now });
    const e = hall.log.at(-1);
    expect(e).toMatchObject({ type: 'ticket.called', rule: 'level_fifo', counterId: 'c1', ticketId: t.id });
  });

  it.each([
    ['closed', 'COUNTER_CLOSED'],
    ['paused', 'COUNTER_PAUSED'],
    ['calling', 'COUNTER_BUSY'],
    ['serving', 'COUNTER_BUSY'],
  ] as const)('is refused at a %s counter with %s', (state, code) => {
    const hall = new Hall();
    hall.issue('A');
    hall.counter('c1').state = state;
    expect(codeOf(callNext(hall.state, 'c1', hall.ctx))).toBe(code);
    expect(codeOf(callTicket(hall.state, 'c1', 'T1', hall.ctx))).toBe(code);
  });

  it('is refused for an unknown counter', () => {
    expect(codeOf(callNext(new Hall().state, 'nope', new Hall().ctx))).toBe('COUNTER_NOT_FOUND');
  });
});

describe('callTicket', () => {
  it('calls a given waiting ticket out of order with the manual rule', () => {
    const hall = new Hall();
    hall.issueThen('A');
    const later = hall.issueThen('A');
    hall.commit(callTicket(hall.state, 'c1', later.id, hall.ctx));
    expect(hall.ticket(later.id)).toMatchObject({
      status: 'called',
      counterId: 'c1',
      callRule: 'manual',
      callRuleDetail: 'called out of order by counter 1',
    });
  });

  it('calls back a parked ticket with the callback rule, at the counter that parked it', () => {
    const hall = calling();
    const t = current(hall);
    hall.commit(parkTicket(hall.state, 'c1', 'fetching a document', hall.ctx));
    expect(hall.ticket(t.id).status).toBe('parked');
    expect(codeOf(callTicket(hall.state, 'c2', t.id, hall.ctx))).toBe('TICKET_NOT_FOR_COUNTER');
    hall.commit(callTicket(hall.state, 'c1', t.id, hall.ctx));
    expect(hall.ticket(t.id)).toMatchObject({
      status: 'called',
      counterId: 'c1',
      callRule: 'callback',
      callCount: 1,
    });
    expect(hall.counter('c1').currentTicketId).toBe(t.id);
  });

  it.each(['called', 'serving', 'done', 'no_show', 'cancelled'] as const)(
    'refuses a %s ticket with TICKET_NOT_WAITING',
    (status) => {
      const hall = new Hall();
      const t = hall.issue('A');
      t.status = status;
      expect(codeOf(callTicket(hall.state, 'c2', t.id, hall.ctx))).toBe('TICKET_NOT_WAITING');
    },
  );

  it('refuses an unknown ticket with TICKET_NOT_FOUND', () => {
    const hall = new Hall();
    expect(codeOf(callTicket(hall.state, 'c1', 'missing', hall.ctx))).toBe('TICKET_NOT_FOUND');
  });
});

describe('recall', () => {
  it('recalls up to noShowAfterRecalls times, then the next recall marks the ticket no-show', () => {
    const hall = calling(); // noShowAfterRecalls: 2
    const t = current(hall);
    hall.advance(1);
    hall.commit(recall(hall.state, 'c1', hall.ctx));
    expect(hall.ticket(t.id)).toMatchObject({ status: 'called', callCount: 2, calledAt: hall.now });
    hall.commit(recall(hall.state, 'c1', hall.ctx));
    expect(hall.ticket(t.id)).toMatchObject({ status: 'called', callCount: 3 });
    const d = hall.commit(recall(hall.state, 'c1', hall.ctx));
    expect(d.events).toMatchObject([
      { type: 'ticket.no_show', auto: true, reason: 'no answer after 2 recalls' },
    ]);
    expect(hall.ticket(t.id)).toMatchObject({ status: 'no_show', outcome: 'no_show', finishedAt: hall.now });
    expect(hall.counter('c1')).toMatchObject({ state: 'idle', currentTicketId: null });
  });

  it.each([0, 1, 3])('with noShowAfterRecalls = %i allows exactly that many recalls', (limit) => {
    const hall = new Hall({ branch: { noShowAfterRecalls: limit } });
    hall.issue('A');
    hall.commit(callNext(hall.state, 'c1', hall.ctx));
    let recalls = 0;
    while (hall.commit(recall(hall.state, 'c1', hall.ctx)).events[0]?.type === 'ticket.recalled') recalls++;
    expect(recalls).toBe(limit);
  });

  it('is refused when the counter is serving or holds nothing', () => {
    const hall = calling();
    hall.commit(startService(hall.state, 'c1', hall.ctx));
    expect(codeOf(recall(hall.state, 'c1', hall.ctx))).toBe('TICKET_NOT_CURRENT');
    expect(codeOf(recall(hall.state, 'c2', hall.ctx))).toBe('TICKET_NOT_CURRENT');
  });
});

describe('startService and finishService', () => {
  it('start moves the ticket and the counter to serving', () => {
    const hall = calling();
    hall.advance(1);
    hall.commit(startService(hall.state, 'c1', hall.ctx));
    expect(current(hall)).toMatchObject({ status: 'serving', startedAt: hall.now });
    expect(hall.counter('c1').state).toBe('serving');
    expect(codeOf(startService(hall.state, 'c1', hall.ctx))).toBe('TICKET_NOT_CURRENT');
  });

  it.each(['served', 'served_incomplete', 'referred'] as const)(
    'finish with %s closes the ticket, frees the counter and records the real duration',
    (outcome) => {
      const hall = calling();
      const t = current(hall);
      hall.commit(startService(hall.state, 'c1', hall.ctx));
      hall.advance(7);
      hall.commit(finishService(hall.state, 'c1', outcome, hall.ctx));
      expect(hall.ticket(t.id)).toMatchObject({ status: 'done', outcome, finishedAt: hall.now });
      expect(hall.counter('c1')).toMatchObject({ state: 'idle', currentTicketId: null });
      expect(hall.state.serviceDurations.get('A')).toEqual([7 * MINUTE]);
    },
  );

  it('finish straight from calling starts implicitly, taking the service to have started at the call', () => {
    const hall = calling();
    const t = current(hall);
    const calledAt = hall.now;
    hall.advance(6);
    const d = hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    expect(d.events.map((e) => e.type)).toEqual(['ticket.started', 'ticket.finished']);
    expect(hall.ticket(t.id)).toMatchObject({ status: 'done', startedAt: calledAt, outcome: 'served' });
    expect(hall.state.serviceDurations.get('A')).toEqual([6 * MINUTE]);
  });

  it.each(['no_show', 'cancelled_by_holder', 'cancelled_by_staff', 'reset', 'bogus'])(
    'finish refuses the outcome %s with INVALID_OUTCOME',
    (outcome) => {
      const hall = calling();
      expect(codeOf(finishService(hall.state, 'c1', outcome as Outcome, hall.ctx))).toBe('INVALID_OUTCOME');
      expect(current(hall).status).toBe('called');
    },
  );

  it('finish is refused at a counter with no current ticket', () => {
    const hall = calling();
    expect(codeOf(finishService(hall.state, 'c2', 'served', hall.ctx))).toBe('TICKET_NOT_CURRENT');
  });
});

describe('markNoShow', () => {
  it('marks the called ticket no-show and frees the counter; not once service has started', () => {
    const hall = calling();
    const t = current(hall);
    hall.commit(markNoShow(hall.state, 'c1', hall.ctx));
    expect(hall.ticket(t.id)).toMatchObject({ status: 'no_show', outcome: 'no_show' });
    expect(hall.log.at(-1)).toMatchObject({ type: 'ticket.no_show', auto: false });
    expect(hall.counter('c1').state).toBe('idle');

    hall.commit(callNext(hall.state, 'c1', hall.ctx));
    hall.commit(startService(hall.state, 'c1', hall.ctx));
    expect(codeOf(markNoShow(hall.state, 'c1', hall.ctx))).toBe('TICKET_NOT_CURRENT');
  });
});

describe('parkTicket', () => {
  it.each([false, true])('parks the current ticket (serving: %s) and frees the counter', (serving) => {
    const hall = calling();
    const t = current(hall);
    if (serving) hall.commit(startService(hall.state, 'c1', hall.ctx));
    hall.commit(parkTicket(hall.state, 'c1', null, hall.ctx));
    expect(hall.ticket(t.id).status).toBe('parked');
    expect(hall.counter('c1')).toMatchObject({ state: 'idle', currentTicketId: null });
    expect(pickNext(hall.state, hall.counter('c1'), hall.now)?.ticket.code).toBe('A002');
  });
});

describe('transferTicket', () => {
  it('to another service: the ticket waits there and remembers where it came from', () => {
    const hall = calling();
    const t = current(hall);
    hall.commit(transferTicket(hall.state, 'c1', { toServiceId: 'B', placement: 'last' }, hall.ctx));
    expect(hall.ticket(t.id)).toMatchObject({
      status: 'waiting',
      serviceId: 'B',
      originServiceId: 'A',
      counterId: null,
      callCount: 0,
      queuedAt: hall.now,
      code: 'A001',
    });
    expect(hall.counter('c1')).toMatchObject({ state: 'idle', currentTicketId: null });
    expect(pickNext(hall.state, hall.counter('c2'), hall.now)?.ticket.id).toBe(t.id);
  });

  it('to a counter: the ticket waits for that counter only and is called there first', () => {
    const hall = calling();
    const t = current(hall);
    hall.commit(transferTicket(hall.state, 'c1', { toCounterId: 'c2', placement: 'last' }, hall.ctx));
    expect(hall.ticket(t.id)).toMatchObject({ status: 'waiting', serviceId: 'A', targetCounterId: 'c2' });
    expect(pickNext(hall.state, hall.counter('c1'), hall.now)?.ticket.code).toBe('A002');
    expect(pickNext(hall.state, hall.counter('c2'), hall.now)).toMatchObject({
      ticket: { id: t.id },
      rule: 'counter_transfer',
    });
  });

  it('records the serving time so far when a ticket in service is transferred', () => {
    const hall = calling();
    hall.commit(startService(hall.state, 'c1', hall.ctx));
    hall.advance(4);
    hall.commit(transferTicket(hall.state, 'c1', { toServiceId: 'B', placement: 'last' }, hall.ctx));
    expect(hall.state.serviceDurations.get('A')).toEqual([4 * MINUTE]);
  });

  // B has B001 (issued at T0+10), B002 (T0+11), B003 (T0+12) waiting. c1 transfers A001 (issued T0).
  it.each([
    ['first', ['A001', 'B001', 'B002', 'B003']],
    ['last', ['B001', 'B002', 'B003', 'A001']],
    ['arrival', ['A001', 'B001', 'B002', 'B003']],
  ] as const)('placement %s puts the ticket at that place in the queue it joins', (placement, order) => {
    const hall = calling();
    const t = current(hall);
    hall.setNow(hall.ticket('T1').issuedAt + 10 * MINUTE);
    for (let i = 0; i < 3; i++) hall.issueThen('B');
    hall.commit(transferTicket(hall.state, 'c1', { toServiceId: 'B', placement }, hall.ctx));
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const d = hall.commit(callNext(hall.state, 'c2', hall.ctx));
      codes.push(hall.ticket(d.ticketId ?? '-').code);
      hall.commit(finishService(hall.state, 'c2', 'served', hall.ctx));
    }
    expect(codes).toEqual(order);
    expect(t.id).toBe('T1');
  });

  it('placement arrival puts the ticket behind tickets that arrived before it', () => {
    const hall = new Hall();
    hall.issueThen('B'); // B001 at T0
    hall.issueThen('A'); // A001 at T0+1
    hall.issueThen('B'); // B002 at T0+2
    hall.commit(callNext(hall.state, 'c1', hall.ctx)); // A001
    hall.commit(transferTicket(hall.state, 'c1', { toServiceId: 'B', placement: 'arrival' }, hall.ctx));
    hall.commit(callNext(hall.state, 'c2', hall.ctx));
    expect(current(hall, 'c2').code).toBe('B001');
    hall.commit(finishService(hall.state, 'c2', 'served', hall.ctx));
    hall.commit(callNext(hall.state, 'c2', hall.ctx));
    expect(current(hall, 'c2').code).toBe('A001');
  });

  it.each([
    ['no target', {}, 'INVALID_TARGET'],
    ['an unknown service', { toServiceId: 'Z' }, 'INVALID_TARGET'],
    ['an unknown counter', { toCounterId: 'c9' }, 'INVALID_TARGET'],
  ])('refuses %s', (_label, target, code) => {
    const hall = calling();
    expect(codeOf(transferTicket(hall.state, 'c1', { ...target, placement: 'last' }, hall.ctx))).toBe(code);
    expect(codeOf(transferTicket(hall.state, 'c2', { toServiceId: 'B', placement: 'last' }, hall.ctx))).toBe(
      'TICKET_NOT_CURRENT',
    );
  });
});

describe('pause, resume, open and close', () => {
  it('pause needs a reason and an idle counter; resume makes it idle again', () => {
    const hall = new Hall();
    expect(codeOf(pauseCounter(hall.state, 'c1', '   ', hall.ctx))).toBe('REASON_REQUIRED');
    hall.commit(pauseCounter(hall.state, 'c1', ' lunch ', hall.ctx));
    expect(hall.counter('c1')).toMatchObject({ state: 'paused', pauseReason: 'lunch' });
    expect(codeOf(pauseCounter(hall.state, 'c1', 'again', hall.ctx))).toBe('COUNTER_PAUSED');
    hall.issue('A');
    expect(codeOf(callNext(hall.state, 'c1', hall.ctx))).toBe('COUNTER_PAUSED');
    hall.commit(resumeCounter(hall.state, 'c1', hall.ctx));
    expect(hall.counter('c1')).toMatchObject({ state: 'idle', pauseReason: null });
    expect(codeOf(resumeCounter(hall.state, 'c1', hall.ctx))).toBe('COUNTER_IDLE');
  });

  it('pause is refused while the counter holds a ticket', () => {
    const hall = calling();
    expect(codeOf(pauseCounter(hall.state, 'c1', 'lunch', hall.ctx))).toBe('COUNTER_BUSY');
  });

  it('close needs a reason, is refused while holding a ticket, and open brings the clerk back', () => {
    const hall = calling();
    expect(codeOf(closeCounter(hall.state, 'c1', '', hall.ctx))).toBe('REASON_REQUIRED');
    expect(codeOf(closeCounter(hall.state, 'c1', 'end of shift', hall.ctx))).toBe('COUNTER_BUSY');
    hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    hall.commit(closeCounter(hall.state, 'c1', 'end of shift', hall.ctx));
    expect(hall.counter('c1')).toMatchObject({ state: 'closed', clerkId: null, pauseReason: 'end of shift' });
    expect(codeOf(closeCounter(hall.state, 'c1', 'again', hall.ctx))).toBe('COUNTER_CLOSED');
    expect(codeOf(callNext(hall.state, 'c1', hall.ctx))).toBe('COUNTER_CLOSED');
    hall.commit(openCounter(hall.state, 'c1', 'alice', hall.ctx));
    expect(hall.counter('c1')).toMatchObject({ state: 'idle', clerkId: 'alice', pauseReason: null });
  });

  it('a paused counter can be closed', () => {
    const hall = new Hall();
    hall.commit(pauseCounter(hall.state, 'c1', 'lunch', hall.ctx));
    hall.commit(closeCounter(hall.state, 'c1', 'gone home', hall.ctx));
    expect(hall.counter('c1').state).toBe('closed');
  });

  it('open is refused on an open counter: COUNTER_TAKEN for another clerk, else COUNTER_ALREADY_OPEN', () => {
    const hall = new Hall(); // c1 is open for clerk-c1
    expect(codeOf(openCounter(hall.state, 'c1', 'bob', hall.ctx))).toBe('COUNTER_TAKEN');
    expect(codeOf(openCounter(hall.state, 'c1', 'clerk-c1', hall.ctx))).toBe('COUNTER_ALREADY_OPEN');
    expect(codeOf(openCounter(hall.state, 'c1', null, hall.ctx))).toBe('COUNTER_ALREADY_OPEN');
  });
});
