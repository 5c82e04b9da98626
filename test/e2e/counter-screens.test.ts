import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import {
  type Console,
  expectCurrent,
  type Hall,
  issue,
  openConsole,
  pressWhenReady,
  startHall,
  waitState,
} from './counter-harness.js';

/** Screenshots of a busy console at both common PC sizes in both languages, and the pad on a tablet. */
const skip = skipReason(chromiumMissing, 'counter console screenshots');

/** Everything the clerk needs is on screen: no page scroll, every key visible, nothing cut off sideways. */
async function expectFits(page: Page): Promise<void> {
  const fit = await page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const outside = [
      ...document.querySelectorAll<HTMLElement>('[data-action], .current-code, .topbar-tools button'),
    ]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < 0 || r.top < 0 || r.right > vw + 0.5 || r.bottom > vh + 0.5 || r.width === 0;
      })
      .map((el) => el.dataset.action ?? el.className);
    return {
      outside,
      scrollW: document.documentElement.scrollWidth,
      scrollH: document.documentElement.scrollHeight,
      vw,
      vh,
    };
  });
  expect(fit.outside).toEqual([]);
  expect(fit.scrollW).toBeLessThanOrEqual(fit.vw);
  expect(fit.scrollH).toBeLessThanOrEqual(fit.vh);
}

describe.skipIf(skip)('counter console and pad screenshots', () => {
  let hall: Hall;
  let c1: Console;

  beforeAll(async () => {
    hall = await startHall();
    c1 = await openConsole(hall, 'clerk1', 'ctr-1');
    // A morning's worth: one served, one parked, one at the counter, a mixed queue behind.
    await issue(hall, 'svc-medical', true);
    for (let i = 0; i < 6; i++) await issue(hall, i % 3 === 2 ? 'svc-medical' : 'svc-social');
    await issue(hall, 'svc-social', true);
    const p = c1.page;
    await pressWhenReady(p, 'F1', 'callNext');
    await waitState(c1, 'calling');
    await pressWhenReady(p, 'F4', 'finish');
    await waitState(c1, 'idle');
    await pressWhenReady(p, 'F1', 'callNext');
    await waitState(c1, 'calling');
    await pressWhenReady(p, 'F7', 'park');
    await waitState(c1, 'idle');
    await pressWhenReady(p, 'F1', 'callNext');
    await waitState(c1, 'calling');
    await pressWhenReady(p, 'F2', 'recall');
    await p.waitForFunction(() =>
      document.querySelector('[data-testid=call-count]')?.textContent?.includes('2'),
    );
    await pressWhenReady(p, 'F3', 'start');
    await waitState(c1, 'serving');
    await issue(hall, 'svc-medical', true);
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    for (const locale of ['zh', 'en'] as const) {
      it(`console at ${size.width}×${size.height} in ${locale} fits the screen`, async () => {
        const { page } = await openConsole(hall, 'clerk1', 'ctr-1', {
          viewport: size,
          locale: locale === 'zh' ? 'zh-CN' : 'en',
          state: 'serving',
        });
        await page.waitForSelector('.waiting tbody tr');
        await page.waitForSelector('.parked li');
        await page.mouse.move(size.width - 2, size.height - 2);
        await page.waitForTimeout(400);
        await expectFits(page);
        expect(await page.textContent('[data-action=callNext]')).toContain(
          locale === 'zh' ? '呼叫' : 'Call next',
        );
        await page.screenshot({ path: artifactPath(`counter-${size.width}-${locale}.png`) });
        await page.context().close();
      }, 40_000);
    }
  }

  it('the transfer and pause dialogs at 1366×768', async () => {
    const page = c1.page;
    await page.bringToFront();
    // The console is in sync and serving (a reconnect under load would disable the keys for a moment).
    await page.waitForSelector('[data-action=transfer]:not([disabled])', { timeout: 15_000 });
    await pressWhenReady(page, 'F6', 'transfer');
    await page.waitForSelector('[role=dialog] select', { timeout: 15_000 });
    await page.locator('[role=dialog] select').selectOption('svc-medical');
    await page.screenshot({ path: artifactPath('counter-1366-zh-transfer.png') });
    await page.keyboard.press('Escape');
    await pressWhenReady(page, 'F4', 'finish');
    await waitState(c1, 'idle');
    await pressWhenReady(page, 'F9', 'pause');
    await page.waitForSelector('[role=dialog]');
    await page.screenshot({ path: artifactPath('counter-1366-zh-pause.png') });
    await page.keyboard.press('Escape');
    await expectCurrent(c1, null);
  }, 40_000);

  it('the rating pad at tablet size (1280×800): idle, faces, reason, thanks', async () => {
    const context = await hall.browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
    });
    const pad = await context.newPage();
    await pad.goto(`${hall.server.url}/counter/pad?device=${hall.server.demo.devices['pad-1']}`);
    await pad.waitForSelector('.pad[data-phase=idle]');
    // Subscribed (the offline mark goes), so the rating request below reaches it.
    await pad.locator('.pad-offline').waitFor({ state: 'detached' });
    await pad.screenshot({ path: artifactPath('pad-1280-idle.png') });
    await pressWhenReady(c1.page, 'F1', 'callNext');
    await waitState(c1, 'calling');
    await pressWhenReady(c1.page, 'F4', 'finish');
    await pad.waitForSelector('.pad[data-phase=ask]');
    const faces = await pad.$$eval('.face-btn', (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height >= 150;
      }),
    );
    expect(faces).toEqual([true, true, true, true, true]);
    await pad.screenshot({ path: artifactPath('pad-1280-ask.png') });
    await pad.keyboard.press('4');
    await pad.waitForSelector('.pad[data-phase=reason]');
    await pad.screenshot({ path: artifactPath('pad-1280-reason.png') });
    await pad.keyboard.press('Enter');
    await pad.waitForSelector('.pad[data-phase=thanks]');
    await pad.screenshot({ path: artifactPath('pad-1280-thanks.png') });
    await context.close();
  });
});
