import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessHost, type ReportsHost } from './host.js';
import { handWorkedDay, type PersistedHall } from './test-hall.js';

/**
 * A hand-worked day in Europe/Paris on the spring DST change (Sunday 29 March 2026, clocks
 * 02:00 → 03:00, so the hall's 08:00 is 06:00 UTC), driven through the real engine commands and
 * persisted as the server persists it. Every figure below was worked out by hand (see the
 * timeline); the report must give each to the second, computed raw (the day still open) and
 * from the rollup (the day closed).
 */
const at = (hhmm: string) => Date.parse(`2026-03-29T${hhmm}:00+02:00`);

const levels = (l: Partial<Record<1 | 2 | 3 | 4 | 5, number>>) => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, ...l });
const TOTALS = {
  key: 'total',
  issued: 5,
  served: 3,
  noShow: 1,
  abandoned: 1,
  transferred: 1,
  // waits 300, 600, 780, 1200, 1500
  waitMeanSeconds: 876,
  waitMedianSeconds: 780,
  waitP90Seconds: 1500,
  waitMaxSeconds: 1500,
  // handles 1140, 540, 600, 600
  handleMeanSeconds: 720,
  // within 600, 780, 300 of 5 calls + B002 abandoned after 1500 s
  slaPercent: 50,
  ratings: { count: 2, byLevel: levels({ 5: 1, 2: 1 }), bad: 1, notRated: 1 },
  excluded: { wait: 0, handle: 0 },
};

