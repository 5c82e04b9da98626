import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from './open.js';
import { QueueStore, type TicketRow } from './queue-store.js';
import { tickets } from './schema/index.js';

function ticket(id: string, day: string, status: string, extra: Partial<TicketRow> = {}): TicketRow {
  return {
    id,
    branchId: 'b1',
    serviceId: 's1',
    businessDay: day,
    seq: Number(id.slice(1)),
    code: `A${id.slice(1)}`,
    ticketClass: 'normal',
    status,
    rank: 1.5,
    issuedAt: 1_000,
    queuedAt: 1_000,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    counterId: null,
    targetCounterId: null,
    callCount: 0,
    callRule: null,
    callRuleDetail: null,
    outcome: null,
    estimatedWaitAtIssue: null,
    locale: 'zh-CN',
    trackKey: `k${id}`,
    personHash: null,
    personMasked: null,
    originServiceId: null,
    issuedServiceId: 's1',
    idempotencyKey: null,
    issuedBy: null,
    notRatedAt: null,
    ...extra,
  };
}

describe('QueueStore.loadLiveTickets', () => {
  const db = openDb(':memory:');
  const store = new QueueStore(db);
  store.saveTicket(ticket('t1', '2026-03-30', 'waiting', { estimatedWaitAtIssue: 12 }));
  store.saveTicket(
    ticket('t2', '2026-03-30', 'done', { calledAt: 2_000, finishedAt: 3_000, outcome: 'served' }),
  );
  store.saveTicket(ticket('t3', '2026-03-29', 'parked', { counterId: 'c1', callCount: 2, rank: 0.25 }));
  store.saveTicket(ticket('t4', '2026-03-29', 'done'));
  db.$client.prepare("update tickets set not_rated_at = 4000 where id = 't2'").run();

  it("gives today's tickets and older active ones exactly as drizzle reads them", () => {
    const viaDrizzle = db
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.branchId, 'b1'),
          sql`(${tickets.businessDay} = '2026-03-30' or ${tickets.status} in ('waiting','called','serving','parked'))`,
        ),
      )
      .all();
    const live = store.loadLiveTickets('b1', '2026-03-30');
    const byId = (a: TicketRow, b: TicketRow) => a.id.localeCompare(b.id);
    expect(live.map((t) => t.id).sort()).toEqual(['t1', 't2', 't3']);
    expect([...live].sort(byId)).toStrictEqual([...viaDrizzle].sort(byId));
    expect(live.find((t) => t.id === 't2')?.notRatedAt).toBe(4000);
  });

  it('gives only the active tickets when no day is recorded', () => {
    expect(
      store
        .loadLiveTickets('b1', null)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['t1', 't3']);
    expect(store.loadLiveTickets('other', '2026-03-30')).toEqual([]);
  });
});
