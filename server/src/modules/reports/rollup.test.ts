import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDb, ReportReads, RollupStore } from '@guichet/db';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateAccuracy } from '../../core/estimate-accuracy.js';
import { type GroupBy, summarize } from '../../core/report-summary.js';
import { ticketDetails } from './day-facts.js';
import { ReportsEngine } from './engine.js';
import { SUMMARY_COLUMNS, TICKET_COLUMNS } from './export.js';
import { inProcessHost, ReportsUnavailable, workerHost } from './host.js';
import { datesBetween } from './period.js';
import type { TicketsPage } from './protocol.js';
import { writeSyntheticHall } from './synthetic.js';

/**
 * A generated month on a file database: the rollup of closed days must give exactly what the
 * core functions give over the raw events of the whole period (P90 of a merged month
 * included); the worker and the in-process engine must agree; exports must hold the JSON's
 * values; a closed day whose events change is rolled up again.
 */
const FROM = '2026-01-01';
const TO = '2026-01-31';
const NOW = Date.parse('2026-02-01T10:00:00+08:00');
const BY: GroupBy[] = ['day', 'hour', 'weekday-hour', 'service', 'counter', 'clerk'];
const q = { branchId: 'b1', from: FROM, to: TO };
const strip = <T extends { label: unknown }>({ label: _l, ...r }: T) => r;

let dir: string;
let file: string;
let db: Db;

function rawFacts(reads: ReportReads) {
  return datesBetween(FROM, TO).flatMap((day) =>
    ticketDetails(reads.dayTickets('b1', day), reads.dayEvents('b1', day), reads.dayRatings('b1', day)),
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-rollup-'));
  file = join(dir, 'hall.sqlite');
  db = openDb(file, { synchronous: 'NORMAL' });
  writeSyntheticHall(db, { from: FROM, days: 31, ticketsPerDay: 120, seed: 7 });
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rollup of closed days against the raw computation', () => {
  it('every grouping of a month equals core summarize over the raw events', async () => {
    const host = inProcessHost(db, () => NOW);
    const reads = new ReportReads(db.$client);
    const details = rawFacts(reads);
    const targets = new Map(reads.services('b1').map((s) => [s.id, s.targetWaitMinutes * 60]));
    for (const by of BY) {
      const r = await host.run({ kind: 'summary', query: { ...q, by } });
      expect(r.days).toEqual({ rolledUp: 31, raw: 0 });
      const raw = summarize(
        details.map((d) => d.facts),
        by,
        'Asia/Shanghai',
        (s) => targets.get(s) ?? 0,
      );
      expect(r.rows.map(strip)).toEqual(raw.rows);
      expect(strip(r.totals)).toEqual(raw.totals);
    }
    const month = await host.run({ kind: 'summary', query: { ...q, by: 'day' } });
    expect(month.totals.issued).toBeGreaterThan(3000);
    expect(month.totals.transferred).toBeGreaterThan(50);
    for (const by of ['service', 'hour'] as const) {
      const r = await host.run({ kind: 'estimates', query: { ...q, by } });
      const rows = details.map(({ row, legs }) => ({
        serviceId: row.serviceId,
        issuedAt: row.issuedAt,
        promisedMinutes: row.estimatedWaitAtIssue,
        actualWaitSeconds: legs[0]?.calledAt == null ? null : legs[0].waitSeconds,
      }));
      const raw = estimateAccuracy(rows, by, 'Asia/Shanghai');
      expect(r.rows.map(strip)).toEqual(raw.rows);
      expect(strip(r.totals)).toEqual(raw.totals);
    }
    await host.close();
  });

  it('a closed day whose events changed is rolled up again', async () => {
    const host = inProcessHost(db, () => NOW);
    const before = await host.run({ kind: 'summary', query: { ...q, by: 'day' } });
    const day = before.rows.find((r) => r.key === '2026-01-15')!;
    const noShow = db.$client
      .prepare(
        "select id, counter_id as c from tickets where business_day = '2026-01-15' and outcome = 'no_show' limit 1",
      )
      .get() as { id: string; c: string };
    const at = Date.parse('2026-01-15T17:00:00+08:00');
    const ins = db.$client.prepare(
      `insert into events (branch_id, at, type, actor_kind, actor_id, counter_id, ticket_id, reason, payload)
       values ('b1', ?, ?, 'user', 'clerk-1', 'ctr-1', ?, null, ?)`,
    );
    ins.run(at, 'ticket.reinstated', noShow.id, JSON.stringify({ rank: at }));
    ins.run(
      at + 60_000,
      'ticket.called',
      noShow.id,
      JSON.stringify({ rule: 'manual', detail: '', callCount: 1 }),
    );
    ins.run(at + 120_000, 'ticket.finished', noShow.id, JSON.stringify({ outcome: 'served' }));
    const after = await host.run({ kind: 'summary', query: { ...q, by: 'day' } });
    const changed = after.rows.find((r) => r.key === '2026-01-15')!;
    expect([changed.served, changed.noShow]).toEqual([day.served + 1, day.noShow - 1]);
    const reads = new ReportReads(db.$client);
    const targets = new Map(reads.services('b1').map((x) => [x.id, x.targetWaitMinutes * 60]));
    const raw = summarize(
      rawFacts(reads).map((d) => d.facts),
      'day',
      'Asia/Shanghai',
      (s) => targets.get(s) ?? 0,
    );
    expect(after.rows.map(strip)).toEqual(raw.rows);
    await host.close();
  });

  it("another branch's events move a quiet branch's change mark: they are not read again", async () => {
    const engine = new ReportsEngine(
      new ReportReads(db.$client),
      new RollupStore(new Database(':memory:')),
      () => NOW,
    );
    const mark = () => Number(engine.rollups.meta('watermark:b1'));
    engine.summary({ ...q, by: 'day' }); // sets the mark
    engine.summary({ ...q, by: 'day' });
    const before = mark();
    const other = db.$client.prepare(
      `insert into events (branch_id, at, type, actor_kind, actor_id, payload)
       values ('elsewhere', ?, 'counter.opened', 'user', 'clerk-9', '{}')`,
    );
    const last = Number(other.run(NOW).lastInsertRowid);
    const day = engine.summary({ ...q, by: 'day' });
    expect(mark()).toBe(last);
    expect(last).toBeGreaterThan(before);
    expect(day.days).toEqual({ rolledUp: 31, raw: 0 }); // nothing of b1 rolled up again
    engine.rollups.close();
  });
});

