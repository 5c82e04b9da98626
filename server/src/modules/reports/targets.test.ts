import { AdminStore } from '@guichet/db';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessHost, type ReportsHost } from './host.js';
import type { SummaryReport } from './protocol.js';
import { handWorkedDay } from './test-hall.js';

const at = (hhmm: string) => Date.parse(`2026-03-29T${hhmm}:00+02:00`);

/**
 * Service level against the target in force when each leg began waiting: service A's target
 * goes from 15 to 30 minutes at 08:40 on the hand-worked day. Before the change, A's legs
 * within target were a1 (600 s) and a3 (300 s) of four: 50 %. After it, a2 (issued 08:45,
 * waited 1500 s) is measured against 30 minutes and is within; b1's A leg (from 08:35, 1200 s)
 * still against 15 and over: 3 of 4, 75 %.
 */
describe('effective-dated targets in reports', () => {
  const hosts: ReportsHost[] = [];
  afterAll(async () => {
    for (const h of hosts) await h.close();
  });
  const summary = async (now: number, change: boolean) => {
    const h = handWorkedDay(':memory:');
    if (change) {
      const admin = new AdminStore(h.db);
      admin.addTarget('A', at('07:00'), 15);
      admin.addTarget('A', at('08:40'), 30);
    }
    // The next morning's rollover closes the day: its report then comes from the rollup cache.
    if (now > at('23:59')) h.at(Date.parse('2026-03-30T06:00:00+02:00')).rollover();
    const host = inProcessHost(h.db, () => now);
    hosts.push(host);
    const query = { branchId: 'b1', from: '2026-03-29', to: '2026-03-29', by: 'service' as const };
    return (await host.run({ kind: 'summary', query })) as SummaryReport;
  };

  it('measures each leg against the target in force when it began waiting, today and rolled up', async () => {
    const before = await summary(at('23:00'), false);
    expect(before.rows.find((r) => r.key === 'A')?.slaPercent).toBe(50);
    for (const now of [at('23:00'), Date.parse('2026-03-31T10:00:00+02:00')]) {
      const after = await summary(now, true);
      expect(after.rows.find((r) => r.key === 'A')?.slaPercent).toBe(75);
      const a = after.targets.find((t) => t.serviceId === 'A')!;
      expect(a.inForce).toEqual([
        { effectiveFrom: at('07:00'), targetWaitMinutes: 15 },
        { effectiveFrom: at('08:40'), targetWaitMinutes: 30 },
      ]);
    }
    expect((await summary(Date.parse('2026-03-31T10:00:00+02:00'), true)).days.rolledUp).toBe(1);
  });
});
