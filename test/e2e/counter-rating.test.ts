import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import {
  api,
  type Console,
  counterView,
  dialogReady,
  expectCurrent,
  type Hall,
  issue,
  login,
  openConsole,
  pressWhenReady,
  readDb,
  serveOne,
  startHall,
  ticketByCode,
  waitState,
} from './counter-harness.js';

/** The rating pad facing the citizen (pad-1, paired to counter 1) and a console driven by keys only. */
const skip = skipReason(chromiumMissing, 'counter rating pad e2e');

interface RatingRow {
  ticket_id: string;
  clerk_id: string | null;
  counter_id: string | null;
  score: number | null;
  reason: string | null;
  source: string;
}

describe.skipIf(skip)('rating pad and keyboard-only console against the real server', () => {
  let hall: Hall;
  let manager: string;

  beforeAll(async () => {
    hall = await startHall();
    manager = await login(hall.server, 'manager');
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const waitPhase = (pad: Page, want: string) =>
    pad.waitForFunction((w) => document.querySelector('.pad')?.getAttribute('data-phase') === w, want, {
      timeout: 15_000,
    });
  const ratingOf = (ticketId: string) =>
    readDb<RatingRow>(
      hall,
      'SELECT ticket_id, clerk_id, counter_id, score, reason, source FROM ratings WHERE ticket_id = ?',
      ticketId,
    )[0];

  it('a rating on the pad is stored with ticket and clerk; a bad one opens a case; the clerk can prompt again', async () => {
    const c1 = await openConsole(hall, 'clerk1', 'ctr-1');
    const padContext = await hall.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const pad = await padContext.newPage();
    await pad.goto(`${hall.server.url}/counter/pad?device=${hall.server.demo.devices['pad-1']}`);
    await waitPhase(pad, 'idle');
    expect(new URL(pad.url()).searchParams.has('device')).toBe(false);
    // The console itself has no way to rate.
    expect(await c1.page.$('[data-score]')).toBeNull();

    // A good rating, by touch.
    const good = await serveOne(hall, c1);
    await waitPhase(pad, 'ask');
    expect(await pad.textContent('.pad-ticket')).toContain(good.code);
    await pad.locator('.face-btn[data-score="4"]').click();
    await waitPhase(pad, 'detail');
    await pad.locator('[data-testid=pad-submit]').click();
    await waitPhase(pad, 'thanks');
    await expect
      .poll(() => ratingOf(good.id))
      .toMatchObject({
        score: 4,
        clerk_id: 'user-clerk1',
        counter_id: 'ctr-1',
        source: 'pad',
        reason: null,
      });
    expect(readDb(hall, 'SELECT id FROM cases WHERE ticket_id = ?', good.id)).toHaveLength(0);
    await waitPhase(pad, 'idle');

    // A bad rating from a keyboard-wedge keypad: key 5 = 非常不满意 (score 1), key 1 = the first reason.
    const bad = await serveOne(hall, c1);
    await waitPhase(pad, 'ask');
    await pad.keyboard.press('5');
    await waitPhase(pad, 'reason');
    await pad.keyboard.press('1');
    await waitPhase(pad, 'thanks');
    await expect
      .poll(() => ratingOf(bad.id))
      .toMatchObject({ score: 1, clerk_id: 'user-clerk1', reason: 'long_wait', source: 'keypad' });
    const cases = readDb<{ kind: string; status: string }>(
      hall,
      'SELECT kind, status FROM cases WHERE ticket_id = ?',
      bad.id,
    );
    expect(cases).toEqual([{ kind: 'bad_rating', status: 'open' }]);

    // The pad missed the request (reloaded): the clerk prompts again with 邀请评价 (F10).
    const third = await serveOne(hall, c1);
    await waitPhase(pad, 'ask');
    await pad.reload();
    await waitPhase(pad, 'idle');
    // Its pad:subscribe was answered: the offline mark goes.
    await pad.locator('.pad-offline').waitFor({ state: 'detached' });
    await pressWhenReady(c1.page, 'F10', 'rating');
    await c1.page.waitForFunction(
      (code) => document.querySelector('[data-testid=notice]')?.textContent?.includes(code),
      third.code,
    );
    await waitPhase(pad, 'ask');
    expect(await pad.textContent('.pad-ticket')).toContain(third.code);
    await pad.keyboard.press('3');
    await expect.poll(() => ratingOf(third.id)?.score).toBe(3);

    // The clerk's day counts them.
    const today = await api<{ served: number; ratings: { count: number; bad: number } }>(
      hall.server,
      'GET',
      '/counters/ctr-1/today',
      {
        token: c1.token,
      },
    );
    expect(today.body).toMatchObject({ served: 3, ratings: { count: 3, bad: 1 } });
    await padContext.close();
    await c1.context.close();
  }, 60_000);

  it('keyboard shortcuts drive a whole service without the mouse', async () => {
    const context = await hall.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${hall.server.url}/counter/?counter=ctr-2`);
    // Type only once the form has put the focus in its first field (a loaded machine renders late).
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    await page.keyboard.type('1002'); // staff number; the username field has focus
    await page.keyboard.press('Tab');
    await page.keyboard.type(hall.server.demo.passwords.clerk2 ?? '');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.console[data-state=idle]');
    const token = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('guichet.counter.session') ?? '{}').token as string,
    );
    const c2: Console = { context, page, token };
    const state = async () => (await counterView(hall, manager, 'ctr-2')).state;

    const a1 = await issue(hall, 'svc-social');
    const a2 = await issue(hall, 'svc-social');
    const b1 = await issue(hall, 'svc-medical');
    await page.waitForSelector(`tr[data-ticket="${b1.code}"]`);

    // Call, recall, start, finish.
    await pressWhenReady(page, 'F1', 'callNext');
    await expectCurrent(c2, a1.code);
    await pressWhenReady(page, 'F2', 'recall');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=call-count]')?.textContent?.includes('2'),
    );
    await pressWhenReady(page, 'F3', 'start');
    await waitState(c2, 'serving');
    await pressWhenReady(page, 'F4', 'finish');
    await waitState(c2, 'idle');
    expect((await ticketByCode(hall, manager, a1.code)) ?? { status: 'done' }).toMatchObject({
      status: 'done',
    });

    // Call, park, select the parked ticket with the arrows, call it back (F8).
    await pressWhenReady(page, 'F1', 'callNext');
    await expectCurrent(c2, a2.code);
    await pressWhenReady(page, 'F7', 'park');
    await page.waitForSelector(`.parked li[data-ticket="${a2.code}"]`);
    await page.keyboard.press('ArrowDown'); // B in the waiting list
    await page.keyboard.press('ArrowDown'); // the parked ticket
    await page.waitForSelector(`.parked li.selected[data-ticket="${a2.code}"]`);
    await pressWhenReady(page, 'F8', 'callSelected');
    await expectCurrent(c2, a2.code);

    // Transfer to medical insurance (first in line) with the select and Enter.
    await pressWhenReady(page, 'F6', 'transfer');
    await page.waitForSelector('[role=dialog] select:focus');
    await page.keyboard.press('ArrowDown'); // A 社会保险
    await page.keyboard.press('ArrowDown'); // B 医疗保险
    await page.keyboard.press('Enter');
    await expectCurrent(c2, null);

    // Next is the transferred ticket (first in the medical queue); no-show confirms with Enter.
    await pressWhenReady(page, 'F1', 'callNext');
    await expectCurrent(c2, a2.code);
    await pressWhenReady(page, 'F5', 'noShow');
    await dialogReady(page);
    await page.keyboard.press('Enter');
    await expectCurrent(c2, null);
    expect((await ticketByCode(hall, manager, a2.code))?.status).toBe('no_show');

    // Pause with the first reason (Space picks it, Enter saves), resume, then close with a reason.
    await pressWhenReady(page, 'F9', 'pause');
    await dialogReady(page);
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await waitState(c2, 'paused');
    expect(await counterView(hall, manager, 'ctr-2')).toMatchObject({ state: 'paused', pauseReason: '用餐' });
    await pressWhenReady(page, 'F9', 'pause');
    await waitState(c2, 'idle');
    await pressWhenReady(page, 'Shift+F10', 'close');
    await dialogReady(page);
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await waitState(c2, 'closed');
    expect(await state()).toBe('closed');
    await context.close();
    // A whole service is a dozen round trips; on a loaded CI machine that outlasts the default 20 s.
  }, 60_000);
});
