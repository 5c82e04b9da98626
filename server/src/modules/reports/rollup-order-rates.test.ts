import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CaseStore, type Db, openDb, ReportReads, wrapConnection } from '@guichet/db';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterOpenRate, sumOpenRates } from '../../core/open-rate.js';
import { callOrderByClerk, outOfOrderCalls } from '../../core/out-of-order.js';
import { type RatesBy, ratingsReport } from '../cases/rates.js';
import { installErrorHandler } from '../http/errors.js';
import { GZIP_FROM_BYTES } from './answer.js';
import { ticketDetails } from './day-facts.js';
import { inProcessHost, workerHost } from './host.js';
import { addDays, datesBetween, dayStart, weekdayOf } from './period.js';
import type { CallOrderReport, CallOrderRow } from './protocol.js';
import { reportsRoutes } from './routes.js';
import { writeSyntheticHall } from './synthetic.js';

/**
 * Call order, open rate and the 好差评 rates of a generated month, rolled up per closed day,
 * against the raw computation over the whole period (core functions over raw events and rows);
 * the call list paged with a cursor; a report over its time answered 503 REPORT_TIMEOUT.
 */
const FROM = '2026-01-01';
const TO = '2026-01-31';
const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2026-02-01T10:00:00+08:00');
const q = { branchId: 'b1', from: FROM, to: TO };
const HOURS = [
  { open: '08:30', close: '12:00' },
  { open: '13:00', close: '23:00' },
];

let dir: string;
let file: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-rollup-order-'));
  file = join(dir, 'hall.sqlite');
  db = openDb(file, { synchronous: 'NORMAL' });
  writeSyntheticHall(db, { from: FROM, days: 31, ticketsPerDay: 120, seed: 11 });
  const hours = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, HOURS]));
  db.$client
    .prepare('update branches set settings = ? where id = ?')
    .run(JSON.stringify({ hours, exceptions: [{ date: '2026-01-01', intervals: [] }] }), 'b1');
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function profilesOf(reads: ReportReads) {
  return new Map(
    reads.counters('b1').map((c) => {
      const p = JSON.parse(c.profile) as { services?: { serviceId: string }[] };
      return [c.id, new Set((p.services ?? []).map((s) => s.serviceId))];
    }),
  );
}

