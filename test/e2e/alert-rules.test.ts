import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterCommand, issueAtKiosk } from '../support/api.js';
import { ARTIFACTS, chromiumMissing } from '../support/browser.js';
import type { WebServer } from '../support/build.js';
import { serveBrowserHall, signInManager, stopBrowserHall } from '../support/e2e-staff.js';
import { skipReason } from '../support/require.js';
import { api, login } from '../support/server.js';
import { openScreen } from './manager-nav.js';

/**
 * The alert rules screen in Chromium against the real server and the demo hall: a manager
 * gives social insurance its own queue threshold (more than 2 waiting, where the branch default
 * is 15), saves, and the live monitor raises the alert at that service's threshold while
 * medical insurance, as long a queue, raises none. Screenshots of the screen and of the monitor
 * with the alert, in both languages, under test/artifacts/screens/.
 */
const skip = skipReason(chromiumMissing, 'alert rules UI');
const BRANCH = '/branches/demo-hall';
const SCREENS = join(ARTIFACTS, 'screens');
const shot = (name: string) => join(SCREENS, name);

describe.skipIf(skip)('alert rules screen', () => {
  let server: WebServer;
  let browser: Browser;
  let manager: string;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    // In-process: nothing here kills or restarts the server.
    ({ server, browser } = await serveBrowserHall(['manager']));
    manager = await login(server, 'manager');
    // A counter open for social and medical insurance: no "no counter open" alert beside the queue's.
    const clerk = await login(server, 'clerk1');
    await counterCommand(server, clerk, 'ctr-1', 'open');
  }, 120_000);
  afterAll(() => stopBrowserHall({ server, browser }));

  async function signIn(): Promise<Page> {
    const page = await signInManager(browser, server, 'manager');
    await page.waitForSelector('[data-nav-group]');
    return page;
  }

  /** Both sizes (or only 1920×1080) in both languages; back in Chinese at 1366×768 after. */
  async function screenshots(
    page: Page,
    name: string,
    ready: (locale: string) => string,
    sizes = [1366, 1920],
  ) {
    for (const locale of ['zh-CN', 'en'] as const) {
      if (locale === 'en') await page.click('[data-testid=language]');
      await page.waitForSelector(ready(locale));
      for (const width of sizes) {
        await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
        await page.screenshot({ path: shot(`${name}-${locale}-${width}.png`), fullPage: true });
      }
    }
    await page.click('[data-testid=language]');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForSelector(ready('zh-CN'));
  }

  it("edits a service's queue threshold, and the monitor raises the alert at it, not at the default", async () => {
    const page = await signIn();
    await openScreen(page, 'alert-rules');
    expect(page.url()).toBe(`${server.url}/manager/alert-rules`);
    await page.waitForSelector('[data-testid=ar-defaults]');
    expect(await page.inputValue('[name="defaults.queueLength.warning"]')).toBe('15');
    expect(await page.textContent('[data-testid=ar-changed]')).toContain('尚未修改');

    // Keyboard only: the Add button, then the row's service, its values, and Save.
    await page.focus('[data-action=add-services]');
    await page.keyboard.press('Enter');
    await page.selectOption('[name="services.0.subject"]', 'svc-social');
    await page.fill('[name="services.0.warning"]', '2');
    await page.fill('[name="services.0.critical"]', '10');
    await page.focus('[data-action=save-alert-rules]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-outcome=ok]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=ar-changed]')?.textContent?.includes('周主任'),
    );
    const stored = await api<{ rules: { services?: unknown } }>(server, 'GET', `${BRANCH}/alert-rules`, {
      token: manager,
    });
    expect(stored.body.rules.services).toEqual({
      'svc-social': { queueLength: { enabled: true, warning: 2, critical: 10 } },
    });
    await screenshots(page, 'alert-rules', (l) => (l === 'en' ? 'text=Branch defaults' : 'text=全厅默认'));

    // Three waiting in each: past social's own 2, far from the default 15 that medical keeps.
    await openScreen(page, 'monitor');
    await page.waitForSelector('[data-testid=mon-queues] tr[data-service=svc-social]');
    for (let i = 0; i < 3; i++) {
      await issueAtKiosk(server, 'svc-social');
      await issueAtKiosk(server, 'svc-medical');
    }
    const item = page.locator('[data-testid=mon-open-alerts] [data-kind=queue_length]');
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-level')).toBe('warning');
    expect(await item.textContent()).toContain('排队过长：3 人等候（上限 2 人）');
    expect(await item.textContent()).toContain('社会保险');
    await page.waitForFunction(
      () => document.querySelector('tr[data-service=svc-medical] .mon-big')?.textContent === '3',
    );
    expect(await item.count()).toBe(1);
    await screenshots(
      page,
      'monitor-alert',
      (l) =>
        l === 'en'
          ? '[data-kind=queue_length] >> text=Long queue'
          : '[data-kind=queue_length] >> text=排队过长',
      [1920],
    );
    // The monitor leads a manager back to the rules.
    await page.click('[data-testid=mon-rules-link]');
    await page.waitForSelector('[data-nav=alert-rules][aria-current=page]');
    await page.context().close();
  }, 120_000);
});
