import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import {
  api,
  type Console,
  counterView,
  dialogReady,
  type Hall,
  login,
  openConsole,
  pressWhenReady,
  startHall,
  waitState,
} from './counter-harness.js';

/**
 * The console's pause dialog offers the branch's own reasons as soon as a manager saves them
 * (no reload), in the console's language, and the pause is stored by code. Screenshots of the
 * dialog at 1366×768 in zh-CN and en.
 */
const skip = skipReason(chromiumMissing, 'console reason codes');

describe.skipIf(skip)("the console's pause reasons from the branch", () => {
  let hall: Hall;
  let zh: Console;
  let manager: string;

  beforeAll(async () => {
    hall = await startHall();
    manager = await login(hall.server, 'manager');
    zh = await openConsole(hall, 'clerk5', 'ctr-5', { locale: 'zh-CN' });
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  it('shows the codes saved while the console is open, pauses by code, names it in both languages', async () => {
    const set = await api(hall.server, 'PATCH', '/branches/demo-hall', {
      token: manager,
      body: {
        pauseReasons: [
          { code: 'lunch', label: { 'zh-CN': '用餐', en: 'Meal break' } },
          { code: 'training', label: { 'zh-CN': '业务培训', en: 'Training' } },
          { code: 'old', label: { 'zh-CN': '旧原因', en: 'Old reason' }, retired: true },
        ],
      },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const page = zh.page;
    await pressWhenReady(page, 'F9', 'pause');
    await dialogReady(page);
    const dialog = page.locator('[role=dialog]');
    // The list came live over the socket: the built-in list and the free text are gone.
    await dialog.locator('input[value=training]').waitFor();
    expect(await dialog.locator('label.choice').allTextContents()).toEqual(['用餐', '业务培训']);
    expect(await dialog.locator('input[name=details]').count()).toBe(0);
    await page.screenshot({ path: artifactPath('console-reasons/pause-codes-zh-CN-1366x768.png') });
    await dialog.locator('input[value=training]').check();
    await dialog.locator('button.btn-primary').click();
    await waitState(zh, 'paused');
    expect((await counterView(hall, manager, 'ctr-5')).pauseReason).toBe('training');
    expect(await page.textContent('.pause-reason')).toBe('业务培训');

    const en = await openConsole(hall, 'clerk6', 'ctr-6', { locale: 'en' });
    await pressWhenReady(en.page, 'F9', 'pause');
    await dialogReady(en.page);
    expect(await en.page.locator('[role=dialog] label.choice').allTextContents()).toEqual([
      'Meal break',
      'Training',
    ]);
    await en.page.screenshot({ path: artifactPath('console-reasons/pause-codes-en-1366x768.png') });
    await en.context.close();
  }, 90_000);
});
