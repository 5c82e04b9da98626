import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import type { WebServer } from '../support/build.js';
import { serveBrowserHall, signInManager, stopBrowserHall } from '../support/e2e-staff.js';
import { skipReason } from '../support/require.js';
import { api, login } from '../support/server.js';
import { openScreen } from './manager-nav.js';

/**
 * The hall configuration screens in Chromium against the real server: a manager edits a
 * service (names, then a suspension) and a counter (names) through the screens, and the kiosk
 * and the hall board show it live without a reload. Screenshots of the branch, services,
 * counters (a counter's form with its own hours) and reason-code screens at 1366×768 and
 * 1920×1080, zh-CN and en.
 */
const skip = skipReason(chromiumMissing, 'manager configuration UI');
const SCREENS = ['branch', 'services', 'counters', 'reasons'] as const;

describe.skipIf(skip)('manager configuration screens', () => {
  let server: WebServer;
  let browser: Browser;

  async function signIn(viewport = { width: 1366, height: 768 }, locale: 'zh-CN' | 'en' = 'zh-CN') {
    const page = await signInManager(browser, server, 'manager', { viewport, locale });
    await page.waitForSelector('[data-nav=hall][aria-current=page]');
    return page;
  }
  const goTo = async (page: Page, screen: (typeof SCREENS)[number]) => {
    await openScreen(page, screen);
    await page.waitForSelector('.cfg h1');
  };
  const device = (kind: 'kiosk' | 'display', id: string) =>
    `${server.url}/${kind}/?device=${server.demo.devices[id]}${kind === 'display' ? '&lang=zh-CN' : ''}`;

  beforeAll(async () => {
    ({ server, browser } = await serveBrowserHall(['manager', 'kiosk', 'display']));
  }, 180_000);
  afterAll(() => stopBrowserHall({ server, browser }));

  it('edits a service and a counter; the kiosk and the board follow live', async () => {
    const kiosk = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    await kiosk.goto(device('kiosk', 'kiosk-1'));
    await kiosk.waitForSelector('[data-service=svc-enquiry]');
    const board = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await board.goto(device('display', 'display-1'));
    await board.waitForFunction(() => document.body.textContent?.includes('综合咨询'));

    const page = await signIn();
    await goTo(page, 'services');
    const row = page.locator('tr[data-service=svc-enquiry]');
    await row.locator('[data-action=edit]').click();
    const form = page.locator('form[data-form=service]');
    // Checked before sending: an empty name is marked next to its field, nothing is sent.
    await form.locator('input[name="name.en"]').fill('');
    await form.locator('[data-action=save-service]').click();
    await form.locator('input[name="name.en"][aria-invalid=true]').waitFor();
    await form.locator('input[name="name.zh-CN"]').fill('咨询与查询');
    await form.locator('input[name="name.en"]').fill('Questions and answers');
    await form.locator('[data-action=save-service]').click();
    await form.waitFor({ state: 'detached' });
    await kiosk.waitForFunction(() =>
      document.querySelector('[data-service=svc-enquiry]')?.textContent?.includes('咨询与查询'),
    );
    await board.waitForFunction(() => document.body.textContent?.includes('咨询与查询'));
    // Suspended with a reason: the kiosk greys the tile and shows why.
    await row.locator('[data-action=suspend]').click();
    await page.fill('textarea[name=suspendedReason]', '系统升级');
    await page.click('[data-testid=dialog-confirm]');
    await row.locator('[data-action=resume]').waitFor();
    await kiosk.waitForSelector('[data-service=svc-enquiry][disabled]');
    expect(await kiosk.textContent('[data-service=svc-enquiry]')).toContain('系统升级');
    await kiosk.screenshot({ path: artifactPath('manager-config/kiosk-service-suspended.png') });

    await goTo(page, 'counters');
    await page.locator('tr[data-counter=ctr-8] [data-action=edit]').click();
    const cform = page.locator('form[data-form=counter]');
    await cform.locator('input[name="name.zh-CN"]').fill('8号 绿色通道');
    await cform.locator('input[name="name.en"]').fill('8 Express lane');
    await cform.locator('[data-action=save-counter]').click();
    await cform.waitFor({ state: 'detached' });
    await page.waitForSelector('tr[data-counter=ctr-8]:has-text("8号 绿色通道")');
    // The next call at counter 8 is announced on the board under its new name.
    const clerk = await login(server, 'clerk8');
    const issued = await api(server, 'POST', '/branches/demo-hall/tickets', {
      token: server.demo.devices['kiosk-1'],
      body: { serviceId: 'svc-social' },
    });
    expect(issued.status).toBe(201);
    for (const cmd of ['open', 'call-next']) {
      const r = await api(server, 'POST', `/counters/ctr-8/${cmd}`, { token: clerk, body: {} });
      expect(r.status, `${cmd} ${JSON.stringify(r.body)}`).toBe(200);
    }
    await board.waitForFunction(() => document.body.textContent?.includes('绿色通道'));
    await board.screenshot({ path: artifactPath('manager-config/board-counter-renamed.png') });
    await page.context().close();
    await kiosk.context().close();
    await board.context().close();
  }, 120_000);

  it('a service with people waiting is not deactivated, and the screen says why', async () => {
    const r = await api(server, 'POST', '/branches/demo-hall/tickets', {
      token: server.demo.devices['kiosk-1'],
      body: { serviceId: 'svc-medical' },
    });
    expect(r.status).toBe(201);
    const page = await signIn(undefined, 'en');
    await goTo(page, 'services');
    await page.locator('tr[data-service=svc-medical] [data-action=deactivate]').click();
    await page.click('[data-testid=dialog-confirm]');
    const alert = page.locator('[data-outcome=error]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('People are still waiting');
    await page.screenshot({ path: artifactPath('manager-config/services-in-use-en-1366x768.png') });
    await page.context().close();
  }, 60_000);

  it('screenshots every configuration screen at both sizes in both languages', async () => {
    const manager = await login(server, 'manager');
    const set = await api(server, 'PATCH', '/branches/demo-hall', {
      token: manager,
      body: {
        address: { 'zh-CN': '东城区民安街 12 号', en: '12 Min-an Street, Dongcheng' },
        holidays: 'cn',
        exceptions: [
          { date: '2099-12-24', intervals: [], note: '内部培训 Staff training' },
          { date: '2099-12-31', intervals: [{ open: '09:00', close: '12:00' }], note: '年末半天 Half day' },
        ],
      },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // Counter 2 publishes its own hours: its form opens with them ticked and shown.
    const mornings = { '1': [{ open: '08:30', close: '12:00' }], '3': [{ open: '08:30', close: '12:00' }] };
    const own = await api(server, 'PATCH', '/counters/ctr-2', { token: manager, body: { hours: mornings } });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    for (const locale of ['zh-CN', 'en'] as const)
      for (const viewport of [
        { width: 1366, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        const page = await signIn(viewport, locale);
        for (const screen of SCREENS) {
          await goTo(page, screen);
          if (screen === 'services')
            await page.locator('tr[data-service=svc-medical] [data-action=edit]').click();
          if (screen === 'counters') {
            await page.locator('tr[data-counter=ctr-2] [data-action=edit]').click();
            expect(await page.inputValue('form[data-form=counter] input[name=hours-1]')).toBe('08:30-12:00');
          }
          await page.waitForLoadState('networkidle');
          const name = `manager-config/${screen}-${locale}-${viewport.width}x${viewport.height}.png`;
          await page.screenshot({ path: artifactPath(name), fullPage: true });
          // Nothing sticks out sideways at this width.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            viewport.width,
          );
        }
        await page.context().close();
      }
  }, 180_000);
});
