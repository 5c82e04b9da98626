/**
 * Layout of the board at each screen size and language, with the longest names a hall might
 * use, against a fake hall (display-fake-hall.ts): screenshots for a human, and checks that no
 * text spills out of its box and no region overlaps another.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCall, fakeService, fakeSnapshot } from '../../display-ui/src/testing/fake-hall.js';
import {
  artifactPath,
  chromiumMissing,
  type LaunchedBrowser,
  launchChromium,
  newContext,
} from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { ensureUiBuilt } from '../support/ui-build.js';
import { type FakeHall, startFakeHall } from './display-fake-hall.js';

const skip = skipReason(chromiumMissing, 'display layout');

const LONG = {
  hall: {
    'zh-CN': '某某市某某区人力资源和社会保障局政务服务中心第一分中心综合受理大厅',
    en: 'Municipal Human Resources and Social Security Bureau Government Service Centre, First Branch, Main Hall',
  },
  service: {
    'zh-CN': '城乡居民基本养老保险参保登记及待遇领取资格认证',
    en: 'Urban and Rural Residents Basic Pension Insurance Registration and Entitlement Certification',
  },
  counter: {
    'zh-CN': '社会保障卡补换领及综合业务受理窗口',
    en: 'Social Security Card Replacement and General Business Counter',
  },
};

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
      estimatedWaitRange: i === 3 ? null : [i * 10, i * 10 + 25],
      estimatedWaitMinutes: i === 3 ? null : i * 12,
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

/** Elements whose content is wider/taller than their box without being meant to truncate. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').slice(0, 30)}"`;
    for (const el of document.querySelectorAll('.board *')) {
      if (el.closest('.ticker')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1)
        problems.push(`outside viewport: ${describe(el)}`);
      const html = el as HTMLElement;
      const style = getComputedStyle(html);
      const truncates = style.textOverflow === 'ellipsis';
      // Vertically, CJK fonts' ascent + descent (~1.45 em) exceed a tight line-height without any
      // visible ink outside the box: allow half an em.
      const slack = Number.parseFloat(style.fontSize) / 2;
      if (
        (!truncates && html.scrollWidth > html.clientWidth + 1) ||
        html.scrollHeight > html.clientHeight + slack
      ) {
        problems.push(
          `overflows: ${describe(el)} ${html.scrollWidth}x${html.scrollHeight} > ${html.clientWidth}x${html.clientHeight}`,
        );
      }
    }
    const regions = ['.board__header', '.latest', '.history', '.queues', '.ticker'].map((sel) => ({
      sel,
      r: document.querySelector(sel)?.getBoundingClientRect(),
    }));
    for (let i = 0; i < regions.length; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        const a = regions[i]?.r;
        const b = regions[j]?.r;
        if (!a || !b) continue;
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`overlap: ${regions[i]?.sel} and ${regions[j]?.sel}`);
      }
    }
    return problems;
  });
}

describe.skipIf(skip)('display layout in Chromium', () => {
  let hall: FakeHall;
  let chrome: LaunchedBrowser;

  beforeAll(async () => {
    await ensureUiBuilt('display');
    hall = await startFakeHall(longHall(), {
      landscape: { config: { layout: 'landscape' } },
      portrait: { config: { layout: 'portrait', services: ['A', 'B', 'C'] } },
    });
    chrome = await launchChromium({ exposeGc: true });
  });
  afterAll(async () => {
    await chrome?.close();
    await hall?.close();
  });

  for (const size of SIZES) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${size.name} ${lang}: long names stay inside their boxes and nothing overlaps`, async () => {
        const context = await newContext(chrome.browser, { width: size.width, height: size.height });
        const page = await context.newPage();
        await page.goto(`${hall.url}/display/?device=${size.token}&lang=${lang === 'zh' ? 'zh-CN' : 'en'}`);
        await page.getByTestId('latest-code').waitFor();
        expect(page.url()).not.toContain('device=');
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: artifactPath(`display-long-${size.name}-${lang}.png`) });
        expect(await layoutProblems(page)).toEqual([]);
        const rows = await page.getByTestId('history').locator('li').count();
        expect(rows).toBeGreaterThanOrEqual(size.token === 'portrait' ? 3 : 8);
        await context.close();
      });
    }
  }

  it('covers the whole screen with the emergency notice in both languages', async () => {
    const context = await newContext(chrome.browser, { width: 1920, height: 1080 });
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
    const page = await chrome.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hall.url}/display/?device=landscape&lang=zh-CN`);
    await page.getByTestId('latest-code').waitFor();
    await page.waitForTimeout(800);
    expect(await page.getByTestId('enable-sound').count()).toBe(0);
    await page.close();
  });
});
