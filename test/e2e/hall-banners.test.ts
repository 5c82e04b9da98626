import type { IssuedTicket } from '@guichet/server/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { api, login } from '../support/server.js';
import { ensureUiBuilt } from '../support/ui-build.js';
import { type Console, type Hall, issue, openConsole, startHall } from './counter-harness.js';

/**
 * An emergency raised from /manager reaches the clerk consoles (a banner in both languages, at
 * the smallest office screen) and a citizen's open phone page, live, and goes when it is lifted.
 */
const skip = skipReason(chromiumMissing, 'hall emergency banners (Chromium)');

const MESSAGE = {
  'zh-CN': '紧急疏散，请沿安全出口有序离开大厅。',
  en: 'Emergency evacuation: please leave the hall calmly by the nearest exit.',
};

/** The page does not scroll: the banner pushes nothing off the console. */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight);

describe.skipIf(skip)('hall emergency on consoles and phone pages', { timeout: 90_000 }, () => {
  let hall: Hall;
  let manager: string;
  let ticket: IssuedTicket;
  const consoles: Console[] = [];

  beforeAll(async () => {
    await ensureUiBuilt('kiosk');
    hall = await startHall();
    manager = await login(hall.server, 'manager');
    ticket = (await issue(hall, 'svc-social')) as IssuedTicket;
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  it('shows the emergency on the consoles in zh and en and on the phone page, then takes it down', async () => {
    consoles.push(await openConsole(hall, 'clerk1', 'ctr-1', { locale: 'zh-CN' }));
    consoles.push(await openConsole(hall, 'clerk2', 'ctr-2', { locale: 'en' }));
    const phoneContext = await hall.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const phone = await phoneContext.newPage();
    await phone.goto(ticket.trackUrl);
    await phone.waitForSelector('[data-code]');

    const raised = await api(hall.server, 'PUT', '/branches/demo-hall/emergency', {
      token: manager,
      body: { message: MESSAGE, stopIssuing: true },
    });
    expect(raised.status).toBe(200);

    for (const [i, c] of consoles.entries()) {
      const banner = c.page.locator('[data-testid=hall-emergency]');
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.textContent()).toContain(MESSAGE['zh-CN']);
      expect(await banner.textContent()).toContain(MESSAGE.en);
      expect(await fits(c.page)).toBe(true);
      await c.page.screenshot({ path: artifactPath(`console-emergency-1366-${i === 0 ? 'zh' : 'en'}.png`) });
    }
    const phoneBanner = phone.locator('[data-testid=phone-emergency]');
    await phoneBanner.waitFor({ timeout: 10_000 });
    expect(await phoneBanner.textContent()).toContain(MESSAGE['zh-CN']);
    expect(await phone.locator('[data-code]').textContent()).toBe(ticket.code);
    await phone.screenshot({ path: artifactPath('phone-emergency.png'), fullPage: true });

    await api(hall.server, 'DELETE', '/branches/demo-hall/emergency', { token: manager });
    await phoneBanner.waitFor({ state: 'detached', timeout: 10_000 });
    for (const c of consoles)
      await c.page.locator('[data-testid=hall-emergency]').waitFor({ state: 'detached', timeout: 10_000 });
  });
});
