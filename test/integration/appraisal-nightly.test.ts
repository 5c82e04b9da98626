/**
 * 逐日按人考评 as the hall keeps it: late minutes from the published hours (none from 00:00 in
 * a hall open round the clock), the record produced and stored when the day rolls over at
 * midnight (an injected clock crosses it), a past day read back as stored even after the hours
 * change, entries and answers revising the stored record with audit rows, and a clerk reading
 * her own record only.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppraisalRecord } from '../../server/src/protocol/schemas/case-views.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter, issue } from './helpers.js';

// Tuesday 2026-09-22 in Shanghai, a working day.
const local = (hhmm: string, day = '2026-09-22') => Date.parse(`${day}T${hhmm}:00+08:00`);
let now = local('08:00');
const DAY = '2026-09-22';

describe('the nightly appraisal record', () => {
  let hall: TestApp;
  let clerk1 = '';
  let manager = '';
  const record = async (token: string, userId = 'user-clerk1', day = DAY) =>
    api<{ days: AppraisalRecord[] }>(hall, 'GET', `/users/${userId}/appraisal?from=${day}&to=${day}`, {
      token,
    });
  const weekdays = (open: string, close: string) =>
    Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [{ open, close }]]));
  const setHours = async (open: string, close: string) => {
    const r = await api(hall, 'PATCH', `/branches/${BRANCH}`, {
      token: manager,
      body: { hours: weekdays(open, close) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  beforeAll(async () => {
    hall = await build({ db: 'file', clock: () => now, env: { GUICHET_API_PER_MINUTE: '10000' } });
    clerk1 = await login(hall, 'clerk1');
    manager = await login(hall, 'manager');
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('counts no late minutes from 00:00 in a hall open round the clock, and counts them from real hours', async () => {
    now = local('08:40');
    expect((await counter(hall, clerk1, 'ctr-1', 'open')).status).toBe(200);
    now += 60_000;
    const allDay = (await record(clerk1)).body.days[0]!;
    expect(allDay.published).toEqual({ open: '00:00', close: '24:00' });
    expect(allDay.lateMinutes).toBe(0);
    expect(allDay.producedAt).toBeNull();
    await setHours('08:30', '17:00');
    expect((await record(clerk1)).body.days[0]).toMatchObject({
      published: { open: '08:30', close: '17:00' },
      lateMinutes: 10,
    });
    expect((await issue(hall, 'svc-social')).status).toBe(201);
    now = local('09:00');
    expect((await counter(hall, clerk1, 'ctr-1', 'call-next')).status).toBe(200);
    now = local('09:06');
    expect((await counter(hall, clerk1, 'ctr-1', 'finish', { outcome: 'served' })).status).toBe(200);
    now = local('16:30');
    expect((await counter(hall, clerk1, 'ctr-1', 'close', { reason: '下班' })).status).toBe(200);
    now += 60_000;
    expect((await record(clerk1)).body.days[0]).toMatchObject({ earlyLeaveMinutes: 30, served: 1 });
  });

  it('stores the day when the branch rolls over at midnight and reads a past day back as stored', async () => {
    now = local('00:00', '2026-09-23') + 30_000;
    manager = await login(hall, 'manager');
    const clerk2 = await login(hall, 'clerk2');
    // The first command of the new day rolls the branch over (housekeeping does within 30 s).
    expect((await counter(hall, clerk2, 'ctr-2', 'open')).status).toBe(200);
    let stored: AppraisalRecord | undefined;
    for (let i = 0; i < 500 && !stored?.producedAt; i++) {
      stored = (await record(manager)).body.days[0];
      if (!stored?.producedAt) await new Promise((r) => setTimeout(r, 20));
    }
    expect(stored).toMatchObject({ producedAt: now, lateMinutes: 10, earlyLeaveMinutes: 30, served: 1 });
    // The hours change afterwards: the past day keeps what was produced that night.
    await setHours('09:00', '16:00');
    const again = (await record(manager)).body.days[0]!;
    expect(again).toEqual(stored);
    // The branch's list of the day is the stored one too.
    const branch = await api<{ records: AppraisalRecord[] }>(
      hall,
      'GET',
      `/branches/${BRANCH}/appraisal?date=${DAY}`,
      { token: manager },
    );
    expect(branch.body.records.find((r) => r.userId === 'user-clerk1')).toEqual(stored);
    // Today is computed now, under today's hours.
    expect((await record(manager, 'user-clerk2', '2026-09-23')).body.days[0]).toMatchObject({
      producedAt: null,
      published: { open: '09:00', close: '16:00' },
    });
  });

  it('revises the stored record through entries and answers, each with an audit row', async () => {
    clerk1 = await login(hall, 'clerk1');
    const entry = await api<{ id: string }>(hall, 'POST', '/users/user-clerk1/appraisal/entries', {
      token: manager,
      body: { date: DAY, observation: '窗口桌面杂乱', points: -2 },
    });
    expect(entry.status).toBe(201);
    const answered = await api(hall, 'POST', `/appraisal/entries/${entry.body.id}/answer`, {
      token: clerk1,
      body: { text: '已整理', appeal: false },
    });
    expect(answered.status).toBe(200);
    const past = (await record(clerk1)).body.days[0]!;
    expect(past).toMatchObject({ points: -2, lateMinutes: 10, revisedAt: now });
    expect(past.entries).toHaveLength(1);
    expect(past.entries[0]!.answer).toMatchObject({ text: '已整理', appeal: false });
    const db = new Database(hall.dbFile, { readonly: true });
    const rows = db
      .prepare(
        `select action, actor_id as actor, before, after from audit_log
         where action like 'appraisal.%' and (action <> 'appraisal.day-recorded' or detail like ?)
         order by id`,
      )
      .all(`%"day":"${DAY}"%`) as {
      action: string;
      actor: string;
      before: string | null;
      after: string | null;
    }[];
    db.close();
    expect(rows.map((r) => r.action)).toEqual([
      'appraisal.day-recorded',
      'appraisal.entry-added',
      'appraisal.entry-answered',
    ]);
    expect(rows[0]!.actor).toBe('system');
    type Side = { storedRecord: { entries: { answer: unknown }[]; points: number } };
    const [, added, answer] = rows.map((r) => ({
      before: JSON.parse(r.before ?? 'null') as Side,
      after: JSON.parse(r.after ?? 'null') as Side,
    }));
    expect(added!.before.storedRecord.entries).toHaveLength(0);
    expect(added!.after.storedRecord).toMatchObject({ points: -2 });
    expect(answer!.before.storedRecord.entries[0]!.answer).toBeNull();
    expect(answer!.after.storedRecord.entries[0]!.answer).toMatchObject({ text: '已整理' });
  });

  it('lets a clerk read her own record only', async () => {
    const clerk2 = await login(hall, 'clerk2');
    expect((await record(clerk2)).status).toBe(403);
    expect((await record(clerk2, 'user-clerk2')).status).toBe(200);
    const list = await api(hall, 'GET', `/branches/${BRANCH}/appraisal?date=${DAY}`, { token: clerk1 });
    expect(list.status).toBe(403);
    const sheet = await api(hall, 'GET', `/users/user-clerk2/appraisal/sheet?date=${DAY}`, { token: clerk1 });
    expect(sheet.status).toBe(403);
  });
});
