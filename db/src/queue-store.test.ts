import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from './open.js';
import { QueueStore, type TicketRow } from './queue-store.js';
import { tickets } from './schema/index.js';

/** A ticket row: every column empty but the ones a ticket must have, then `extra`. */
function ticket(id: string, day: string, status: string, extra: Partial<TicketRow> = {}): TicketRow {
  const empty = Object.fromEntries(Object.keys(getTableColumns(tickets)).map((k) => [k, null]));
  const n = Number(id.slice(1));
  const required = { id, branchId: 'b1', serviceId: 's1', issuedServiceId: 's1', businessDay: day, seq: n };
  const shown = { code: `A${n}`, ticketClass: 'normal', status, locale: 'zh-CN', trackKey: `k${id}` };
  const queued = { rank: 1.5, issuedAt: 1_000, queuedAt: 1_000, callCount: 0 };
  return { ...empty, ...required, ...shown, ...queued, ...extra } as TicketRow;
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
