/**
 * Layout of the board at each screen size and language, with the longest names a hall might
 * use, against a fake hall (display-fake-hall.ts): screenshots for a human, and checks that no
 * text spills out of its box and no region overlaps another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCall, fakeService, fakeSnapshot } from '../../display-ui/src/testing/fake-hall.js';
import {
  artifactPath,
  chromiumMissing,
  launchChromium,
  newContext,
  suiteChromium,
} from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { type FakeHall, LONG, layoutProblems, startFakeHall } from './display-fake-hall.js';

const skip = skipReason(chromiumMissing, 'display layout');

function longHall() {
  const now = Date.now();
  const s = fakeSnapshot();
  s.branch.name = LONG.hall;
  s.branch.notice = {
    'zh-CN': '温馨提示：本中心工作时间为周一至周五 9:00–17:00，请携带身份证原件办理业务。',
    en: 'Opening hours: Monday to Friday 9:00–17:00. Please bring your original ID card.',
  };
  s.services = ['A', 'B', 'C', 'D', 'E', 'F'].map((p, i) =>
    fakeService(p, {
      name: i % 2 === 0 ? LONG.service : { 'zh-CN': '医疗保险', en: 'Medical insurance' },
      waiting: [0, 12, 158, 3, 1024, 7][i] ?? 0,
      estimatedWaitRange: i === 3 || i === 4 ? null : [i * 10, i * 10 + 25],
      estimatedWaitMinutes: i === 3 || i === 4 ? null : i * 12,
      // 1,024 waiting: past closing time (the longest wait text the board shows).
      estimateStatus: i === 4 ? 'after_closing' : 'ok',
      open: i !== 5,
    }),
  );
  s.recentCalls = Array.from({ length: 10 }, (_, i) =>
    fakeCall(`${'ABCDEF'[i % 6]}${String(998 - i * 37).padStart(3, '0')}`, 61 - i * 6, {
      calledAt: now - i * 40_000,
      counterName: LONG.counter,
    }),
  );
  return s;
}

const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080, token: 'landscape' },
  { name: '3840x2160', width: 3840, height: 2160, token: 'landscape' },
  { name: '1080x1920', width: 1080, height: 1920, token: 'portrait' },
] as const;

describe.skipIf(skip)('display layout in Chromium', () => {
  const browser = suiteChromium('display', { exposeGc: true });
  let hall: FakeHall;

  beforeAll(async () => {
    hall = await startFakeHall(longHall(), {
      landscape: { config: { layout: 'landscape' } },
      portrait: { config: { layout: 'portrait', services: ['A', 'B', 'C'] } },
    });
  });
  afterAll(async () => {
    await hall?.close();
  });

  for (const size of SIZES) {
    // Both languages at once (the default), and one language pinned (a technician's check).
    for (const lang of ['zh+en', 'en'] as const) {
      it(`${size.name} ${lang}: long names stay inside their boxes and nothing overlaps`, async () => {
        const context = await newContext(browser(), { width: size.width, height: size.height });
        const page = await context.newPage();
        await page.goto(`${hall.url}/display/?device=${size.token}${lang === 'en' ? '&lang=en' : ''}`);
        await page.getByTestId('latest-code').waitFor();
        expect(page.url()).not.toContain('device=');
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({
          path: artifactPath(`display-long-${size.name}-${lang.replace('+', '-')}.png`),
        });
        expect(await layoutProblems(page)).toEqual([]);
        const rows = await page.getByTestId('history').locator('li').count();
        expect(rows).toBeGreaterThanOrEqual(size.token === 'portrait' ? 3 : 7);
        await context.close();
      });
    }
  }

  it('covers the whole screen with the emergency notice in both languages', async () => {
    const context = await newContext(browser(), { width: 1920, height: 1080 });
    const page = await context.newPage();
    await page.goto(`${hall.url}/display/?device=landscape&lang=zh-CN`);
    await page.getByTestId('latest-code').waitFor();
    hall.push({
      branch: {
        ...hall.snapshot.branch,
        emergency: {
          message: {
            'zh-CN': '因消防演练，大厅暂停办理业务。请听从工作人员指引，从最近的安全出口有序离开。',
            en: 'Due to a fire drill the hall has stopped serving. Please follow the staff and leave calmly by the nearest exit.',
          },
          since: Date.now(),
          stopIssuing: true,
        },
      },
    });
    const alert = page.getByTestId('emergency');
    await alert.waitFor();
    const box = await alert.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(await alert.textContent()).toContain('Please follow the staff');
    await page.screenshot({ path: artifactPath('display-emergency-1920x1080.png') });
    hall.push({ branch: { ...hall.snapshot.branch, emergency: null } });
    await alert.waitFor({ state: 'detached' });
    await context.close();
  });

  it('without the kiosk autoplay flag, asks for one tap to enable sound, then gets out of the way', async () => {
    const quiet = await launchChromium({ autoplay: false, exposeGc: true });
    try {
      const page = await quiet.browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${hall.url}/display/?device=landscape&lang=zh-CN`);
      const overlay = page.getByTestId('enable-sound');
      await overlay.waitFor({ timeout: 15_000 });
      expect(await overlay.textContent()).toContain('启用声音 / Enable sound');
      await page.screenshot({ path: artifactPath('display-enable-sound-1920x1080.png') });
      await overlay.click();
      await overlay.waitFor({ state: 'detached', timeout: 15_000 });
      expect(await page.evaluate(() => new AudioContext().state)).toBe('running');
    } finally {
      await quiet.close();
    }
  });

  it('with the flag, shows no sound overlay', async () => {
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hall.url}/display/?device=landscape&lang=zh-CN`);
    await page.getByTestId('latest-code').waitFor();
    await page.waitForTimeout(800);
    expect(await page.getByTestId('enable-sound').count()).toBe(0);
    await page.close();
  });
});
