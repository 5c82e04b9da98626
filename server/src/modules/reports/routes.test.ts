import ExcelJS from 'exceljs';
import fastJson from 'fast-json-stringify';
import Fastify from 'fastify';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_ROUTE_SCHEMAS } from '../../protocol/schemas/report-routes.js';
import { installErrorHandler } from '../http/errors.js';
import { inProcessHost, type ReportsHost } from './host.js';
import { reportsRoutes } from './routes.js';
import { handWorkedDay } from './test-hall.js';

/**
 * The plugin on a bare Fastify with the server's validation (no type coercion) and error
 * handler: authorization hook, validation, refusals, JSON and CSV.
 */
describe('reportsRoutes', () => {
  const app = Fastify({ ajv: { customOptions: { coerceTypes: false, removeAdditional: false } } });
  installErrorHandler(app);
  let host: ReportsHost;
  beforeAll(async () => {
    const h = handWorkedDay(':memory:');
    host = inProcessHost(h.db, () => Date.parse('2026-03-29T23:00:00+02:00'));
    await app.register(
      (f) =>
        reportsRoutes(f, {
          host,
          principal: (req) => (req.headers['x-who'] as string | undefined) ?? null,
          canReadBranch: (who, branchId) => who === 'manager' && branchId === 'b1',
        }),
      { prefix: '/api/v1' },
    );
  });
  afterAll(async () => {
    await app.close();
    await host.close();
  });
  const get = (url: string, who: string | null = 'manager') =>
    app.inject({ url: `/api/v1/branches/${url}`, headers: who ? { 'x-who': who } : {} });

  it('answers 401 without a principal and 403 for a principal the hook refuses', async () => {
    expect((await get('b1/reports/staff?from=2026-03-29&to=2026-03-29', null)).statusCode).toBe(401);
    const r = await get('b1/reports/staff?from=2026-03-29&to=2026-03-29', 'clerk');
    expect([r.statusCode, r.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('refuses bad input with 400 and an unknown branch with 404, never a 500', async () => {
    expect((await get('b1/reports/summary?from=2026-03-29&to=2026-03-29&by=week')).statusCode).toBe(400);
    expect((await get('b1/reports/summary?from=29.03.2026&to=2026-03-29&by=day')).statusCode).toBe(400);
    const back = await get('b1/reports/summary?from=2026-03-30&to=2026-03-29&by=day');
    expect([back.statusCode, back.json().error.message]).toEqual([400, 'from is after to']);
    const cursor = await get('b1/reports/tickets?from=2026-03-29&to=2026-03-29&cursor=zzz');
    expect(cursor.statusCode).toBe(400);
  });

  it('returns the JSON report and the same table as CSV with a BOM', async () => {
    const json = await get('b1/reports/summary?from=2026-03-29&to=2026-03-29&by=service');
    expect(json.statusCode).toBe(200);
    expect(json.json().totals).toMatchObject({ issued: 5, served: 3, waitP90Seconds: 1500 });
    const csv = await get('b1/reports/summary?from=2026-03-29&to=2026-03-29&by=service&format=csv&lang=en');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('summary-service-2026-03-29-2026-03-29.csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]?.startsWith('\uFEFFKey,Label,Issued')).toBe(true);
    expect(lines[1]?.startsWith('A,Service A,4,3,1,0,0,900,600,1500,1500,780,50')).toBe(true);
    const tickets = await get('b1/reports/tickets?from=2026-03-29&to=2026-03-29&limit=2');
    expect(tickets.json().rows).toHaveLength(2);
    const next = await get(
      `b1/reports/tickets?from=2026-03-29&to=2026-03-29&limit=2&cursor=${tickets.json().nextCursor}`,
    );
    expect(next.json().rows.map((r: { code: string }) => r.code)).toEqual(['A002', 'B002']);
  });

  it('lists the out-of-order calls per clerk with their rule, as JSON, CSV and XLSX', async () => {
    const url = 'b1/reports/call-order?from=2026-03-29&to=2026-03-29';
    expect((await get(url, null)).statusCode).toBe(401);
    expect((await get(url, 'clerk')).statusCode).toBe(403);
    expect((await get('b1/reports/call-order?from=2026-03-29')).statusCode).toBe(400);
    const r = await get(url);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    // 09:30: u2 at c2 (B first, then A) called A003 by hand while B002 (09:15) waited: 900 s.
    expect(body.calls).toEqual([
      expect.objectContaining({
        code: 'A003',
        clerkId: 'u2',
        counterId: 'c2',
        rule: 'manual',
        olderWaiting: 1,
        oldestCode: 'B002',
        oldestWaitedSeconds: 900,
      }),
    ]);
    expect(body.clerks).toEqual([
      expect.objectContaining({ clerkId: 'u1', calls: 3, outOfOrder: 0, byRule: {} }),
      expect.objectContaining({ clerkId: 'u2', calls: 2, outOfOrder: 1, byRule: { manual: 1 } }),
    ]);
    const csv = await get(`${url}&format=csv&lang=en`);
    const lines = csv.body.split('\r\n');
    expect(lines[0]?.startsWith('\uFEFFBusiness day,Called,Ticket')).toBe(true);
    expect(lines[1]).toContain(',A003,Service A,');
    expect(lines[1]).toContain(',manual,Called by hand,1,B002,900,');
    const xlsx = await get(`${url}&format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('票号');
    expect(sheet.getRow(2).getCell(3).value).toBe('A003');
    expect(sheet.getRow(2).getCell(11).value).toBe(900);
  });

  it('sends the engine’s JSON text as is: what the response schema’s serialiser would have sent', async () => {
    const day = 'from=2026-03-29&to=2026-03-29';
    const cases = [
      ['reports:summary', `summary?${day}&by=clerk`],
      ['reports:tickets', `tickets?${day}&limit=3`],
      ['reports:estimates', `estimates?${day}&by=hour`],
      ['reports:staff', `staff?${day}`],
      ['reports:call-order', `call-order?${day}`],
      ['reports:open-rate', `open-rate?${day}`],
    ] as const;
    for (const [name, path] of cases) {
      const r = await get(`b1/reports/${path}`);
      expect([name, r.statusCode]).toEqual([name, 200]);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      const parsed = r.json();
      const schema = REPORT_ROUTE_SCHEMAS[name].response[200];
      expect(Value.Check(schema, parsed)).toBe(true);
      // Byte for byte what Fastify's serialiser made of the same answer before.
      expect(r.body).toBe(fastJson(schema as object)(parsed));
      expect(Object.keys(parsed).length).toBeGreaterThan(2);
    }
  });
});
