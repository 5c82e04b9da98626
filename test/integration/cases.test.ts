/**
 * The 好差评 loop through the API on a working-day calendar with 调休: ratings on the pad and
 * the phone (one per ticket), the case workflow with its deadlines, complaints and their
 * limits, the published rates against numbers worked out by hand, the ledger as XLSX, the
 * daily appraisal, and the audit of every read of cases and personal data.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, LedgerRow, RatingsReport } from '../../server/src/protocol/schemas/case-views.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter, issue, until } from './helpers.js';

// Friday 2026-09-18, 10:00 in Shanghai. Sunday 09-20 is a make-up working day (调休) for the
// National Day; 09-25…27 (中秋) and 10-01…07 (国庆) are closed; Saturday 10-10 is made up.
const FRIDAY = Date.UTC(2026, 8, 18, 2, 0);
let now = FRIDAY;

describe('好差评 loop', () => {
  let server: TestApp;
  let clerk: string;
  let manager: string;
  let clerk2: string;
  const tickets: { id: string; key: string }[] = [];

  async function serve(): Promise<{ id: string; key: string }> {
    const t = (await issue(server, 'svc-social')).body;
    expect((await counter(server, clerk, 'ctr-1', 'call-next')).status).toBe(200);
    expect((await counter(server, clerk, 'ctr-1', 'finish')).status).toBe(200);
    const ticket = { id: t.id, key: new URL(t.trackUrl).searchParams.get('k') ?? '' };
    tickets.push(ticket);
    return ticket;
  }
  const pad = (ticketId: string, score: number, extra: object = {}) =>
    api(server, 'POST', '/ratings', {
      token: server.demo.devices['pad-1'],
      body: { ticketId, score, ...extra },
    });
  const phone = (t: { id: string; key: string }, score: number) =>
    api(server, 'POST', `/tickets/${t.id}/rating`, { body: { key: t.key, score } });

  beforeAll(async () => {
    server = await build({
      db: 'file',
      clock: () => now,
      env: { GUICHET_RATING_TIMEOUT_SECONDS: '5', GUICHET_API_PER_MINUTE: '10000' },
    });
    clerk = await login(server, 'clerk1');
    clerk2 = await login(server, 'clerk2');
    manager = await login(server, 'manager');
    expect((await counter(server, clerk, 'ctr-1', 'open')).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('takes one rating per ticket across the pad and the phone, and the phone page knows the pad rated', async () => {
    const a = await serve();
    const r = await pad(a.id, 1, {
      reasons: ['attitude', 'long_wait'],
      text: '态度生硬',
      dimensions: { attitude: 1 },
    });
    expect(r).toMatchObject({ status: 200, body: { ok: true, caseOpened: true } });
    const again = await phone(a, 5);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'TICKET_ALREADY_RATED' } });
    expect((again.body as { error: { message: string } }).error.message).toContain('on the pad');
    const view = await api<{ rated: boolean; rating: { channel: string } }>(
      server,
      'GET',
      `/tickets/${a.id}?key=${a.key}`,
    );
    expect(view.body).toMatchObject({ rated: true, rating: { channel: 'pad' } });
    // And the other way round: rated on the phone, the pad is refused.
    const b = await serve();
    expect((await phone(b, 5)).status).toBe(200);
    expect((await pad(b.id, 4)).status).toBe(409);
    // A supplementary comment, once.
    const comment = () =>
      api(server, 'POST', `/tickets/${b.id}/rating/comment`, {
        body: { key: b.key, text: '补充：窗口很整洁' },
      });
    expect((await comment()).status).toBe(200);
    expect((await comment()).body).toMatchObject({ error: { code: 'RATING_COMMENT_CLOSED' } });
    const c = await serve();
    expect((await pad(c.id, 3)).status).toBe(200);
    // The fourth is not rated: the pad's timeout records it.
    const d = await serve();
    await until(
      () => {
        const db = new Database(server.dbFile, { readonly: true });
        // "Not rated" is a mark on the ticket's row (no ratings row).
        const at = db.prepare('select not_rated_at from tickets where id = ?').pluck().get(d.id);
        db.close();
        return at !== null;
      },
      15_000,
      'the not-rated record',
    );
    const view4 = await api<{ rated: boolean }>(server, 'GET', `/tickets/${d.id}?key=${d.key}`);
    expect(view4.body.rated).toBe(false);
  }, 30_000);

  it('opens the case with deadlines in working days: callback on the make-up Sunday, resolution after both holidays', async () => {
    const list = await api<CaseView[]>(server, 'GET', `/branches/${BRANCH}/cases`, { token: manager });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const c = list.body[0]!;
    expect(c).toMatchObject({
      kind: 'bad_rating',
      channel: 'pad',
      status: 'open',
      openedDay: '2026-09-18',
      // By hand: 09-19 Sat closed, 09-20 Sun 调休 → 1st working day.
      // 09-20, 21, 22, 23, 24 (5), 25–27 中秋, 28, 29, 30 (8), 10-01…07 国庆, 10-08, 09, 10 Sat 调休 (11), 12, 13, 14, 15 (15).
      deadlines: { callbackDay: '2026-09-20', resolutionDay: '2026-10-15' },
      rating: { level: 1, reasons: ['attitude', 'long_wait'], text: '态度生硬' },
    });
    expect(c.summary['zh-CN']).toContain('非常不满意');
    expect(c.summary.en).toContain('rated 1/5');
    expect(c.deadlineState).toEqual({ callback: 'due_soon', resolution: 'on_time' });
    // The supervisor hears of the new bad rating on the live monitor before anyone calls back.
    const fresh = async () =>
      (
        await api<{ kind: string; key: string; level: string; counterId: string | null }[]>(
          server,
          'GET',
          `/branches/${BRANCH}/alerts?status=open`,
          { token: manager },
        )
      ).body.find((a) => a.key === `bad_rating:${c.id}`);
    const freshBy = Date.now() + 25_000;
    while (!(await fresh()) && Date.now() < freshBy) await new Promise((r) => setTimeout(r, 100));
    expect(await fresh()).toMatchObject({ kind: 'bad_rating', level: 'warning', counterId: c.counterId });
    // Clerks never read cases (nor who rated them).
    expect((await api(server, 'GET', `/branches/${BRANCH}/cases`, { token: clerk })).status).toBe(403);
    expect((await api(server, 'GET', `/cases/${c.id}`, { token: clerk })).status).toBe(403);
    // Monday 09-21: the callback is overdue.
    now = Date.UTC(2026, 8, 21, 2, 0);
    // Sessions last 12 hours: sign in again on Monday.
    [clerk, clerk2, manager] = await Promise.all([
      login(server, 'clerk1'),
      login(server, 'clerk2'),
      login(server, 'manager'),
    ]);
    const overdue = await api<CaseView[]>(server, 'GET', `/branches/${BRANCH}/cases?deadline=overdue`, {
      token: manager,
    });
    expect(overdue.body.map((v) => v.id)).toEqual([c.id]);
    expect(overdue.body[0]!.deadlineState.callback).toBe('overdue');
    // The live monitor raises it too, at its next evaluation (every 15 s, or on a change).
    const raised = async () =>
      (
        await api<{ kind: string; key: string; level: string }[]>(
          server,
          'GET',
          `/branches/${BRANCH}/alerts?status=open`,
          { token: manager },
        )
      ).body.find((a) => a.key === `case_overdue:${c.id}`);
    const deadline = Date.now() + 25_000;
    while (!(await raised()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await raised()).toMatchObject({ kind: 'case_overdue', level: 'critical' });
  }, 40_000);

  it('drives the case to closed, and refuses to close it without feedback', async () => {
    const [c] = (await api<CaseView[]>(server, 'GET', `/branches/${BRANCH}/cases`, { token: manager })).body;
    const step = (name: string, body: object = {}) =>
      api<CaseView>(server, 'POST', `/cases/${c!.id}/${name}`, { token: manager, body });
    expect((await step('close')).body).toMatchObject({ error: { code: 'CASE_FEEDBACK_REQUIRED' } });
    expect((await step('close')).status).toBe(422);
    expect((await step('feedback', { method: 'phone', text: 'x' })).status).toBe(409);
    expect(
      (await step('callback', { method: 'phone', citizenSaid: '等了四十分钟，窗口说话不耐烦' })).status,
    ).toBe(200);
    // A rectification needs the day it is due.
    expect((await step('resolve', { resolution: 'rectification', text: '窗口人员培训' })).status).toBe(400);
    expect(
      (await step('resolve', { resolution: 'rectification', text: '窗口人员培训', dueDay: '2026-10-09' }))
        .status,
    ).toBe(200);
    expect((await step('close')).status).toBe(422);
    expect((await step('feedback', { method: 'phone', text: '已整改并电话告知' })).status).toBe(200);
    expect((await step('satisfaction', { satisfaction: 'satisfied' })).status).toBe(200);
    const closed = await step('close');
    expect(closed.body).toMatchObject({
      status: 'closed',
      deadlineState: { callback: 'done', resolution: 'done' },
    });
    expect(closed.body.steps.map((s) => s.kind)).toEqual([
      'callback',
      'resolution',
      'feedback',
      'satisfaction',
      'closed',
    ]);
    expect(closed.body.steps[0]).toMatchObject({
      text: '等了四十分钟，窗口说话不耐烦',
      byName: expect.any(String),
    });
  });

  it('takes complaints from the phone page (limited per ticket) and from staff, with the contact masked', async () => {
    const t = tickets[2]!;
    const complain = () =>
      api<{ reference: string }>(server, 'POST', `/tickets/${t.id}/complaint`, {
        body: {
          key: t.key,
          text: '材料清单没说清楚',
          category: 'rules',
          contact: { name: '王', phone: '13812345678' },
        },
      });
    expect((await complain()).status).toBe(201);
    expect((await complain()).status).toBe(201);
    const third = await complain();
    expect(third).toMatchObject({ status: 429, body: { error: { code: 'COMPLAINT_LIMIT_REACHED' } } });
    // Per address and day (5 by default): three other tickets' complaints, then the address is refused.
    const statuses: number[] = [];
    for (const other of [tickets[0]!, tickets[1]!, tickets[3]!, tickets[0]!]) {
      const r = await api(server, 'POST', `/tickets/${other.id}/complaint`, {
        body: { key: other.key, text: '意见', category: 'other' },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    // A wrong key complains about nothing.
    const wrong = await api(server, 'POST', `/tickets/${t.id}/complaint`, {
      body: { key: 'wrong-key-000', text: 'x', category: 'other' },
    });
    expect(wrong.status).toBe(404);
    const staff = await api<CaseView>(server, 'POST', `/branches/${BRANCH}/complaints`, {
      token: manager,
      body: {
        channel: 'hotline',
        category: 'attitude',
        text: '12345 转来：窗口态度差',
        contact: { phone: '13900001111' },
      },
    });
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({
      kind: 'complaint',
      channel: 'hotline',
      contact: { phone: '139****1111' },
    });
    expect(staff.body.summary).toEqual({
      'zh-CN': '12345 热线投诉（服务态度）',
      en: '12345 hotline complaint (attitude)',
    });
    expect(JSON.stringify(staff.body)).not.toContain('13900001111');
    expect(
      (
        await api(server, 'POST', `/branches/${BRANCH}/complaints`, {
          token: clerk,
          body: { channel: 'letter', category: 'other', text: 'x' },
        })
      ).status,
    ).toBe(403);
    const contact = await api(server, 'GET', `/cases/${staff.body.id}/contact`, { token: manager });
    expect(contact.body).toEqual({ name: null, phone: '13900001111' });
    expect((await api(server, 'GET', `/cases/${staff.body.id}/contact`, { token: clerk })).status).toBe(403);
  });

  it('computes the published rates exactly, and the ledger XLSX holds the same numbers', async () => {
    const r = await api<RatingsReport>(
      server,
      'GET',
      `/branches/${BRANCH}/reports/ratings?from=2026-09-18&to=2026-09-18&by=channel`,
      { token: manager },
    );
    expect(r.status).toBe(200);
    // By hand: served 4; ratings 1 (pad), 5 (phone), 3 (pad), not rated (pad timeout).
    expect(r.body.totals).toMatchObject({
      served: 4,
      rated: 3,
      notRatedCount: 1,
      byLevel: { 1: 1, 2: 0, 3: 1, 4: 0, 5: 1 },
      bad: 1,
      good: { numerator: 2, denominator: 3, percent: 66.7 },
      notRated: { numerator: 1, denominator: 4, percent: 25 },
      answered: { numerator: 1, denominator: 1, percent: 100 },
      followedUp: { numerator: 1, denominator: 1, percent: 100 },
      followUpSatisfied: { numerator: 1, denominator: 1, percent: 100 },
    });
    const pad = r.body.rows.find((x) => x.key === 'pad')!;
    expect(pad).toMatchObject({ rated: 2, notRatedCount: 1, good: { numerator: 1, denominator: 2 } });
    const byClerk = await api<RatingsReport>(
      server,
      'GET',
      `/branches/${BRANCH}/reports/ratings?from=2026-09-18&to=2026-09-18&by=clerk`,
      { token: manager },
    );
    expect(byClerk.body.rows).toHaveLength(1);
    expect(byClerk.body.rows[0]).toMatchObject({ served: 4, notRated: { numerator: 1, denominator: 4 } });

    const json = await api<{ rows: LedgerRow[] }>(server, 'GET', `/branches/${BRANCH}/cases/ledger`, {
      token: manager,
    });
    // The bad rating, five complaints from the phone page, one from the hotline.
    expect(json.body.rows).toHaveLength(7);
    const res = await server.fastify.inject({
      method: 'GET',
      url: `/api/v1/branches/${BRANCH}/cases/ledger?format=xlsx&lang=en`,
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + json.body.rows.length);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    for (const [i, row] of json.body.rows.entries()) {
      const x = sheet.getRow(i + 2);
      expect(x.getCell(col('Case')).value).toBe(row.caseId);
      expect(x.getCell(col('Level')).value ?? null).toBe(row.level);
      expect(x.getCell(col('Contact (masked)')).value ?? null).toBe(row.contact);
    }
    expect(JSON.stringify(json.body.rows)).not.toMatch(/13812345678|13900001111/);
  });

  it("keeps each clerk's daily record, with inspection entries, answers and appeals", async () => {
    const day = await api<{
      records: { userId: string; served: number; ratings: { bad: number }; points: number }[];
    }>(server, 'GET', `/branches/${BRANCH}/appraisal?date=2026-09-18`, { token: manager });
    expect(day.status).toBe(200);
    const me = day.body.records.find((r) => r.userId === 'user-clerk1')!;
    expect(me).toMatchObject({ served: 4, ratings: { bad: 1 } });
    const entry = await api<{ id: string; points: number }>(
      server,
      'POST',
      '/users/user-clerk1/appraisal/entries',
      {
        token: manager,
        body: { date: '2026-09-18', observation: '离岗未摆放暂停牌', points: -2 },
      },
    );
    expect(entry.status).toBe(201);
    expect(
      (
        await api(server, 'POST', `/appraisal/entries/${entry.body.id}/answer`, {
          token: clerk2,
          body: { text: 'x', appeal: true },
        })
      ).status,
    ).toBe(403);
    const answered = await api(server, 'POST', `/appraisal/entries/${entry.body.id}/answer`, {
      token: clerk,
      body: { text: '当时在协助老人取号', appeal: true },
    });
    expect(answered.body).toMatchObject({ appeal: { status: 'pending' } });
    const decided = await api(server, 'POST', `/appraisal/entries/${entry.body.id}/decision`, {
      token: manager,
      body: { outcome: 'overturned', text: '情况属实' },
    });
    expect(decided.body).toMatchObject({ appeal: { status: 'overturned' } });
    const own = await api<{ days: { points: number; entries: unknown[] }[] }>(
      server,
      'GET',
      '/users/user-clerk1/appraisal?from=2026-09-18&to=2026-09-18',
      { token: clerk },
    );
    expect(own.body.days[0]).toMatchObject({ points: 0 });
    expect(own.body.days[0]!.entries).toHaveLength(1);
    expect(
      (
        await api(server, 'GET', '/users/user-clerk1/appraisal?from=2026-09-18&to=2026-09-18', {
          token: clerk2,
        })
      ).status,
    ).toBe(403);
    const sheet = await api(server, 'GET', '/users/user-clerk1/appraisal/sheet?month=2026-09', {
      token: manager,
    });
    expect(sheet.body).toMatchObject({ from: '2026-09-01', to: '2026-09-30', totals: { served: 4, bad: 1 } });
  });

  it('writes an audit row for every read of cases, contacts, the ledger and records', async () => {
    const db = new Database(server.dbFile, { readonly: true });
    const rows = db
      .prepare(`select actor_id as actor, detail from audit_log where action = 'case.viewed'`)
      .all() as { actor: string; detail: string }[];
    db.close();
    const what = rows.map((r) => (JSON.parse(r.detail) as { what: string }).what);
    for (const w of ['list', 'contact', 'ledger', 'export', 'appraisal']) expect(what).toContain(w);
    expect(rows.every((r) => r.actor.startsWith('user-'))).toBe(true);
  });
});