describe('the worker', () => {
  it('gives the same answers as the in-process engine, on its own read-only connection', async () => {
    const worker = workerHost(file, { rollupFile: join(dir, 'w.reports.sqlite'), fixedNow: NOW });
    const local = inProcessHost(db, () => NOW);
    try {
      for (const by of BY) {
        const query = { ...q, by };
        // The first one rolls the month up cold: more than a report's time on a busy machine.
        expect(await worker.run({ kind: 'summary', query }, 120_000)).toEqual(
          await local.run({ kind: 'summary', query }),
        );
      }
      const t = { ...q, counterId: 'ctr-3', limit: 50 };
      const [a, b] = [
        await worker.run({ kind: 'tickets', query: t }),
        await local.run({ kind: 'tickets', query: t }),
      ];
      expect(a).toEqual(b);
      expect(a.rows).toHaveLength(50);
      expect(await worker.run({ kind: 'staff', query: q })).toEqual(
        await local.run({ kind: 'staff', query: q }),
      );
      const est = { ...q, by: 'hour' as const };
      expect(await worker.run({ kind: 'estimates', query: est })).toEqual(
        await local.run({ kind: 'estimates', query: est }),
      );
      // The text the routes send: serialised in the worker, the same bytes as in-process.
      const summary = { kind: 'summary', query: { ...q, by: 'counter' } } as const;
      const text = await worker.runText(summary);
      expect(text).toBe(await local.runText(summary));
      expect(text).toBe(JSON.stringify(await worker.run(summary)));
    } finally {
      await worker.close();
      await local.close();
    }
  });

  it('a timeout or a dead worker is a clear error, and the next request starts a new one', async () => {
    const missing = workerHost(join(dir, 'missing.sqlite'), { rollupFile: join(dir, 'm.reports.sqlite') });
    await expect(missing.run({ kind: 'staff', query: q })).rejects.toThrow(ReportsUnavailable);
    await missing.close();
    const worker = workerHost(file, { rollupFile: join(dir, 't.reports.sqlite'), fixedNow: NOW });
    await expect(worker.run({ kind: 'summary', query: { ...q, by: 'day' } }, 1)).rejects.toThrow(
      /longer than 1 ms/,
    );
    const again = await worker.run({
      kind: 'summary',
      query: { ...q, from: '2026-01-02', to: '2026-01-02', by: 'day' },
    });
    expect(again.rows).toHaveLength(1);
    await worker.close();
  });
});

/** RFC 4180 fields of a CSV text (quotes doubled, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  return rows;
}

describe('exports hold the same values as the JSON', () => {
  it('summary and tickets as CSV (UTF-8 with BOM) and XLSX', async () => {
    const host = inProcessHost(db, () => NOW);
    const query = { ...q, to: '2026-01-03' };
    const json = await host.run({ kind: 'summary', query: { ...query, by: 'service' } });
    const tickets = [];
    for (let cursor: string | null = null; ; ) {
      const page: TicketsPage = await host.run({ kind: 'tickets', query: { ...query, cursor, limit: 100 } });
      tickets.push(...page.rows);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const str = (v: unknown) => (v === null ? '' : String(v));
    const expectSummary = [...json.rows, json.totals].map((r) =>
      SUMMARY_COLUMNS.map((c) => c.value(r, 'zh-CN')),
    );
    const expectTickets = tickets.map((r) => TICKET_COLUMNS.map((c) => c.value(r, 'en')));

    const csv = await host.run({
      kind: 'export-summary',
      query: { ...query, by: 'service' },
      format: 'csv',
      lang: 'zh-CN',
      dir,
    });
    const text = readFileSync(csv.file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = parseCsv(text.slice(1));
    expect(parsed[0]?.[1]).toBe('名称');
    expect(parsed.slice(1)).toEqual(expectSummary.map((r) => r.map(str)));

    const tcsv = await host.run({ kind: 'export-tickets', query, format: 'csv', lang: 'en', dir });
    expect(parseCsv(readFileSync(tcsv.file, 'utf8').slice(1)).slice(1)).toEqual(
      expectTickets.map((r) => r.map(str)),
    );

    for (const [kind, expected] of [
      ['export-summary', expectSummary],
      ['export-tickets', expectTickets],
    ] as const) {
      const lang = kind === 'export-summary' ? 'zh-CN' : 'en';
      const x = await host.run({
        kind,
        query: { ...query, by: 'service' },
        format: 'xlsx',
        lang,
        dir,
      } as never);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((x as { file: string }).file);
      const values: unknown[][] = [];
      wb.worksheets[0]!.eachRow((row) => {
        values.push((row.values as unknown[]).slice(1));
      });
      const width = expected[0]!.length;
      const pad = (r: unknown[]) => Array.from({ length: width }, (_, i) => r[i] ?? null);
      expect(values.slice(1).map(pad)).toEqual(expected);
    }
    expect(tickets.length).toBeGreaterThan(300);
    await host.close();
  });
});
