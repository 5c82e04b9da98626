import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterCommand, issueAtKiosk } from '../support/api.js';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { signInStaff, startBrowserHall, stopBrowserHall } from '../support/e2e-staff.js';
import { skipReason } from '../support/require.js';
import { api, login, type RunningServer } from '../support/server.js';
import { openScreen } from './manager-nav.js';

/**
 * The live monitor in Chromium against the real server and the demo hall: a manager opens the
 * monitor, a queue grows past a lowered threshold and its alert appears without a reload, a
 * supervisor at her console sees it too, the manager acknowledges it and both screens show who
 * did. Screenshots at both common PC sizes in both languages, and the console's strip.
 */
const skip = skipReason(chromiumMissing, 'live monitor UI');
const BRANCH = '/branches/demo-hall';

describe.skipIf(skip)('live monitor', () => {
  let server: RunningServer;
  let browser: Browser;
  let manager: string;

  const signIn = (username: string, path: string) => signInStaff(browser, server, username, path);

  beforeAll(async () => {
    ({ server, browser } = await startBrowserHall(['manager', 'counter']));
    manager = await login(server, 'manager');
    // More than two waiting is a warning from now on (the default is fifteen).
    const rules = await api(server, 'PUT', `${BRANCH}/alert-rules`, {
      token: manager,
      body: {
        waitOverTarget: { enabled: true, criticalPercent: 150 },
        queueLength: { enabled: true, warning: 2, critical: 10 },
        noCounterOpen: { enabled: false },
        counterPaused: { enabled: true, warningMinutes: 15, criticalMinutes: 30 },
      },
    });
    if (rules.status !== 200) throw new Error(`rules: ${rules.status}`);
    // clerk1 serving, clerk2 paused: the counters table has something to show.
    const [c1, c2] = await Promise.all(['clerk1', 'clerk2'].map((u) => login(server, u)));
    await counterCommand(server, c1!, 'ctr-1', 'open');
    await counterCommand(server, c2!, 'ctr-2', 'open');
    await issueAtKiosk(server, 'svc-social');
    await counterCommand(server, c1!, 'ctr-1', 'call-next');
    await counterCommand(server, c1!, 'ctr-1', 'start');
    await counterCommand(server, c2!, 'ctr-2', 'pause', { reason: '用餐' });
  }, 120_000);
  afterAll(() => stopBrowserHall({ server, browser }));

  it('shows a real alert live on the monitor and the supervisor console, acknowledged by the manager', async () => {
    const page = await signIn('manager', '/manager/');
    await page.waitForSelector('[data-nav-group]');
    await openScreen(page, 'monitor');
    expect(page.url()).toBe(`${server.url}/manager/monitor`);
    await page.waitForSelector('[data-testid=mon-queues] tr[data-service=svc-social]');
    expect(await page.textContent('tr[data-counter=ctr-1]')).toContain('王芳');
    expect(await page.textContent('tr[data-counter=ctr-2]')).toContain('用餐');
    expect(await page.locator('[data-testid=mon-open-alerts]').count()).toBe(0);

    const desk = await signIn('supervisor', '/counter/?counter=ctr-8');
    await desk.waitForSelector('[data-testid=counter-state]');

    // Three waiting for social insurance: over the lowered threshold of two.
    for (let i = 0; i < 3; i++) await issueAtKiosk(server, 'svc-social');
    const item = page.locator('[data-testid=mon-open-alerts] [data-kind=queue_length]');
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('data-level')).toBe('warning');
    expect(await item.textContent()).toContain('排队过长：3 人等候（上限 2 人）');
    expect(await item.textContent()).toContain('未确认');
    await page.waitForFunction(
      () => document.querySelector('tr[data-service=svc-social] .mon-big')?.textContent === '3',
    );
    expect(await page.textContent('[data-testid=mon-announce]')).toContain('新告警');

    const strip = desk.locator('[data-testid=supervisor-alerts]');
    await strip.waitFor({ timeout: 15_000 });
    expect(await strip.textContent()).toContain('排队过长：3 人等候（上限 2 人）');
    await desk.screenshot({ path: artifactPath('monitor-supervisor-console.png') });

    await screenshots(page);

    await item.locator('button').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-kind=queue_length] [data-testid=mon-ack-state]')
        ?.textContent?.includes('已于'),
    );
    expect(await item.locator('button').count()).toBe(0);
    // The console is told too, without a reload.
    await desk.waitForFunction(
      () => !document.querySelector('[data-testid=supervisor-alerts] .sup-ack'),
      undefined,
      { timeout: 15_000 },
    );
    expect(await strip.textContent()).toContain('周主任 已确认');
    const open = await api<{ acknowledgedBy: string | null }[]>(
      server,
      'GET',
      `${BRANCH}/alerts?status=open`,
      {
        token: manager,
      },
    );
    expect(open.body.map((a) => a.acknowledgedBy)).toEqual(['user-manager']);
    await page.screenshot({ path: artifactPath('monitor-acknowledged-zh-CN-1366.png') });
    await page.context().close();
    await desk.context().close();
  }, 120_000);

  it('says so when the server goes away, and lifts the banner once the stream is back', async () => {
    const page = await signIn('manager', '/manager/monitor');
    await page.waitForSelector('[data-testid=mon-queues] tr[data-service=svc-social]');
    expect(await page.locator('[data-testid=mon-stream-banner]').count()).toBe(0);
    await server.stop();
    const banner = page.locator('[data-testid=mon-stream-banner][role=alert]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('监控连接已断开');
    await page.screenshot({ path: artifactPath('monitor-disconnected-zh-CN-1366.png') });
    await server.restart();
    await page.waitForSelector('[data-testid=mon-stream-banner]', { state: 'detached', timeout: 60_000 });
    expect(await page.locator('[data-kind=queue_length]').count()).toBe(1);
    await page.context().close();
  }, 120_000);

  /** Both sizes in both languages, the alert still waiting for its acknowledgement. */
  async function screenshots(page: Page) {
    for (const locale of ['zh-CN', 'en'] as const) {
      if (locale === 'en') {
        await page.click('[data-testid=language]');
        await page.waitForSelector('text=Live monitor');
      }
      for (const [width, height] of [
        [1366, 768],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: artifactPath(`monitor-${locale}-${width}.png`), fullPage: true });
      }
    }
    await page.click('[data-testid=language]');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForSelector('text=实时监控');
  }
});
