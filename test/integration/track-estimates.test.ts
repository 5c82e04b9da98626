import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicTicketView } from '../../server/src/protocol/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { connect, connected, counter, type GuichetClient, issue, until } from './helpers.js';

/**
 * The pass that tells phones following tickets their new place after a call takes every
 * estimate from one simulation of the hall (waitEstimates); each phone must read what its own
 * page reads, which simulates that ticket alone. A fixed clock makes the two exactly comparable.
 */
describe('phones following tickets, after a call', () => {
  let server: TestApp;
  let clerk: string;
  const now = Date.parse('2026-12-01T02:00:00Z'); // Tuesday 10:00 in the demo hall

  beforeAll(async () => {
    server = await build({ clock: () => now });
    await server.listen();
    clerk = await login(server, 'clerk1');
    expect((await counter(server, clerk, 'ctr-1', 'open')).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('each get the place and estimate their own page shows', async () => {
    const tickets: { id: string; key: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await issue(server, 'svc-social');
      expect(r.status).toBe(201);
      tickets.push({ id: r.body.id, key: new URL(r.body.trackUrl).searchParams.get('k')! });
    }
    const followed = tickets.slice(1);
    const updates = new Map<string, PublicTicketView[]>(followed.map((t) => [t.id, []]));
    const phones: GuichetClient[] = [];
    try {
      for (const t of followed) {
        const phone = connect(server);
        phones.push(phone);
        await connected(phone);
        phone.on('track:updated', (v) => updates.get(v.id)?.push(v));
        const ack = await phone.timeout(5_000).emitWithAck('ticket:track', { ticketId: t.id, key: t.key });
        expect(ack.ok).toBe(true);
      }
      const called = await counter(server, clerk, 'ctr-1', 'call-next');
      expect(called.body.ticket?.id).toBe(tickets[0]!.id);
      await until(
        () => followed.every((t) => updates.get(t.id)!.some((u) => u.ahead === followed.indexOf(t))),
        5_000,
        'track:updated with the new place on every phone',
      );
      const minutes: (number | null)[] = [];
      for (const t of followed) {
        const pushed = updates.get(t.id)!.at(-1)!;
        const page = await api<PublicTicketView>(server, 'GET', `/tickets/${t.id}?key=${t.key}`);
        expect(page.status).toBe(200);
        const fields = (v: PublicTicketView) => ({
          ahead: v.ahead,
          estimatedWaitMinutes: v.estimatedWaitMinutes,
          estimatedWaitRange: v.estimatedWaitRange,
          estimateStatus: v.estimateStatus,
        });
        expect(fields(pushed), t.id).toEqual(fields(page.body));
        minutes.push(pushed.estimatedWaitMinutes);
      }
      // A real estimate (ctr-1 is open), growing along the queue.
      expect(minutes.every((m) => m !== null)).toBe(true);
      expect(minutes).toEqual([...minutes].sort((a, b) => a! - b!));
      expect(minutes[2]!).toBeGreaterThan(minutes[0]!);
    } finally {
      for (const p of phones) p.close();
    }
  });
});