describe('call order, open rate and ratings rolled up per day', () => {
  it('call order: per-clerk totals and every call equal the raw computation, page after page', async () => {
    const reads = new ReportReads(db.$client);
    const profiles = profilesOf(reads);
    const rawCalls: { day: string; ticketId: string; calledAt: number; rule: string }[] = [];
    const clerks = new Map<string, { calls: number; outOfOrder: number; byRule: Record<string, number> }>();
    for (const day of datesBetween(FROM, TO)) {
      const legs = ticketDetails(reads.dayTickets('b1', day), reads.dayEvents('b1', day), []).flatMap(
        (d) => d.legs,
      );
      const out = outOfOrderCalls(legs, profiles);
      for (const c of out) rawCalls.push({ day, ticketId: c.ticketId, calledAt: c.calledAt, rule: c.rule });
      for (const r of callOrderByClerk(legs, out)) {
        const c = clerks.get(r.clerkId) ?? { calls: 0, outOfOrder: 0, byRule: {} };
        c.calls += r.calls;
        c.outOfOrder += r.outOfOrder;
        for (const [k, n] of Object.entries(r.byRule)) c.byRule[k] = (c.byRule[k] ?? 0) + n;
        clerks.set(r.clerkId, c);
      }
    }
    expect(rawCalls.length).toBeGreaterThan(200);
    const host = inProcessHost(db, () => NOW);
    const pages: CallOrderRow[][] = [];
    let cursor: string | null = null;
    let first: CallOrderReport | null = null;
    do {
      const page: CallOrderReport = await host.run({
        kind: 'call-order',
        query: { ...q, cursor, limit: 97 },
      });
      first ??= page;
      expect(page.clerks).toEqual(first.clerks);
      pages.push(page.calls);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.slice(0, -1).every((p) => p.length === 97)).toBe(true);
    const rolled = pages.flat();
    expect(rolled.map((c) => [c.businessDay, c.ticketId, c.rule])).toEqual(
      rawCalls.map((c) => [c.day, c.ticketId, c.rule]),
    );
    expect(first!.totalCalls).toBe(rawCalls.length);
    expect(
      Object.fromEntries(
        first!.clerks.map(({ clerkId, calls, outOfOrder, byRule }) => [
          clerkId,
          { calls, outOfOrder, byRule },
        ]),
      ),
    ).toEqual(Object.fromEntries(clerks));
    await host.close();
  });

  it('open rate: every counter and day equals the raw events against the hours', async () => {
    const reads = new ReportReads(db.$client);
    const host = inProcessHost(db, () => NOW);
    const r = await host.run({ kind: 'open-rate', query: q });
    const branch = JSON.parse(reads.branchSettings('b1')!);
    const events = reads.counterEvents('b1', dayStart(addDays(FROM, -1), TZ), dayStart(addDays(TO, 1), TZ));
    const open = new Set<string>();
    const raw = [];
    for (const date of datesBetween(FROM, TO)) {
      const start = dayStart(date, TZ);
      const end = dayStart(addDays(date, 1), TZ);
      const mine = events.filter((e) => e.at >= start && e.at < end && /opened|closed/.test(e.type));
      const atStart = new Set(open);
      for (const e of mine) e.type === 'counter.opened' ? open.add(e.counterId!) : open.delete(e.counterId!);
      for (const c of reads.counters('b1')) {
        const evs = mine
          .filter((e) => e.counterId === c.id)
          .map((e) => ({ type: e.type as 'counter.opened', at: e.at, reason: e.reason }));
        const day = { counterId: c.id, date, weekday: weekdayOf(date), dayStart: start, dayEnd: end };
        raw.push(counterOpenRate(branch, { ...day, openAtStart: atStart.has(c.id), events: evs }));
      }
    }
    expect(r.days.map(({ businessDay: _d, counterId: _c, counter: _l, ...x }) => x)).toEqual(raw);
    expect(r.totals).toEqual(sumOpenRates(raw));
    expect(r.totals.scheduledSeconds).toBeGreaterThan(0);
    expect(r.totals.closes).toBeGreaterThan(0);
    await host.close();
  });

  it('ratings: every grouping from daily cells equals the report over every rating row', async () => {
    const store = new CaseStore(wrapConnection(db.$client));
    const host = inProcessHost(db, () => NOW);
    for (const by of ['counter', 'clerk', 'service', 'channel', 'day', 'month'] as RatesBy[]) {
      for (const period of [q, { ...q, from: '2026-01-10', to: '2026-02-01' }]) {
        const query = { ...period, timezone: TZ, by, goodLevels: [3, 4, 5], overdue: [] };
        const cells = await host.run({ kind: 'ratings', query });
        expect(cells).toEqual(ratingsReport(store, query));
      }
    }
    const month = await host.run({
      kind: 'ratings',
      query: { ...q, timezone: TZ, by: 'counter', goodLevels: [3, 4, 5], overdue: [] },
    });
    expect(month.totals.rated).toBeGreaterThan(1000);
    expect(month.totals.notRatedCount).toBeGreaterThan(0);
    await host.close();
  });

  it('a large answer goes gzipped to a client that accepts it, encoded in the worker, equal to the plain one', async () => {
    const host = workerHost(file, { rollupFile: join(dir, 'gzip.reports.sqlite'), fixedNow: NOW });
    const app = Fastify();
    installErrorHandler(app);
    await app.register((f) => reportsRoutes(f, { host, principal: () => 'm', canReadBranch: () => true }), {
      prefix: '/api/v1',
    });
    try {
      const url = `/api/v1/branches/b1/reports/call-order?from=${FROM}&to=${TO}`;
      const plain = await app.inject({ url });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(GZIP_FROM_BYTES);
      const zipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/accept-encoding/i);
      expect(zipped.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(zipped.rawPayload.length).toBeLessThan(plain.body.length / 4);
      expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    } finally {
      await app.close();
      await host.close();
    }
  });

  it('a report over its time is answered 503 REPORT_TIMEOUT with a message, and the next one works', async () => {
    const host = workerHost(file, { rollupFile: join(dir, 'timeout.reports.sqlite'), fixedNow: NOW });
    const app = Fastify({ ajv: { customOptions: { coerceTypes: false, removeAdditional: false } } });
    installErrorHandler(app);
    await app.register(
      (f) => reportsRoutes(f, { host, timeoutMs: 1, principal: () => 'm', canReadBranch: () => true }),
      { prefix: '/api/v1' },
    );
    try {
      const r = await app.inject({ url: `/api/v1/branches/b1/reports/call-order?from=${FROM}&to=${TO}` });
      expect(r.statusCode).toBe(503);
      expect(r.json().error).toMatchObject({
        code: 'REPORT_TIMEOUT',
        message: expect.stringMatching(/longer than 1 ms/),
      });
    } finally {
      await app.close();
    }
    const again = await host.run({ kind: 'call-order', query: { ...q, from: TO, to: TO } });
    expect(again.clerks.length).toBeGreaterThan(0);
    await host.close();
  });
});
