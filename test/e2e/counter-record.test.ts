import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import {
  api,
  type Console,
  type Hall,
  login,
  openConsole,
  readDb,
  serveOne,
  startHall,
} from './counter-harness.js';

/**
 * 我的考评 in the clerk console against the real server: the clerk opens her own record, reads
 * the day's figures and answers (appeals) an inspection entry with the keyboard; the answer is
 * stored and audited. Also the rating pad at tablet size with a real staff photo uploaded through
 * the staff photo API. Screenshots in test/artifacts/.
 */
const skip = skipReason(chromiumMissing, 'clerk record e2e');
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());

/** A portrait-like PNG drawn by Chromium itself: head and shoulders on a studio blue. */
async function portraitPng(hall: Hall): Promise<Buffer> {
  const context = await hall.browser.newContext({
    viewport: { width: 240, height: 300 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.setContent(`<body style="margin:0;background:linear-gradient(#5b8fd6,#2d5ea8);height:300px;
    position:relative;overflow:hidden">
    <div style="position:absolute;left:70px;top:48px;width:100px;height:122px;border-radius:50%;
      background:radial-gradient(circle at 45% 40%,#f6d5b8,#d9a47f)"></div>
    <div style="position:absolute;left:64px;top:36px;width:112px;height:62px;border-radius:56px 56px 20px 20px;
      background:#2b2019"></div>
    <div style="position:absolute;left:20px;top:190px;width:200px;height:160px;border-radius:90px 90px 0 0;
      background:linear-gradient(#1f2d44,#111a2b)"></div>
    <div style="position:absolute;left:104px;top:186px;width:32px;height:60px;background:#fff;
      clip-path:polygon(0 0,100% 0,50% 100%)"></div></body>`);
  const png = await page.screenshot({ type: 'png' });
  await context.close();
  return png;
}

describe.skipIf(skip)("the clerk's own record in the console", () => {
  let hall: Hall;
  let manager: string;
  let c1: Console;

  beforeAll(async () => {
    hall = await startHall();
    manager = await login(hall.server, 'manager');
    c1 = await openConsole(hall, 'clerk1', 'ctr-1');
    // Two citizens served, so the day has figures.
    for (let i = 0; i < 2; i++) await serveOne(hall, c1);
  }, 120_000);
  afterAll(async () => {
    await hall?.close();
  });

  const openRecord = async (page: Page) => {
    await page.locator('[data-testid=my-record-open]').click();
    await page.waitForSelector('[data-testid=my-record] [data-testid=rec-served]', { timeout: 15_000 });
  };

  it('the clerk answers an inspection entry with an appeal; it is stored and audited', async () => {
    const entry = await api<{ id: string }>(hall.server, 'POST', '/users/user-clerk1/appraisal/entries', {
      token: manager,
      body: {
        date: today(),
        observation: '窗口桌面摆放杂乱，未放置服务指南',
        evidence: '巡查照片 10:12',
        points: -2,
      },
    });
    expect(entry.status).toBe(201);
    const page = c1.page;
    await openRecord(page);
    expect(await page.textContent('[data-testid=rec-served]')).toBe('2');
    // The dialog holds the focus on today's tab: the console's F-keys are off while it is open.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    await page.locator('[data-testid=record-entry] textarea').waitFor();
    await page.screenshot({ path: artifactPath('counter-record-1366-zh.png') });

    await page.locator('[data-testid=record-entry] textarea').focus();
    await page.keyboard.type('当时正在为老人代填表格，已整理。');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // 申诉
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // 提交申诉
    await page.waitForFunction(
      () => document.querySelector('[data-testid=appeal-status]')?.textContent === '申诉待复核',
      undefined,
      { timeout: 15_000 },
    );
    const rows = readDb<{ answer: string; appeal: number; appeal_status: string }>(
      hall,
      'SELECT answer, appeal, appeal_status FROM appraisal_entries WHERE id = ?',
      entry.body.id,
    );
    expect(rows).toEqual([
      { answer: '当时正在为老人代填表格，已整理。', appeal: 1, appeal_status: 'pending' },
    ]);
    const audit = readDb<{ actor_id: string }>(
      hall,
      "SELECT actor_id FROM audit_log WHERE action = 'appraisal.entry-answered' AND target = ?",
      entry.body.id,
    );
    expect(audit).toEqual([{ actor_id: 'user-clerk1' }]);
    await page.screenshot({ path: artifactPath('counter-record-1366-zh-answered.png') });

    // Escape closes it; in English it reads the same record.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=my-record]', { state: 'detached' });
    await page.locator('[data-testid=language]').click();
    await openRecord(page);
    expect(await page.textContent('[data-testid=appeal-status]')).toBe('Appeal awaiting review');
    await page.screenshot({ path: artifactPath('counter-record-1366-en.png') });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=language]').click();
  }, 60_000);

  it('the rating pad shows the clerk with her photo at tablet size (1280×800)', async () => {
    const png = await portraitPng(hall);
    const set = await api<{ photoUrl: string | null }>(hall.server, 'PATCH', '/users/user-clerk1', {
      token: manager,
      body: { photo: `data:image/png;base64,${png.toString('base64')}` },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.photoUrl).toMatch(/\/users\/user-clerk1\/photo/);
    for (const locale of ['zh-CN', 'en'] as const) {
      const context = await hall.browser.newContext({
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
        locale,
      });
      const pad = await context.newPage();
      await pad.goto(`${hall.server.url}/counter/pad?device=${hall.server.demo.devices['pad-1']}`);
      await pad.waitForSelector('.pad[data-phase=idle]');
      await pad.locator('.pad-offline').waitFor({ state: 'detached' });
      await pad.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('img[data-portrait=photo]');
        return img?.complete && img.naturalWidth > 0;
      });
      const tag = locale === 'zh-CN' ? 'zh' : 'en';
      await pad.screenshot({ path: artifactPath(`pad-1280-photo-idle-${tag}.png`) });
      await serveOne(hall, c1);
      await pad.waitForSelector('.pad[data-phase=ask]');
      await pad.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('img[data-portrait=photo]')].every(
          (i) => i.complete && i.naturalWidth > 0,
        ),
      );
      await pad.screenshot({ path: artifactPath(`pad-1280-photo-ask-${tag}.png`) });
      await pad.keyboard.press('1'); // 非常满意
      await pad.waitForSelector('.pad[data-phase=thanks]');
      await context.close();
    }
  }, 90_000);
});
