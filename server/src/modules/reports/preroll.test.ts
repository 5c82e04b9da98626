import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { workerHost } from './host.js';
import type { SummaryReport } from './protocol.js';
import { handWorkedDay } from './test-hall.js';

/** The worker rolls closed days up while idle: the first report then reads the cache. */
describe('pre-rolling closed days at idle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-preroll-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rolls the closed day up before any report asks, and the report answers from it', async () => {
    const file = join(dir, 'hall.sqlite');
    const h = handWorkedDay(file);
    h.at(Date.parse('2026-03-30T06:00:00+02:00')).rollover();
    h.db.$client.close();
    const rollupFile = join(dir, 'hall.reports.sqlite');
    const host = workerHost(file, {
      rollupFile,
      fixedNow: Date.parse('2026-03-31T10:00:00+02:00'),
      prerollIdleMs: 50,
    });
    try {
      const rolled = () => {
        try {
          const ro = new Database(rollupFile, { readonly: true, fileMustExist: true });
          const days = ro.prepare('select day from days order by day').pluck().all();
          ro.close();
          return days;
        } catch {
          return [];
        }
      };
      const end = Date.now() + 20_000;
      while (rolled().length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(rolled()).toContain('2026-03-29');
      const query = { branchId: 'b1', from: '2026-03-29', to: '2026-03-29', by: 'service' as const };
      const r = (await host.run({ kind: 'summary', query })) as SummaryReport;
      expect(r.days).toEqual({ rolledUp: 1, raw: 0 });
      expect(r.totals).toMatchObject({ issued: 5, served: 3 });
    } finally {
      await host.close();
    }
  });
});