describe.each([
  ['the day still open (raw events)', at('23:00')],
  ['the day closed (rollup)', Date.parse('2026-03-30T12:00:00+02:00')],
])('a hand-worked DST day, %s', (_name, now) => {
  let h: PersistedHall;
  let host: ReportsHost;
  const q = { branchId: 'b1', from: '2026-03-29', to: '2026-03-29' };
  beforeAll(() => {
    h = handWorkedDay(':memory:');
    if (now > at('23:59')) h.at(now).rollover();
    host = inProcessHost(h.db, () => now);
  });
  afterAll(() => host.close());

  it('by day: every total to the second', async () => {
    const r = await host.run({ kind: 'summary', query: { ...q, by: 'day' } });
    expect(r.days).toEqual(now > at('23:59') ? { rolledUp: 1, raw: 0 } : { rolledUp: 0, raw: 1 });
    const { label: _l, ...totals } = r.totals;
    expect(totals).toEqual(TOTALS);
    expect(r.rows.map(({ label: _x, ...row }) => row)).toEqual([{ ...TOTALS, key: '2026-03-29' }]);
    expect(r.excluded).toEqual({ wait: 0, handle: 0 });
    expect(r.targets.map((t) => t.targetWaitMinutes)).toEqual([15, 15]);
  });

  it('by hour: keyed on the local hour across the DST change', async () => {
    const r = await host.run({ kind: 'summary', query: { ...q, by: 'hour' } });
    expect(r.rows.map((x) => [x.key, x.label.en])).toEqual([
      ['08', '08:00–09:00'],
      ['09', '09:00–10:00'],
    ]);
    expect(r.rows[0]).toMatchObject({
      issued: 3,
      served: 2,
      noShow: 1,
      abandoned: 0,
      transferred: 1,
      waitMeanSeconds: 1020,
      waitMedianSeconds: 780,
      waitP90Seconds: 1500,
      waitMaxSeconds: 1500,
      handleMeanSeconds: 760,
      slaPercent: 50,
      ratings: { count: 2, bad: 1, notRated: 0 },
    });
    expect(r.rows[1]).toMatchObject({
      issued: 2,
      served: 1,
      abandoned: 1,
      waitMeanSeconds: 300,
      waitP90Seconds: 300,
      handleMeanSeconds: 600,
      slaPercent: 50,
      ratings: { count: 0, notRated: 1 },
    });
    const wh = await host.run({ kind: 'summary', query: { ...q, by: 'weekday-hour' } });
    expect(wh.rows.map((x) => [x.key, x.label['zh-CN']])).toEqual([
      ['7-08', '周日 08:00–09:00'],
      ['7-09', '周日 09:00–10:00'],
    ]);
  });

  it('by service: the transferred ticket counts in both services', async () => {
    const r = await host.run({ kind: 'summary', query: { ...q, by: 'service' } });
    expect(r.rows.map((x) => x.label)).toEqual([
      { 'zh-CN': '业务A', en: 'Service A' },
      { 'zh-CN': '业务B', en: 'Service B' },
    ]);
    expect(r.rows[0]).toMatchObject({
      key: 'A',
      issued: 4,
      served: 3,
      noShow: 1,
      waitMeanSeconds: 900,
      waitMedianSeconds: 600,
      waitP90Seconds: 1500,
      handleMeanSeconds: 780,
      slaPercent: 50,
      ratings: { count: 2, bad: 1, notRated: 1 },
    });
    expect(r.rows[1]).toMatchObject({
      key: 'B',
      issued: 2,
      served: 0,
      abandoned: 1,
      transferred: 1,
      waitMeanSeconds: 780,
      handleMeanSeconds: 540,
      slaPercent: 50,
    });
    expect(r.totals).toMatchObject({ issued: 5, served: 3 });
  });

  it('by clerk and by counter', async () => {
    const clerks = await host.run({ kind: 'summary', query: { ...q, by: 'clerk' } });
    expect(clerks.rows.map((x) => x.label.en)).toEqual(['李静', 'Wang Fang']);
    expect(clerks.rows[0]).toMatchObject({
      key: 'u1',
      issued: 3,
      served: 2,
      noShow: 1,
      waitMeanSeconds: 1100,
      waitMedianSeconds: 1200,
      waitP90Seconds: 1500,
      handleMeanSeconds: 870,
      slaPercent: 33.3,
      ratings: { count: 2, bad: 1 },
    });
    expect(clerks.rows[1]).toMatchObject({
      key: 'u2',
      issued: 2,
      served: 1,
      transferred: 1,
      waitMeanSeconds: 540,
      waitMedianSeconds: 300,
      waitP90Seconds: 780,
      handleMeanSeconds: 570,
      slaPercent: 100,
      ratings: { count: 0, notRated: 1 },
    });
    const counters = await host.run({ kind: 'summary', query: { ...q, by: 'counter' } });
    expect(counters.rows.map(({ key, label: _l, ...r }) => r)).toEqual(
      clerks.rows.map(({ key, label: _l, ...r }) => r),
    );
    expect(counters.rows[0]?.label).toEqual({ 'zh-CN': '1号窗口 1号窗口', en: 'Window 1 Counter 1' });
  });

  it('staff: session, pauses by reason, serving, idle, idle while work waited, utilisation', async () => {
    const r = await host.run({ kind: 'staff', query: q });
    expect(r.rows.map(({ label: _l, ...x }) => x)).toEqual([
      {
        clerkId: 'u1',
        counterIds: ['c1'],
        sessionSeconds: 7200,
        pausedSeconds: 0,
        pausedByReason: {},
        servingSeconds: 2580, // 1800 + 660 + 120
        idleSeconds: 4620,
        idleWithWorkSeconds: 2640, // 10 + 5 + 4 + 25 min
        utilisationPercent: 35.8,
      },
      {
        clerkId: 'u2',
        counterIds: ['c2'],
        sessionSeconds: 6300,
        pausedSeconds: 1200,
        pausedByReason: { meeting: 1200 },
        servingSeconds: 1260, // 600 + 660
        idleSeconds: 3840,
        idleWithWorkSeconds: 3000, // 15 + 25 + 10 min
        utilisationPercent: 24.7,
      },
    ]);
  });

  it('tickets: every ticket with its times, legs, clerk and rating', async () => {
    const r = await host.run({ kind: 'tickets', query: q });
    expect(r.nextCursor).toBeNull();
    expect(
      r.rows.map((t) => [
        t.code,
        t.outcome,
        t.legs,
        t.waitSeconds,
        t.handleSeconds,
        t.clerk,
        t.rating,
        t.rated,
      ]),
    ).toEqual([
      ['A001', 'served', 1, 600, 1140, '李静', 5, 'rated'],
      ['B001', 'served', 2, 780, 1140, '李静', 2, 'rated'],
      ['A002', 'no_show', 1, 1500, null, '李静', null, 'none'],
      ['B002', 'cancelled_by_holder', 1, null, null, null, null, 'none'],
      ['A003', 'served', 1, 300, 600, 'Wang Fang', null, 'not_rated'],
    ]);
    expect(r.rows[0]).toMatchObject({ issuedAt: '2026-03-29 08:10:00', finishedAt: '2026-03-29 08:50:00' });
    const byU2 = await host.run({ kind: 'tickets', query: { ...q, clerkId: 'u2' } });
    expect(byU2.rows.map((t) => t.code)).toEqual(['B001', 'A003']);
    const inB = await host.run({ kind: 'tickets', query: { ...q, serviceId: 'B' } });
    expect(inB.rows.map((t) => t.code)).toEqual(['B001', 'B002']);
  });
});

describe('refusals', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-reports-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an unknown branch, a bad period or a bad cursor is explained, not thrown as a crash', async () => {
    const h = handWorkedDay(':memory:');
    const host = inProcessHost(h.db, () => at('23:00'));
    const q = { branchId: 'b1', from: '2026-03-29', to: '2026-03-29' };
    await expect(
      host.run({ kind: 'summary', query: { ...q, branchId: 'nope', by: 'day' } }),
    ).rejects.toMatchObject({
      refusal: { code: 'BRANCH_NOT_FOUND' },
    });
    await expect(
      host.run({ kind: 'summary', query: { ...q, to: '2026-02-30', by: 'day' } }),
    ).rejects.toMatchObject({
      refusal: { code: 'VALIDATION_FAILED' },
    });
    await expect(
      host.run({ kind: 'summary', query: { ...q, from: '2024-01-01', by: 'day' } }),
    ).rejects.toMatchObject({
      refusal: { code: 'VALIDATION_FAILED', message: 'a report covers at most 400 days' },
    });
    await expect(host.run({ kind: 'tickets', query: { ...q, cursor: 'garbage' } })).rejects.toMatchObject({
      refusal: { code: 'VALIDATION_FAILED' },
    });
  });
});
