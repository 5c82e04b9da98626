import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthStore, type Db, MASKED_TEXT, openDb, QueueStore, RetentionStore } from '@guichet/db';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupBy } from '../../core/report-summary.js';
import { createKernel } from '../../kernel/index.js';
import { loadState } from '../queue/live-state.js';
import { inProcessHost } from '../reports/host.js';
import { writeSyntheticHall } from '../reports/synthetic.js';
import { applyRetention, type RetentionPolicy, registerRetentionProjections } from './retention.js';

/**
 * Retention with an injected clock on a generated month: the month's reports are the same
 * before and after its ticket events give way to the days' cells; old texts are masked with
 * every count kept; old audit rows go; each pass is one audited command.
 */
const MONTH = { branchId: 'b1', from: '2026-01-01', to: '2026-01-31' };
const BY: GroupBy[] = ['day', 'hour', 'weekday-hour', 'service', 'counter', 'clerk'];
const DAY = 86_400_000;

let dir: string;
let db: Db;
let now: number;

function setup(policy: RetentionPolicy) {
  const store = new QueueStore(db);
  const auth = new AuthStore(db);
  const kernel = createKernel({
    db: store,
    // The synthetic hall's settings are the reports' subset only: the live state is not this test's.
    load: () => loadState(store, now, () => undefined),
    writeAudit: (e) => auth.audit(e),
    clock: () => now,
    log: pino({ level: 'silent' }),
  });
  const retention = new RetentionStore(db);
  registerRetentionProjections(kernel.registry, retention);
  return () => applyRetention(kernel.bus, db, retention, policy);
}

async function reports(at: number) {
  // A fresh host each time: an empty rollup cache, as after deleting the cache file.
  const host = inProcessHost(db, () => at);
  try {
    const summaries = [];
    for (const by of BY) summaries.push(await host.run({ kind: 'summary', query: { ...MONTH, by } }));
    return {
      summaries: summaries.map(({ days: _d, ...r }) => r),
      staff: await host.run({ kind: 'staff', query: MONTH }),
      estimates: await host.run({ kind: 'estimates', query: { ...MONTH, by: 'service' } }),
      openRate: await host.run({ kind: 'open-rate', query: MONTH }),
    };
  } finally {
    await host.close();
  }
}

