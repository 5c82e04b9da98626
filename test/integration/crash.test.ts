import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchSnapshot, IssuedTicket } from '../../server/src/protocol/index.js';
import { api, login, type RunningServer, startServer } from '../support/server.js';
import { BRANCH, issue, readTickets } from './helpers.js';

const SERVICES = ['svc-social', 'svc-medical', 'svc-employment'] as const;
const LOOPS = 4;
/** Per loop and burst: keeps a burst under the issue route's 600-a-minute limit. */
const MAX_PER_LOOP = 120;

interface Acked {
  id: string;
  code: string;
  serviceId: string;
  key: string;
}

/**
 * Four kiosks issuing as fast as they are answered, each request with its own Idempotency-Key.
 * Returns the acknowledged tickets and the keys whose answer never came (in flight at the kill).
 */
function burst(server: RunningServer, round: number) {
  const acked: Acked[] = [];
  const lost: { key: string; serviceId: string }[] = [];
  const refused: number[] = [];
  const loops = Array.from({ length: LOOPS }, async (_, loop) => {
    for (let i = 0; i < MAX_PER_LOOP; i++) {
      const serviceId = SERVICES[(loop + i) % SERVICES.length]!;
      const key = `crash-${round}-${loop}-${i}`;
      let r: { status: number; body: IssuedTicket };
      try {
        r = await issue(server, serviceId, { key });
      } catch {
        lost.push({ key, serviceId });
        return; // the server is gone
      }
      if (r.status === 201)
        acked.push({ id: r.body.id, code: r.body.code, serviceId: r.body.serviceId, key });
      else refused.push(r.status);
    }
  });
  return { acked, lost, refused, done: Promise.all(loops) };
}

describe('SIGKILL during a burst of ticket issues', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('keeps every acknowledged ticket, never repeats a number and continues after the highest', async () => {
    const allAcked: Acked[] = [];
    const measured: string[] = [];

    for (let round = 1; round <= 2; round++) {
      const b = burst(server, round);
      const started = Date.now();
      await new Promise((r) => setTimeout(r, 1_500));
      await server.kill();
      await b.done;
      const burstMs = Date.now() - started;
      expect(b.refused).toEqual([]);
      // The kill really landed mid-burst: tickets were acknowledged and at least one loop was cut off.
      expect(b.acked.length).toBeGreaterThan(0);
      expect(b.lost.length).toBeGreaterThan(0);
      allAcked.push(...b.acked);

      const restartAt = Date.now();
      await server.restart();
      measured.push(
        `kill ${round}: ${b.acked.length} acknowledged in ${burstMs} ms, ${b.lost.length} in flight; restart ${Date.now() - restartAt} ms`,
      );

      // Every acknowledged ticket is in the live queue with the same code and service.
      const manager = await login(server, 'manager');
      const queue = await api<BranchSnapshot>(server, 'GET', `/branches/${BRANCH}/queue`, { token: manager });
      expect(queue.status).toBe(200);
      const live = new Map(queue.body.tickets.map((t) => [t.id, t]));
      const missing = allAcked.filter((a) => live.get(a.id)?.code !== a.code);
      expect(missing, 'acknowledged tickets missing after restart').toEqual([]);
      for (const a of allAcked) expect(live.get(a.id)!.serviceId).toBe(a.serviceId);

      // And in the SQLite file, where no (service, day, number) repeats.
      const rows = readTickets(server);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const a of allAcked) expect(byId.get(a.id)?.code, a.key).toBe(a.code);
      const numbers = rows.map((r) => `${r.service_id}/${r.code}`);
      expect(new Set(numbers).size).toBe(numbers.length);

      // A request whose answer was lost is safe to retry: same ticket if it was committed, else a new one.
      for (const l of b.lost) {
        const before = rows.find((r) => r.idempotency_key === l.key);
        const retry = await issue(server, l.serviceId, { key: l.key });
        if (before) {
          expect(retry.status, l.key).toBe(200);
          expect(retry.body.id).toBe(before.id);
        } else {
          expect(retry.status, l.key).toBe(201);
        }
      }

      // Issuing continues after the highest number of each service: nothing is reused.
      const highest = new Map<string, number>();
      for (const r of readTickets(server))
        highest.set(r.service_id, Math.max(highest.get(r.service_id) ?? 0, r.seq));
      for (const serviceId of SERVICES) {
        const next = await issue(server, serviceId, { key: `crash-${round}-after-${serviceId}` });
        expect(next.status).toBe(201);
        const row = readTickets(server).find((r) => r.id === next.body.id)!;
        expect(row.seq, serviceId).toBe(highest.get(serviceId)! + 1);
        expect(next.body.code.endsWith(String(row.seq))).toBe(true);
      }
      const after = readTickets(server).map((r) => `${r.service_id}/${r.code}`);
      expect(new Set(after).size).toBe(after.length);
    }
    console.log(`crash: ${measured.join('; ')}; ${allAcked.length} acknowledged in all`);
  }, 58_000);
});
