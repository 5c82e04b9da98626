import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSignIn } from '../support/e2e-staff.js';
import { login } from '../support/server.js';
import { ensureUiBuilt } from '../support/ui-build.js';
import { type Hall, issue, startHall } from './counter-harness.js';

/**
 * A shift in a real browser: a clerk steps away (signs out keeping her counter), signs in
 * again, takes her counter back from the choose-counter screen and calls the next ticket there.
 * Screenshots of the changed console and manager screens in both languages.
 */
describe('shift change in the console', () => {
  let hall: Hall;
  beforeAll(async () => {
    await ensureUiBuilt('manager');
    hall = await startHall();
  }, 240_000);
  afterAll(async () => {
    await hall?.close();
  });

  const signIn = (page: Page, username: string) =>
    submitSignIn(page, username, hall.server.demo.passwords[username] ?? '');
  const counterState = (page: Page, want: string) =>
    page.waitForFunction((w) => document.querySelector('.console')?.getAttribute('data-state') === w, want, {
      timeout: 15_000,
    });

  it('sign-out (away) → sign-in → resume → call at the same counter', async () => {
    const context = await hall.browser.newContext({
      viewport: { width: 1366, height: 768 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto(`${hall.server.url}/counter/`);
    await signIn(page, 'clerk1');
    await page.click('button.counter-choice[data-counter="ctr-1"]');
    await counterState(page, 'idle');
    await page.screenshot({ path: 'test/artifacts/shifts-console-zh.png' });
    await page.click('[data-testid=sign-out-away]');
    await page.waitForSelector('input[name=username]');

    await signIn(page, 'clerk1');
    await page.waitForSelector('[data-testid=resume-counter]');
    expect(await page.textContent('[data-testid=resume-counter]')).toContain('继续在 1 号窗口');
    await page.screenshot({ path: 'test/artifacts/shifts-choose-resume-zh.png' });
    await page.click('[data-testid=resume-counter]');
    await counterState(page, 'paused');
    await page.click('button[data-action=pause]'); // shows "resume" while paused
    await counterState(page, 'idle');
    const t = await issue(hall, 'svc-social');
    await page.click('button[data-action=callNext]');
    await counterState(page, 'calling');
    expect(await page.textContent('.current')).toMatch(/[A-Z]\d{3}/);
    expect(t.code).toMatch(/[A-Z]\d{3}/);
    await context.close();
  }, 120_000);

  it('screens at 1366×768 in both languages: resume offer, console, hall overview actions, front desk history', async () => {
    const clerk = await login(hall.server, 'clerk2');
    const open = await fetch(`${hall.server.url}/api/v1/counters/ctr-2/open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(open.status).toBe(200);
    const t = await issue(hall, 'svc-social');
    for (const locale of ['zh-CN', 'en'] as const) {
      const lang = locale === 'en' ? 'en' : 'zh';
      const ctx = await hall.browser.newContext({
        viewport: { width: 1366, height: 768 },
        deviceScaleFactor: 1,
      });
      await ctx.addInitScript((l) => {
        localStorage.setItem('guichet.counter.locale', l);
        localStorage.setItem('guichet.manager.locale', l);
      }, locale);
      const page = await ctx.newPage();
      await page.goto(`${hall.server.url}/counter/`);
      await signIn(page, 'clerk2');
      await page.waitForSelector('[data-testid=resume-counter]');
      await page.screenshot({ path: `test/artifacts/shifts-choose-resume-${lang}.png` });
      await page.click('[data-testid=resume-counter]');
      await counterState(page, 'idle');
      await page.screenshot({ path: `test/artifacts/shifts-console-${lang}.png` });
      // The page's language picks the face (kit/fonts.css): English punctuation from a Latin
      // face, Chinese from the CJK one; a shortcut key keeps its monospace.
      const faces = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        body: getComputedStyle(document.body).fontFamily,
        kbd: getComputedStyle(document.querySelector('kbd')!).fontFamily,
      }));
      expect(faces.lang).toBe(locale);
      expect(faces.body.startsWith('"Latin Punctuation"'), faces.body).toBe(locale === 'en');
      expect(faces.kbd).toContain('monospace');

      const m = await ctx.newPage();
      await m.goto(`${hall.server.url}/manager/`);
      await signIn(m, 'supervisor');
      await m.waitForSelector('[data-testid=take-over]');
      await m.screenshot({ path: `test/artifacts/shifts-hall-${lang}.png` });
      await m.goto(`${hall.server.url}/manager/desk`);
      await m.fill('input[name=code]', t.code);
      await m.click('form.find button[type=submit]');
      await m.waitForSelector('[data-testid=ticket-history] li');
      await m.screenshot({ path: `test/artifacts/shifts-desk-${lang}.png` });
      await ctx.close();
    }
    // The supervisor closes the abandoned counter from the hall overview.
    const ctx = await hall.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const m = await ctx.newPage();
    m.on('dialog', (d) => void d.accept());
    await m.goto(`${hall.server.url}/manager/`);
    await signIn(m, 'supervisor');
    await m.click('tr[data-counter="ctr-2"] [data-testid=close-counter]');
    await m.waitForSelector('tr[data-counter="ctr-2"][data-state=closed]', { timeout: 15_000 });
    await ctx.close();
  }, 180_000);
});