const one = <T>(sql: string, ...args: unknown[]) =>
  db.$client
    .prepare(sql)
    .pluck()
    .get(...args) as T;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-retention-'));
  db = openDb(join(dir, 'hall.sqlite'), { synchronous: 'NORMAL' });
  writeSyntheticHall(db, { from: MONTH.from, days: 31, ticketsPerDay: 60, seed: 11 });
  now = Date.parse('2026-03-01T10:00:00+08:00');
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retention', () => {
  it("keeps a month's report figures when its ticket events give way to the days' cells", async () => {
    const before = await reports(now);
    const eventsBefore = one<number>('select count(*) from events where ticket_id is not null');
    expect(eventsBefore).toBeGreaterThan(0);

    const run = setup({ eventDays: 20, auditDays: 0, textDays: 0 });
    let passes = 0;
    for (;;) {
      const r = await run();
      expect(r.ok).toBe(true);
      if (!r.ok || r.data.days === 0) break;
      passes++;
    }
    expect(passes).toBe(31);
    expect(one('select count(*) from events where ticket_id is not null')).toBe(0);
    // The counters' own events stay (window open rate, staff sessions).
    expect(one<number>("select count(*) from events where type = 'counter.opened'")).toBeGreaterThan(0);
    expect(one('select count(distinct day) from day_rollups')).toBe(31);
    expect(one("select count(*) from audit_log where action = 'retention.applied'")).toBe(31);

    const after = await reports(now);
    expect(after).toEqual(before);
  });

  it('leaves days younger than the retention and a policy of 0 alone', async () => {
    now = Date.parse('2026-02-10T10:00:00+08:00');
    const run = setup({ eventDays: 20, auditDays: 0, textDays: 0 });
    while ((await run()).ok && one<number>('select count(distinct day) from day_rollups') < 31) {
      if (one<number>('select count(distinct day) from day_rollups') >= 20) break;
    }
    // 2026-02-10 minus 20 days: days before 2026-01-21 only.
    expect(one('select max(day) from day_rollups')).toBe('2026-01-20');
    expect(
      one<number>(
        "select count(*) from events e join tickets t on t.id = e.ticket_id where t.business_day = '2026-01-21'",
      ),
    ).toBeGreaterThan(0);
    const keep = setup({ eventDays: 0, auditDays: 0, textDays: 0 });
    const r = await keep();
    expect(r.ok && r.data.days).toBe(0);
  });

  it('masks old rating and case texts keeping every count, deletes old audit rows, and audits the pass', async () => {
    const ticket = one<string>("select id from tickets where status = 'done' limit 1");
    const old = Date.parse('2026-01-05T10:00:00+08:00');
    db.$client
      .prepare(
        `insert into ratings (id, ticket_id, branch_id, service_id, score, source, at, text, comment)
         select 'r-text', id, branch_id, service_id, 1, 'pad', ?, '窗口太慢', 'still slow' from tickets where id = ?
         on conflict(ticket_id) do update set text = excluded.text, comment = excluded.comment, at = excluded.at`,
      )
      .run(old, ticket);
    const insertCase = db.$client.prepare(
      `insert into cases (id, branch_id, kind, status, summary, opened_at, due_at, closed_at, citizen_text, answer, contact_name)
       values (?, 'b1', 'complaint', ?, 's', ?, ?, ?, '他们不理我', 'we called back', '张三')`,
    );
    insertCase.run('case-closed', 'closed', old, old + DAY, old + DAY);
    insertCase.run('case-open', 'open', old, old + DAY, null);
    db.$client
      .prepare(
        `insert into case_steps (case_id, at, by, kind, detail) values ('case-closed', ?, 'u', 'note', ?)`,
      )
      .run(old, JSON.stringify({ text: 'called, no answer', method: 'phone' }));
    db.$client
      .prepare(
        `insert into audit_log (at, actor_kind, actor_id, action) values (?, 'user', 'u', 'branch.configured')`,
      )
      .run(old);
    const counts = () => [
      one('select count(*) from ratings'),
      one('select count(*) from cases'),
      one('select count(*) from ratings where text is not null'),
    ];
    const countsBefore = counts();
    const score = one('select score from ratings where ticket_id = ?', ticket);

    const run = setup({ eventDays: 0, auditDays: 30, textDays: 30 });
    expect((await run()).ok).toBe(true);

    expect(counts()).toEqual(countsBefore);
    expect(
      db.$client.prepare('select text, comment, score from ratings where ticket_id = ?').get(ticket),
    ).toEqual({
      text: MASKED_TEXT,
      comment: MASKED_TEXT,
      score,
    });
    expect(
      db.$client
        .prepare("select citizen_text, answer, contact_name from cases where id = 'case-closed'")
        .get(),
    ).toEqual({
      citizen_text: MASKED_TEXT,
      answer: MASKED_TEXT,
      contact_name: MASKED_TEXT,
    });
    // A case still open keeps its texts: someone is working on it.
    expect(one("select citizen_text from cases where id = 'case-open'")).toBe('他们不理我');
    expect(JSON.parse(one<string>("select detail from case_steps where case_id = 'case-closed'"))).toEqual({
      text: MASKED_TEXT,
      method: 'phone',
    });
    expect(one("select count(*) from audit_log where action = 'branch.configured'")).toBe(0);
    const pass = db.$client
      .prepare("select actor_id, detail from audit_log where action = 'retention.applied'")
      .get() as {
      actor_id: string;
      detail: string;
    };
    expect(pass.actor_id).toBe('retention');
    expect(JSON.parse(pass.detail)).toMatchObject({ auditRows: 1, texts: { ratings: 1, cases: 1 } });

    // Nothing left to do: no command, no audit row.
    expect((await run()).ok).toBe(true);
    expect(one("select count(*) from audit_log where action = 'retention.applied'")).toBe(1);
  });
});
