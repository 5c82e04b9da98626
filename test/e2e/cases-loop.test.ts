import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import type { WebServer } from '../support/build.js';
import { serveBrowserHall, signInManager, stopBrowserHall } from '../support/e2e-staff.js';
import { skipReason } from '../support/require.js';
import { api, login } from '../support/server.js';
import { openScreen } from './manager-nav.js';

/**
 * The 好差评 loop in Chromium against the real server: a citizen rates 1 star on the pad that
 * names the clerk (王芳, 工号 1001) → the phone page says the visit was already rated → the
 * manager finds the case in the ledger, records callback, resolution, feedback and satisfaction,
 * and closes it (closing is disabled until the feedback is recorded). Screenshots of the pad,
 * the phone page and every manager screen go to test/artifacts/cases/.
 */
const skip = skipReason(chromiumMissing, '好差评 loop e2e');
const shot = (name: string) => {
  mkdirSync(artifactPath('cases'), { recursive: true });
  return artifactPath(`cases/${name}.png`);
};
interface Issued {
  id: string;
  code: string;
  trackUrl: string;
}
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LOCALES = ['zh-CN', 'en'] as const;

describe.skipIf(skip)('好差评 loop: pad → phone page → manager case', () => {
  let server: WebServer;
  let browser: Browser;
  let clerk: string;
  let ticket: Issued;

  const command = async (counter: string, cmd: string, body: object = {}) => {
    const r = await api(server, 'POST', `/counters/${counter}/${cmd}`, { token: clerk, body });
    if (r.status !== 200) throw new Error(`${counter} ${cmd}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const waitPhase = (pad: Page, want: string) =>
    pad.waitForFunction((w) => document.querySelector('.pad')?.getAttribute('data-phase') === w, want, {
      timeout: 15_000,
    });
  async function manager(viewport: { width: number; height: number }, locale: 'zh-CN' | 'en') {
    const page = await signInManager(browser, server, 'manager', { viewport, locale });
    // Signed in: the nav's group bar is there (cases sit in the 好差评 group).
    await page.waitForSelector('[data-nav-group][data-routes~=cases]', { timeout: 15_000 });
    return page;
  }
  const goTo = (page: Page, screen: 'cases' | 'ratings' | 'appraisal') => openScreen(page, screen);

  beforeAll(async () => {
    ({ server, browser } = await serveBrowserHall(['counter', 'kiosk', 'manager']));
    clerk = await login(server, 'clerk1');
    await command('ctr-1', 'open');
  }, 180_000);
  afterAll(() => stopBrowserHall({ server, browser }));

  it('the pad names the clerk while idle and asking; a 1-star rating opens a case', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
    });
    const pad = await context.newPage();
    await pad.goto(`${server.url}/counter/pad?device=${server.demo.devices['pad-1']}`);
    await waitPhase(pad, 'idle');
    await pad.waitForSelector('[data-testid=clerk-name]', { timeout: 15_000 });
    expect(await pad.textContent('[data-testid=clerk-name]')).toBe('王芳');
    expect(await pad.textContent('[data-testid=clerk-number]')).toContain('工号 1001');
    expect(await pad.textContent('[data-testid=clerk-number]')).toContain('Staff no. 1001');
    expect(await pad.textContent('[data-testid=clerk-window]')).toMatch(/1.*Counter 1|1.*1/);
    await pad.locator('.pad-offline').waitFor({ state: 'detached' });
    await pad.screenshot({ path: shot('pad-idle') });

    const r = await api<Issued>(server, 'POST', '/branches/demo-hall/tickets', {
      token: server.demo.devices['kiosk-1'],
      body: { serviceId: 'svc-social' },
    });
    expect(r.status).toBe(201);
    ticket = r.body;
    await command('ctr-1', 'call-next');
    await command('ctr-1', 'finish');
    await waitPhase(pad, 'ask');
    expect(await pad.textContent('.pad-ask [data-testid=clerk-name]')).toBe('王芳');
    expect(await pad.textContent('.pad-ticket')).toContain(ticket.code);
    await pad.screenshot({ path: shot('pad-asking') });
    await pad.locator('.face-btn[data-score="1"]').click();
    await waitPhase(pad, 'detail');
    await pad.locator('[data-reason="attitude"]').click();
    await pad.locator('[data-dim="attitude"][data-score="1"]').click();
    await pad.screenshot({ path: shot('pad-detail') });
    await pad.locator('[data-testid=pad-submit]').click();
    await waitPhase(pad, 'thanks');
    await context.close();
  }, 90_000);

  it('the phone page says the visit was already rated on the pad, in both languages, and offers the 意见 form', async () => {
    for (const locale of LOCALES) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
      });
      const phone = await context.newPage();
      await phone.goto(ticket.trackUrl);
      await phone.waitForSelector('[data-rated="elsewhere"]', { timeout: 15_000 });
      if (locale === 'en') {
        await phone.click('.phone-head button[lang=en]');
        await phone.waitForFunction(() => document.querySelector('.phone')?.getAttribute('lang') === 'en');
      }
      const said = (await phone.textContent('[data-rated]')) ?? '';
      expect(said).toContain('本次服务已在窗口评价器上评价');
      expect(said).toContain("already rated on the counter's rating pad");
      expect(await phone.$('.rating')).toBeNull();
      expect(await phone.textContent('body')).not.toMatch(/感谢您的评价|Thank you for your rating/);
      await phone.screenshot({ path: shot(`phone-rated-${locale}`), fullPage: true });
      await phone.click('.complaint-open');
      await phone.waitForSelector('[data-testid=complaint-form]');
      await phone.fill(
        '[data-testid=complaint-form] textarea',
        locale === 'en' ? 'The clerk was rude' : '窗口人员态度生硬',
      );
      await phone.screenshot({ path: shot(`phone-complaint-${locale}`), fullPage: true });
      await context.close();
    }
  }, 90_000);

  it('the manager works the case from the ledger to 办结; close waits for the feedback', async () => {
    const page = await manager(SIZES[0], 'zh-CN');
    await goTo(page, 'cases');
    const row = page.locator('[data-testid=case-table] tbody tr', { hasText: ticket.code });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('差评');
    await page.waitForFunction(
      (code) =>
        [...document.querySelectorAll('[data-testid=case-table] tbody tr')].some(
          (tr) => tr.textContent?.includes(code) && tr.textContent.includes('王芳'),
        ),
      ticket.code,
    );
    await row.locator('button').click();
    await page.waitForSelector('[data-testid=case-detail][data-status=open]');
    expect(await page.textContent('[data-testid=case-level]')).toBe('1 / 5');
    const close = page.locator('[data-testid=close-case]');
    expect(await close.isDisabled()).toBe(true);
    expect(await page.textContent('[data-testid=close-why]')).toContain('尚无反馈记录');

    await page.fill('[data-form=callback] textarea', '群众反映窗口人员答复不耐烦，已致歉');
    await page.click('[data-testid=save-callback]');
    await page.waitForSelector('[data-step=callback].done');
    await page.selectOption('[data-form=resolution] select', 'fixed_on_spot');
    await page.fill('[data-form=resolution] textarea', '当场约谈窗口人员，规范服务用语');
    await page.click('[data-testid=save-resolution]');
    await page.waitForSelector('[data-step=resolution].done');
    expect(await close.isDisabled()).toBe(true);
    await page.screenshot({ path: shot('manager-case-before-feedback-1366-zh-CN'), fullPage: true });
    await page.fill('[data-form=feedback] textarea', '已电话告知群众处理结果');
    await page.click('[data-testid=save-feedback]');
    await page.waitForSelector('[data-step=feedback].done');
    expect(await close.isDisabled()).toBe(false);
    await page.click('[data-satisfaction=satisfied]');
    await page.waitForSelector('[data-step=satisfaction].done');
    await close.click();
    await page.waitForSelector('[data-testid=case-detail][data-status=closed]');
    expect(await page.textContent('[data-testid=case-status]')).toBe('已办结');
    await page.context().close();

    const stored = await api<{ status: string; steps: { kind: string }[] }[]>(
      server,
      'GET',
      '/branches/demo-hall/cases',
      { token: await login(server, 'manager') },
    );
    const mine = stored.body.find((c) => c.steps.some(() => true));
    expect(mine?.status).toBe('closed');
    expect(mine?.steps.map((s) => s.kind)).toEqual([
      'callback',
      'resolution',
      'feedback',
      'satisfaction',
      'closed',
    ]);
  }, 90_000);

  it('every manager screen at 1366×768 and 1920×1080 in both languages, and the A4 sheet as PDF', async () => {
    for (const size of SIZES) {
      for (const locale of LOCALES) {
        const tag = `${size.width}-${locale}`;
        const page = await manager(size, locale);
        await goTo(page, 'cases');
        await page.waitForSelector('[data-testid=case-table]');
        await page.screenshot({ path: shot(`manager-cases-${tag}`) });
        await page.locator('[data-testid=case-table] tbody tr button').first().click();
        await page.waitForSelector('[data-testid=case-detail]');
        await page.screenshot({ path: shot(`manager-case-${tag}`), fullPage: true });
        await goTo(page, 'ratings');
        await page.waitForSelector('[data-testid=rates-table]');
        await page.screenshot({ path: shot(`manager-ratings-${tag}`) });
        await goTo(page, 'appraisal');
        await page.waitForSelector('[data-testid=appraisal-table]');
        await page.screenshot({ path: shot(`manager-appraisal-${tag}`) });
        if (size.width === 1366) {
          await page.evaluate(() => {
            window.print = () => {};
          });
          await page.click('[data-testid=appraisal-table] tr[data-user=user-clerk1] button');
          await page.click('[data-testid=print-day]');
          await page.waitForSelector('[data-testid=print-sheet]');
          await page.screenshot({ path: shot(`manager-appraisal-person-${tag}`), fullPage: true });
          const pdf = artifactPath(`cases/appraisal-sheet-${locale}.pdf`);
          await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
          expect(statSync(pdf).size).toBeGreaterThan(5_000);
          // One A4 page for a day; rendered to PNG to look at.
          execFileSync('pdftoppm', [
            '-png',
            '-r',
            '60',
            pdf,
            artifactPath(`cases/appraisal-sheet-${locale}`),
          ]);
          const info = execFileSync('pdfinfo', [pdf]).toString();
          expect(info).toMatch(/Pages:\s+1\b/);
          expect(info).toMatch(/Page size:.*\(A4\)/);
        }
        await page.context().close();
      }
    }
  }, 240_000);
});
