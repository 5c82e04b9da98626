import { describe, expect, it } from 'vitest';
import { callNext, finishService } from './counter-commands.js';
import { aheadOf, eligibleFor, orderFor, pickNext } from './routing.js';
import { reindexTicket } from './state.js';
import { Hall, MINUTE } from './test-support.js';
import { transferTicket } from './transfer.js';

/** Calls next at a counter and returns the code called (or null), with its stored rule. */
function callAt(hall: Hall, counterId: string) {
  const d = hall.commit(callNext(hall.state, counterId, hall.ctx));
  if (!d.ticketId) return null;
  const t = hall.ticket(d.ticketId);
  return { code: t.code, rule: t.callRule, detail: t.callRuleDetail };
}

describe('callNext order', () => {
  it('callNext returns no ticket and no event when nothing waits for the counter', () => {
    const hall = new Hall();
    const r = callNext(hall.state, 'c1', hall.ctx);
    expect(r.ok && r.data).toEqual({ events: [], counterId: 'c1', ticketId: null });
  });

  it('level_fifo: the counter takes its level-1 queue first, longest-queued first', () => {
    const hall = new Hall();
    hall.issueThen('B'); // B001, the oldest overall
    hall.issueThen('A'); // A001
    hall.issueThen('A'); // A002
    expect(callAt(hall, 'c1')).toEqual({
      code: 'A001',
      rule: 'level_fifo',
      detail: 'level 1, longest waiting',
    });
    expect(callAt(hall, 'c2')).toEqual({
      code: 'B001',
      rule: 'level_fifo',
      detail: 'level 1, longest waiting',
    });
  });

  it('level_fifo: falls back to a lower level when its first queue is empty', () => {
    const hall = new Hall();
    hall.issueThen('B');
    expect(callAt(hall, 'c1')).toEqual({
      code: 'B001',
      rule: 'level_fifo',
      detail: 'level 2, longest waiting',
    });
  });

  it('level_fifo: equal levels share by longest wait across services', () => {
    const hall = new Hall({ counters: [{ id: 'c1', number: 1, levels: { A: 1, B: 1 } }] });
    hall.issueThen('A');
    hall.issueThen('B');
    hall.issueThen('A');
    const calls = [];
    for (let i = 0; i < 3; i++) {
      calls.push(callAt(hall, 'c1')?.code);
      hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    }
    expect(calls).toEqual(['A001', 'B001', 'A002']);
  });

  it('a counter never calls a service outside its profile', () => {
    const hall = new Hall({ counters: [{ id: 'c1', number: 1, levels: { A: 1 } }] });
    hall.issue('B');
    expect(callAt(hall, 'c1')).toBeNull();
  });

  it('priority_class: a priority ticket goes before older normal tickets, and the rule says why', () => {
    const hall = new Hall();
    hall.issueThen('A');
    hall.issueThen('A', 1, 'priority');
    expect(callAt(hall, 'c1')).toEqual({
      code: 'A002',
      rule: 'priority_class',
      detail: 'priority ticket, level 1',
    });
  });

  it('priority_class: priority tickets are ordered by the counter level of their service, then rank', () => {
    const hall = new Hall();
    hall.issueThen('B', 1, 'priority'); // B001, older, but B is level 2 at c1
    hall.issueThen('A', 1, 'appointment'); // A001
    hall.issueThen('A', 1, 'priority'); // A002
    expect(orderFor(hall.state, hall.counter('c1'), hall.now).map((p) => [p.ticket.code, p.rule])).toEqual([
      ['A001', 'priority_class'],
      ['A002', 'priority_class'],
      ['B001', 'priority_class'],
    ]);
    expect(callAt(hall, 'c1')).toMatchObject({ code: 'A001', detail: 'appointment ticket, level 1' });
  });

  it('overdue_rule: a lower-level queue whose head waited past the rule is served before level 1', () => {
    const hall = new Hall({
      counters: [
        {
          id: 'c1',
          number: 1,
          levels: { A: 1, B: 2 },
          rules: [{ kind: 'overdue', serviceId: 'B', minutes: 20 }],
        },
      ],
    });
    hall.issue('B'); // B001 at T0
    hall.advance(5);
    hall.issue('A'); // A001 at T0+5
    hall.advance(14); // B001 has waited 19 minutes
    expect(pickNext(hall.state, hall.counter('c1'), hall.now)?.ticket.code).toBe('A001');
    hall.advance(1); // 20 minutes
    expect(callAt(hall, 'c1')).toEqual({
      code: 'B001',
      rule: 'overdue_rule',
      detail: 'waited 20 min, over the 20 min rule',
    });
  });

  it('overdue_rule: a rule for a service outside the profile is ignored', () => {
    const hall = new Hall({
      counters: [
        { id: 'c1', number: 1, levels: { A: 1 }, rules: [{ kind: 'overdue', serviceId: 'B', minutes: 1 }] },
      ],
    });
    hall.issue('B');
    hall.advance(60);
    expect(callAt(hall, 'c1')).toBeNull();
  });

  it('priority_class comes before overdue_rule', () => {
    const hall = new Hall({
      counters: [
        {
          id: 'c1',
          number: 1,
          levels: { A: 1, B: 2 },
          rules: [{ kind: 'overdue', serviceId: 'B', minutes: 5 }],
        },
      ],
    });
    hall.issueThen('B', 30);
    hall.issue('A', 'priority');
    expect(callAt(hall, 'c1')?.rule).toBe('priority_class');
    hall.commit(finishService(hall.state, 'c1', 'served', hall.ctx));
    expect(callAt(hall, 'c1')?.rule).toBe('overdue_rule');
  });

  it('orderFor lists the whole order with the rule that places each ticket', () => {
    const hall = new Hall({
      counters: [
        {
          id: 'c1',
          number: 1,
          levels: { A: 1, B: 2 },
          rules: [{ kind: 'overdue', serviceId: 'B', minutes: 10 }],
        },
      ],
    });
    hall.issueThen('B', 2); // B001 at 0
    hall.issueThen('B', 2); // B002 at 2
    hall.issueThen('A', 2); // A001 at 4
    hall.issueThen('A', 2, 'priority'); // A002 at 6
    hall.setNow(hall.now + 3 * MINUTE); // now = 11: B001 waited 11, B002 waited 9
    expect(
      orderFor(hall.state, hall.counter('c1'), hall.now).map((p) => `${p.ticket.code}:${p.rule}`),
    ).toEqual(['A002:priority_class', 'B001:overdue_rule', 'A001:level_fifo', 'B002:level_fifo']);
  });

  it('counter_transfer: a ticket transferred to this counter comes before everything, and only here', () => {
    const hall = new Hall();
    const b = hall.issueThen('B');
    hall.issueThen('A', 1, 'priority');
    b.targetCounterId = 'c1';
    // Changed by hand, not by an event: the waiting index is told, as applyEvent would.
    reindexTicket(hall.state, b.id);
    expect(callAt(hall, 'c1')).toEqual({
      code: 'B001',
      rule: 'counter_transfer',
      detail: 'transferred to counter 1',
    });
    expect(hall.ticket(b.id).targetCounterId).toBeNull();
  });

  it('a ticket transferred to another counter is not eligible here, even in a served service', () => {
    const hall = new Hall();
    const a = hall.issue('A');
    a.targetCounterId = 'c2';
    expect(eligibleFor(hall.state, hall.counter('c1'))).toEqual([]);
    expect(eligibleFor(hall.state, hall.counter('c2')).map((t) => t.code)).toEqual(['A001']);
  });

  it('a ticket sent to a counter that has closed waits in its service queue again, for any counter', () => {
    const hall = new Hall();
    const a = hall.issue('A');
    a.targetCounterId = 'c2';
    hall.counter('c2').state = 'closed';
    expect(eligibleFor(hall.state, hall.counter('c1')).map((t) => t.code)).toEqual(['A001']);
    expect(pickNext(hall.state, hall.counter('c1'), hall.now)?.rule).toBe('level_fifo');
  });

  it('a transfer to a closed counter is refused with COUNTER_CLOSED', () => {
    const hall = new Hall();
    hall.issue('A');
    hall.commit(callNext(hall.state, 'c1', hall.ctx));
    hall.counter('c2').state = 'closed';
    const r = transferTicket(hall.state, 'c1', { toCounterId: 'c2', placement: 'last' }, hall.ctx);
    expect(r.ok ? 'ok' : r.error.code).toBe('COUNTER_CLOSED');
  });

  it('aheadOf counts same-service waiting tickets before it, priority ones first', () => {
    const hall = new Hall();
    const a1 = hall.issueThen('A');
    const a2 = hall.issueThen('A');
    const p = hall.issueThen('A', 1, 'priority');
    hall.issueThen('B');
    expect([aheadOf(hall.state, a1), aheadOf(hall.state, a2), aheadOf(hall.state, p)]).toEqual([1, 2, 0]);
  });
});
