import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseStatutoryCalendar } from '../../server/src/calendar/chinese.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH } from './helpers.js';

/**
 * Health warns a month before the Chinese holiday data runs out for a branch that uses it: past
 * that date 春节 would count as a working day for opening hours and case deadlines, silently.
 */
const lastCoveredYear = Math.max(...chineseStatutoryCalendar().coveredYears);
let now = Date.parse(`${lastCoveredYear}-11-01T10:00:00+08:00`);
let app: TestApp;

beforeAll(async () => {
  app = await build({ clock: () => now });
  const manager = await login(app, 'manager');
  const r = await api(app, 'PATCH', `/branches/${BRANCH}`, { token: manager, body: { holidays: 'cn' } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
});
afterAll(() => app?.close());

const warnings = async () =>
  ((await api<{ warnings?: string[] }>(app, 'GET', '/health')).body.warnings ?? []).filter((w) =>
    w.startsWith('HOLIDAY_DATA_ENDS'),
  );

describe('health and the end of the holiday data', () => {
  it('says nothing while the next month is covered', async () => {
    expect(await warnings()).toEqual([]);
  });

  it('names the branch and the first unknown day a month before', async () => {
    now = Date.parse(`${lastCoveredYear}-12-05T10:00:00+08:00`);
    const [w] = await warnings();
    expect(w).toContain(`${lastCoveredYear + 1}-01-01`);
    expect(w).toContain(BRANCH);
  });
});
