import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../http/errors.js';
import { inProcessHost, type ReportsHost } from './host.js';
import { reportsRoutes } from './routes.js';
import { PersistedHall } from './test-hall.js';

// Weekdays 09:00–12:00 and 13:30–17:00 (390 min) in Shanghai; 2026-09-27 (a Sunday, and the
// Mid-autumn holiday) has no hours. On Monday 2026-09-28 counter c1 opens 08:50, closes 10:00,
// reopens 10:30 and stays open over lunch until 17:10: 60 + 90 + 210 = 360 min in hours, 30 min
// closed ("end of shift"). Counter c2 never opens: 390 min not opened. Total 360 / 780 = 46.2 %.
const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
const hours = [
  { open: '09:00', close: '12:00' },
  { open: '13:30', close: '17:00' },
];
const MIN = 60;

describe('GET /branches/:branchId/reports/open-rate', () => {
  const app = Fastify({ ajv: { customOptions: { coerceTypes: false, removeAdditional: false } } });
  installErrorHandler(app);
  let host: ReportsHost;
  beforeAll(async () => {
    const h = new PersistedHall(':memory:', {
      timezone: 'Asia/Shanghai',
      now: at('2026-09-27', '07:00'),
      settings: {
        hours: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours },
        exceptions: [{ date: '2026-09-27', intervals: [] }],
      },
    });
    h.at(at('2026-09-28', '08:50'), 'u1').open('c1', 'u1');
    h.at(at('2026-09-28', '10:00'), 'u1').close('c1');
    h.at(at('2026-09-28', '10:30'), 'u1').open('c1', 'u1');
    h.at(at('2026-09-28', '17:10'), 'u1').close('c1');
    host = inProcessHost(h.db, () => at('2026-09-29', '08:00'));
    await app.register(
      (f) =>
        reportsRoutes(f, {
          host,
          principal: (req) => (req.headers['x-who'] as string | undefined) ?? null,
          canReadBranch: (who, branchId) => who === 'manager' && branchId === h.hall.branch.id,
        }),
      { prefix: '/api/v1' },
    );
    branch = h.hall.branch.id;
  });
  let branch = '';
  afterAll(async () => {
    await app.close();
    await host.close();
  });
  const get = (q: string, who: string | null = 'manager') =>
    app.inject({
      url: `/api/v1/branches/${branch}/reports/open-rate?${q}`,
      headers: who ? { 'x-who': who } : {},
    });

  it('refuses the unsigned, the other roles and a bad period', async () => {
    expect((await get('from=2026-09-28&to=2026-09-28', null)).statusCode).toBe(401);
    expect((await get('from=2026-09-28&to=2026-09-28', 'clerk')).statusCode).toBe(403);
    expect((await get('from=2026-09-28')).statusCode).toBe(400);
    expect((await get('from=2026-09-29&to=2026-09-28')).statusCode).toBe(400);
  });

  it('answers per counter and day, per counter and in total', async () => {
    const r = await get('from=2026-09-27&to=2026-09-28');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const c1 = body.days.find(
      (d: { businessDay: string; counterId: string }) =>
        d.businessDay === '2026-09-28' && d.counterId === 'c1',
    );
    expect(c1).toMatchObject({
      scheduledSeconds: 390 * MIN,
      openSeconds: 360 * MIN,
      closedByReason: { 'end of shift': 30 * MIN },
      closes: 1,
      closesWithoutReason: 0,
      ratePercent: 92.3,
    });
    const holiday = body.days.filter((d: { businessDay: string }) => d.businessDay === '2026-09-27');
    expect(holiday.map((d: { ratePercent: number | null }) => d.ratePercent)).toEqual([null, null]);
    expect(body.counters.find((c: { counterId: string }) => c.counterId === 'c2')).toMatchObject({
      openSeconds: 0,
      notOpenedSeconds: 390 * MIN,
      ratePercent: 0,
    });
    expect(body.totals).toMatchObject({
      scheduledSeconds: 780 * MIN,
      openSeconds: 360 * MIN,
      ratePercent: 46.2,
    });
  });

  it('exports the per-day table as CSV and XLSX', async () => {
    const csv = await get('from=2026-09-28&to=2026-09-28&format=csv&lang=en');
    expect(csv.headers['content-disposition']).toContain('open-rate-2026-09-28-2026-09-28.csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]?.startsWith('\uFEFFBusiness day,Counter,Scheduled (min),Open (min),Open rate %')).toBe(
      true,
    );
    expect(lines.find((l) => l.includes(',390,360,92.3,30,0,end of shift: 30,1,0'))).toBeDefined();
    const xlsx = await get('from=2026-09-28&to=2026-09-28&format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(5).value).toBe('窗口开放率 %');
  });

  it('leaves the per-day rows of a period over 62 days out unless asked, with the same figures', async () => {
    const long = 'from=2026-07-01&to=2026-09-28';
    const lean = (await get(long)).json();
    expect([lean.daysIncluded, lean.days]).toEqual([false, []]);
    const full = (await get(`${long}&days=1`)).json();
    expect(full.daysIncluded).toBe(true);
    expect(full.days).toHaveLength(90 * 2);
    expect(lean.counters).toEqual(full.counters);
    expect(lean.totals).toEqual(full.totals);
    const c1 = lean.counters.find((c: { counterId: string }) => c.counterId === 'c1');
    expect(c1.openSeconds).toBe(360 * MIN);
    const openOfC1 = full.days
      .filter((d: { counterId: string }) => d.counterId === 'c1')
      .reduce((s: number, d: { openSeconds: number }) => s + d.openSeconds, 0);
    expect(openOfC1).toBe(c1.openSeconds);
    expect((await get('from=2026-09-27&to=2026-09-28')).json().daysIncluded).toBe(true);
    expect((await get(`${long}&days=yes`)).statusCode).toBe(400);
  });
});
