import { openReadOnly, ReportReads } from '@guichet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDomainEvent } from '../../server/src/modules/reports/day-facts.js';
import { login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { counter, issue, until } from './helpers.js';

/**
 * How a ticket's lifecycle is stored: the start a finish implies lives in the finish's row and
 * reads back as its own event; the clerk's actions are their own audit entries (address kept, no
 * audit_log copy); a pad's "not rated" is a mark on the ticket row that reads as a rating of null.
 */
describe("a ticket's lifecycle in the database", () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await build({ db: 'file', env: { GUICHET_RATING_TIMEOUT_SECONDS: '5' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('stores issue, call and finish as three rows and reads back four events, then "not rated"', async () => {
    const clerk = await login(server, 'clerk1');
    const t = await issue(server, 'svc-social');
    expect((await counter(server, clerk, 'ctr-1', 'open')).status).toBe(200);
    expect((await counter(server, clerk, 'ctr-1', 'call-next')).status).toBe(200);
    expect((await counter(server, clerk, 'ctr-1', 'finish')).status).toBe(200);
    const client = openReadOnly(server.dbFile);
    try {
      const rows = client
        .prepare('select type, ip, payload from events where ticket_id = ? order by id')
        .all(t.body.id) as { type: string; ip: string | null; payload: string }[];
      expect(rows.map((r) => [r.type, r.ip])).toEqual([
        ['ticket.issued', null],
        ['ticket.called', '127.0.0.1'],
        ['ticket.finished', '127.0.0.1'],
      ]);
      // The call's count (always 1), the usual outcome and the implied start's instant are not
      // stored: the finish keeps how long before it the service started.
      expect(JSON.parse(rows[1]!.payload)).toEqual({ rule: 'level_fifo' });
      expect(Object.keys(JSON.parse(rows[2]!.payload))).toEqual(['implicitStartMs']);
      expect(
        client.prepare("select count(*) from audit_log where action like 'ticket.%'").pluck().get(),
      ).toBe(0);
      const reads = new ReportReads(client);
      const events = reads.eventsOfTickets([t.body.id]);
      expect(events.map((e) => [e.type, e.reason])).toEqual([
        ['ticket.issued', null],
        ['ticket.called', expect.any(String)],
        ['ticket.started', 'implicit start'],
        ['ticket.finished', null],
      ]);
      expect(events[2]!.at).toBe(events[1]!.at);
      // Reports read the call back whole.
      expect(toDomainEvent(events[1]!)).toMatchObject({
        type: 'ticket.called',
        rule: 'level_fifo',
        callCount: 1,
      });
      expect(JSON.parse(events[3]!.payload)).toEqual({ outcome: 'served' });

      // The pad's time runs out: a mark on the row, read as a rating of null.
      await until(
        () => client.prepare('select not_rated_at from tickets where id = ?').pluck().get(t.body.id) !== null,
        15_000,
        'not rated',
      );
      expect(client.prepare('select count(*) from ratings').pluck().get()).toBe(0);
      expect(reads.ratingsOfTickets([t.body.id])).toEqual([{ ticketId: t.body.id, score: null }]);
    } finally {
      client.close();
    }
  });
});
