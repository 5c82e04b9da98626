/**
 * The five screens under the server's Content-Security-Policy in Chromium: each loads, draws and
 * reports no CSP violation (console or `securitypolicyviolation` event).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, type LaunchedBrowser, launchChromium, newContext } from '../support/browser.js';
import { build, type TestApp } from '../support/build.js';
import { skipReason } from '../support/require.js';
import { ensureUiBuilt } from '../support/ui-build.js';

const skip = skipReason(chromiumMissing, 'CSP e2e');

describe.skipIf(skip)('the screens pass the Content-Security-Policy', () => {
  let server: TestApp;
  let chrome: LaunchedBrowser;
  let managerBroken: string | null = null;

  beforeAll(async () => {
    for (const ui of ['kiosk', 'counter', 'display'] as const) await ensureUiBuilt(ui);
    // The manager area is young: a build that fails is reported, the other screens still checked.
    await ensureUiBuilt('manager').catch((e: Error) => {
      managerBroken = e.message.split('\n')[0] ?? 'build failed';
    });
    server = await build();
    await server.listen();
    chrome = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });

  const screens = () => ({
    kiosk: `/kiosk/?device=${server.demo.devices['kiosk-1']}`,
    counter: '/counter/',
    pad: `/counter/pad?device=${server.demo.devices['pad-1']}`,
    display: `/display/?device=${server.demo.devices['display-1']}`,
    manager: '/manager/',
  });

  for (const name of ['kiosk', 'counter', 'pad', 'display', 'manager'] as const) {
    it(`${name} loads with no CSP violation`, async (ctx) => {
      if (name === 'manager' && managerBroken) {
        process.stdout.write(`manager: skipped, its build fails: ${managerBroken}\n`);
        ctx.skip();
      }
      const context = await newContext(chrome.browser, { width: 1280, height: 800 });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      const res = await page.goto(`${server.url}${screens()[name]}`);
      expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForFunction(() => (document.body?.textContent ?? '').trim().length > 0, null, {
        timeout: 20_000,
      });
      // Let the screen connect its socket and draw its first state.
      await page.waitForLoadState('networkidle').catch(() => {});
      process.stdout.write(`${name}: ${problems.length} CSP problems\n`);
      expect(problems, problems.join('\n')).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
