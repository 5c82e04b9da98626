import type { BranchSnapshot, IssuedTicket } from '@guichet/server/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser';
import { skipReason } from '../support/require';
import { api, login, type RunningServer } from '../support/server';
import { type Hall, kioskReady, nextIssued, startHall, takeTicket, tile, waitFor } from './kiosk-support';

const skip = skipReason(chromiumMissing, 'kiosk (Chromium)');

const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

describe.skipIf(skip)('kiosk (real server, Chromium, simulated printer)', { timeout: 60_000 }, () => {
  let hall: Hall<RunningServer>;
  let context: BrowserContext;
  let page: Page;

  const waitingFor = async (serviceId: string) => {
    const r = await api<BranchSnapshot>(hall.server, 'GET', '/branches/demo-hall/queue', {
      token: hall.server.demo.devices['kiosk-1'],
    });
    return r.body.tickets.filter((t) => t.serviceId === serviceId && t.status === 'waiting').length;
  };

  /** Every touch target on screen is at least 64 px square. */
  const smallTargets = (p: Page) =>
    p.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter((b) => b.offsetParent !== null)
        .map((b) => ({ text: b.textContent, r: b.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 64 || r.height < 64)
        .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`),
    );

  /** Elements whose content spills out of them (text cut off or overlapping). */
  const overflowing = (p: Page) =>
    p.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '.tile, .tile-body, .kiosk-head, .confirmation, .choice, .key',
        ),
      ]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
        .map((e) => `${e.className}: ${e.textContent?.slice(0, 30)}`),
    );

  /** A manager raises a fire drill that stops issuing; answers its overlay once the kiosk shows it. */
  const raiseFireDrill = async (manager: string) => {
    const raise = await api(hall.server, 'PUT', '/branches/demo-hall/emergency', {
      token: manager,
      body: {
        message: {
          'zh-CN': '消防演练，请按指示有序离开大厅',
          en: 'Fire drill: please leave the hall calmly',
        },
        stopIssuing: true,
      },
    });
    expect(raise.status).toBe(200);
    const overlay = page.locator('[data-emergency]');
    await overlay.waitFor({ timeout: 10_000 });
    return overlay;
  };
  /** The manager lifts the notice; resolves once the overlay is gone. */
  const liftEmergency = async (manager: string) => {
    const lift = await api(hall.server, 'DELETE', '/branches/demo-hall/emergency', { token: manager });
    expect(lift.status).toBe(200);
    await page.locator('[data-emergency]').waitFor({ state: 'detached', timeout: 10_000 });
  };

  beforeAll(async () => {
    hall = await startHall({ process: true });
    context = await hall.browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN', deviceScaleFactor: 1 });
    page = await context.newPage();
    await page.goto(hall.kioskUrl());
    await kioskReady(page);
  });

  afterAll(async () => {
    await hall?.close();
  });

  it('pairs from the URL, forgets the token in the address bar and shows the hall in both orientations and languages', async () => {
    expect(page.url()).not.toContain('device=');
    expect(await page.locator('.hall-name').textContent()).toBe('城东区政务服务中心');
    expect(await page.locator('.tile').count()).toBe(6);
    for (const [name, viewport] of [
      ['landscape', LANDSCAPE],
      ['portrait', PORTRAIT],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        await page.getByRole('button', { name: lang === 'zh' ? '中文' : 'English' }).click();
        await page.waitForTimeout(150);
        await page.screenshot({ path: artifactPath(`kiosk-${name}-${lang}.png`) });
        expect(await smallTargets(page), `${name} ${lang}`).toEqual([]);
        expect(await overflowing(page), `${name} ${lang}`).toEqual([]);
      }
    }
    await page.getByRole('button', { name: '中文' }).click();
    await page.setViewportSize(PORTRAIT);
    await tile(page, 'svc-business').click();
    await page.locator('.keypad').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    // The citizen sees her own digits while she types, grouped to be checked.
    for (const d of '13800135678') await page.getByRole('button', { name: d, exact: true }).click();
    expect(await page.locator('.keypad-display').textContent()).toBe('138 0013 5678');
    await page.screenshot({ path: artifactPath('kiosk-id-keypad-portrait-zh.png') });
    await page.getByRole('button', { name: /返回/ }).click();
    await page.setViewportSize(LANDSCAPE);
    await tile(page, 'svc-social').click();
    await page.locator('.choice.priority').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-priority-landscape-zh.png') });
    await page.getByRole('button', { name: /返回/ }).click();
  });

  it('a double tap yields one ticket', async () => {
    const before = await waitingFor('svc-enquiry');
    const beforeMedical = await waitingFor('svc-medical');
    const printedBefore = hall.printer.tickets.length;
    let posts = 0;
    const count = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && r.url().endsWith('/tickets')) posts++;
    };
    page.on('request', count);
    const answer = nextIssued(page);
    // Two taps in the same task, before the page can re-render: the harshest double tap.
    await tile(page, 'svc-enquiry').evaluate((el: HTMLElement) => {
      el.click();
      el.click();
    });
    const ticket = (await answer).body as unknown as IssuedTicket;
    await page.locator('.confirmation').waitFor();
    await page.screenshot({ path: artifactPath('kiosk-ticket-landscape-zh.png') });
    await page.getByRole('button', { name: '完成' }).click();
    // And a real mouse double click on a service's "standard ticket" choice.
    await tile(page, 'svc-medical').click();
    const second = nextIssued(page);
    await page.locator('.choice.normal').dblclick();
    await second;
    await page.locator('.confirmation').waitFor();
    await page.getByRole('button', { name: '完成' }).click();
    await page.waitForTimeout(500);
    page.off('request', count);
    expect(posts).toBe(2);
    expect(await waitingFor('svc-enquiry')).toBe(before + 1);
    expect(await waitingFor('svc-medical')).toBe(beforeMedical + 1);
    await waitFor('two printed tickets', () => hall.printer.tickets.length >= printedBefore + 2);
    await page.waitForTimeout(300);
    expect(hall.printer.tickets.length).toBe(printedBefore + 2);
    expect(hall.printer.tickets.some((t) => t.text.includes(ticket.code))).toBe(true);
  });

  it('a printer out of paper leaves the ticket on screen, large, with its QR code, to be photographed', async () => {
    await page.setViewportSize(PORTRAIT);
    hall.printer.setPaperOut(true);
    try {
      const answer = nextIssued(page);
      await takeTicket(page, 'svc-enquiry');
      const ticket = (await answer).body as unknown as IssuedTicket;
      expect(['held', 'failed']).toContain(ticket.print.status);
      const section = page.locator('.confirmation.unprinted');
      await section.waitFor();
      expect(await page.locator('.print-alert').textContent()).toContain('号票打印失败');
      expect(await page.locator('.confirmation [data-code]').textContent()).toBe(ticket.code);
      const qr = await page.locator('.confirmation .qr').boundingBox();
      expect(qr?.width ?? 0).toBeGreaterThan(300);
      const code = await page.locator('.confirmation .code').boundingBox();
      expect(code?.height ?? 0).toBeGreaterThan(150);
      expect(await overflowing(page)).toEqual([]);
      await page.screenshot({ path: artifactPath('kiosk-unprinted-portrait-zh.png') });
      // How long it stays up (90 s, not the usual 20) is KioskApp.test.tsx's, on a fake clock.
      expect(await section.isVisible()).toBe(true);
      await page.getByRole('button', { name: '完成' }).click();
    } finally {
      hall.printer.setPaperOut(false);
      await page.setViewportSize(LANDSCAPE);
    }
  });

  it('an emergency notice covers the screen and stops issuing until it is lifted', async () => {
    const manager = await login(hall.server, 'manager');
    const overlay = await raiseFireDrill(manager);
    expect(await overlay.textContent()).toContain('消防演练');
    expect(await tile(page, 'svc-medical').isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('kiosk-emergency-landscape-zh.png') });
    await liftEmergency(manager);
    await kioskReady(page);
  });

  it('an emergency notice keeps a ticket just issued but not printed in view, to be photographed', async () => {
    const manager = await login(hall.server, 'manager');
    hall.printer.setPaperOut(true);
    try {
      const answer = nextIssued(page);
      await takeTicket(page, 'svc-enquiry');
      const ticket = (await answer).body as unknown as IssuedTicket;
      await page.locator('.confirmation.unprinted').waitFor();
      const overlay = await raiseFireDrill(manager);
      expect(await overlay.locator('.confirmation [data-code]').textContent()).toBe(ticket.code);
      expect(await overlay.locator('.confirmation .qr').isVisible()).toBe(true);
      await page.screenshot({ path: artifactPath('kiosk-emergency-unprinted-landscape-zh.png') });
      expect(await overflowing(page)).toEqual([]);
      await page.setViewportSize(PORTRAIT);
      await page.screenshot({ path: artifactPath('kiosk-emergency-unprinted-portrait-zh.png') });
      expect(await overflowing(page)).toEqual([]);
      await page.getByRole('button', { name: '完成' }).click();
      expect(await overlay.locator('.confirmation').count()).toBe(0);
      await liftEmergency(manager);
    } finally {
      hall.printer.setPaperOut(false);
      await page.setViewportSize(LANDSCAPE);
    }
    await kioskReady(page);
  });

  it('shows the offline banner and issues nothing while the server is down, then resumes by itself', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await hall.server.stop();
    const banner = page.locator('[data-offline]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('Connection lost');
    expect(await tile(page, 'svc-medical').isDisabled()).toBe(true);
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('kiosk-offline-landscape-en.png') });

    await hall.server.restart();
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    await kioskReady(page);
    const answer = nextIssued(page);
    await takeTicket(page, 'svc-medical');
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(await page.locator('.confirmation [data-code]').textContent()).toBe(
      (body as unknown as IssuedTicket).code,
    );
  });
});
