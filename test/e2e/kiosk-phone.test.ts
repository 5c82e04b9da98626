import type { IssuedTicket } from '@guichet/server/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser';
import { skipReason } from '../support/require';
import { api, login } from '../support/server';
import { type Hall, kioskReady, nextIssued, startHall, takeTicket, waitFor } from './kiosk-support';

const skip = skipReason(chromiumMissing, 'kiosk phone page (Chromium)');

/** Counts the phone's alerts: oscillators started (the beep) and vibrate() calls. */
const COUNT_ALERTS = () => {
  const w = window as unknown as { __beeps: number; __vibrations: number };
  w.__beeps = 0;
  w.__vibrations = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
    w.__beeps++;
    return start.apply(this, args);
  };
  Object.defineProperty(Navigator.prototype, 'vibrate', {
    configurable: true,
    value: () => {
      w.__vibrations++;
      return true;
    },
  });
};

describe.skipIf(skip)(
  'phone page follows a kiosk ticket (real server, Chromium)',
  { timeout: 60_000 },
  () => {
    let hall: Hall;
    let kioskContext: BrowserContext;
    let phoneContext: BrowserContext;
    let kiosk: Page;
    let phone: Page;

    beforeAll(async () => {
      hall = await startHall();
      kioskContext = await hall.browser.newContext({
        viewport: { width: 1920, height: 1080 },
        locale: 'zh-CN',
      });
      phoneContext = await hall.browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      await phoneContext.addInitScript(COUNT_ALERTS);
      kiosk = await kioskContext.newPage();
      phone = await phoneContext.newPage();
    });

    afterAll(async () => {
      await hall?.close();
    });

    it('a kiosk ticket is printed with its code in Chinese, and its phone page goes from waiting to called to rated', async () => {
      await kiosk.goto(hall.kioskUrl());
      await kioskReady(kiosk, 'svc-social');
      expect(kiosk.url()).not.toContain('device=');

      const answer = nextIssued(kiosk);
      await takeTicket(kiosk, 'svc-social');
      const { status, body } = await answer;
      expect(status).toBe(201);
      const ticket = body as unknown as IssuedTicket;
      await expect(kiosk.locator('.confirmation [data-code]').textContent()).resolves.toBe(ticket.code);
      expect(ticket.print.status).toBe('printed');

      const printed = await waitFor('the printed ticket', () =>
        hall.printer.tickets.find((t) => t.text.includes(ticket.code)),
      );
      expect(printed.text).toMatch(/[\u4e00-\u9fff]/);
      expect(printed.text).toContain('社会保险');

      await phone.goto(ticket.trackUrl);
      await phone.locator('.phone [data-code]').waitFor();
      expect(await phone.locator('.phone [data-code]').textContent()).toBe(ticket.code);
      expect(await phone.locator('.phone').getAttribute('data-status')).toBe('waiting');
      await phone.locator('.dot.live').waitFor({ timeout: 10_000 });
      await phone.screenshot({ path: artifactPath('phone-waiting-zh.png'), fullPage: true });

      const clerk = await login(hall.server, 'clerk1');
      expect((await api(hall.server, 'POST', '/counters/ctr-1/open', { token: clerk })).status).toBe(200);
      const called = await api<{ ticket: { id: string } | null }>(
        hall.server,
        'POST',
        '/counters/ctr-1/call-next',
        {
          token: clerk,
        },
      );
      expect(called.status).toBe(200);
      expect(called.body.ticket?.id).toBe(ticket.id);

      await phone.locator('[data-called]').waitFor({ timeout: 10_000 });
      expect(await phone.locator('.called-main').textContent()).toBe('请到 1 号窗口');
      expect(await phone.locator('.called-other').textContent()).toBe('Please go to counter 1');
      const alerts = await phone.evaluate(() => {
        const w = window as unknown as { __beeps: number; __vibrations: number };
        return { beeps: w.__beeps, vibrations: w.__vibrations };
      });
      expect(alerts.beeps).toBeGreaterThan(0);
      expect(alerts.vibrations).toBe(1);
      await phone.screenshot({ path: artifactPath('phone-called-zh.png'), fullPage: true });

      // A recall alerts the holder again.
      expect((await api(hall.server, 'POST', '/counters/ctr-1/recall', { token: clerk })).status).toBe(200);
      await phone.waitForFunction(
        () => (window as unknown as { __vibrations: number }).__vibrations === 2,
        null,
        {
          timeout: 10_000,
        },
      );

      expect((await api(hall.server, 'POST', '/counters/ctr-1/start', { token: clerk })).status).toBe(200);
      expect(
        (await api(hall.server, 'POST', '/counters/ctr-1/finish', { token: clerk, body: {} })).status,
      ).toBe(200);
      await phone.locator('.rating').waitFor({ timeout: 20_000 });
      await phone.getByRole('button', { name: 'English' }).click();
      await phone.getByRole('radio', { name: 'Dissatisfied', exact: true }).click();
      await phone.getByRole('button', { name: 'Waited too long' }).click();
      await phone.screenshot({ path: artifactPath('phone-rating-en.png'), fullPage: true });
      await phone.getByRole('button', { name: 'Send rating' }).click();
      await phone.locator('[data-rated]').waitFor();

      const again = await api<{ error: { code: string } }>(
        hall.server,
        'POST',
        `/tickets/${ticket.id}/rating`,
        {
          body: { key: new URL(ticket.trackUrl).searchParams.get('k'), score: 5 },
        },
      );
      expect(again.body.error?.code).toBe('TICKET_ALREADY_RATED');
    });

    it('the holder can leave the queue from the phone, after confirming', async () => {
      await kiosk.goto(`${hall.server.url}/kiosk/`);
      await kioskReady(kiosk, 'svc-enquiry');
      const answer = nextIssued(kiosk);
      await takeTicket(kiosk, 'svc-enquiry');
      const ticket = (await answer).body as unknown as IssuedTicket;
      await phone.goto(ticket.trackUrl);
      await phone.locator('.leave').click();
      await phone.getByRole('button', { name: '继续排队' }).waitFor();
      await phone.screenshot({ path: artifactPath('phone-leave-confirm-zh.png'), fullPage: true });
      await phone.getByRole('button', { name: '确定取消' }).click();
      await phone.locator('.phone[data-status="cancelled"]').waitFor();
      const key = new URL(ticket.trackUrl).searchParams.get('k') ?? '';
      const view = await api<{ status: string }>(hall.server, 'GET', `/tickets/${ticket.id}?key=${key}`);
      expect(view.body.status).toBe('cancelled');
    });

    it('without a socket the phone page polls every 15 s and still sees its call', async () => {
      const blocked = await hall.browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        locale: 'zh-CN',
      });
      await blocked.addInitScript(() => {
        // A network that lets plain HTTP through but no WebSocket.
        window.WebSocket = class {
          constructor() {
            throw new DOMException('blocked by the test', 'SecurityError');
          }
        } as unknown as typeof WebSocket;
      });
      const page = await blocked.newPage();
      try {
        await kiosk.goto(`${hall.server.url}/kiosk/`);
        await kioskReady(kiosk, 'svc-social');
        const answer = nextIssued(kiosk);
        await takeTicket(kiosk, 'svc-social');
        const ticket = (await answer).body as unknown as IssuedTicket;
        await page.goto(ticket.trackUrl);
        await page.locator('.phone[data-status="waiting"]').waitFor();
        expect(await page.locator('.phone-foot').textContent()).toContain('每 15 秒刷新');
        const clerk = await login(hall.server, 'clerk2');
        expect((await api(hall.server, 'POST', '/counters/ctr-2/open', { token: clerk })).status).toBe(200);
        const called = await api<{ ticket: { id: string } | null }>(
          hall.server,
          'POST',
          '/counters/ctr-2/call-next',
          {
            token: clerk,
          },
        );
        expect(called.body.ticket?.id).toBe(ticket.id);
        await page.locator('[data-called]').waitFor({ timeout: 20_000 });
        expect(await page.locator('.called-main').textContent()).toBe('请到 2 号窗口');
      } finally {
        await blocked.close();
      }
    });

    it('when the queue runs past closing time, the kiosk tile, the confirmation and the phone page say so, without minutes', async () => {
      // The demo hall is open until 24:00: one open counter and enough tickets put the next
      // call past the end of the day, whatever the hour the suite runs at.
      const clerk = await login(hall.server, 'clerk1');
      await api(hall.server, 'POST', '/counters/ctr-1/open', { token: clerk });
      let last: IssuedTicket | null = null;
      for (let i = 0; i < 800 && last?.estimateStatus !== 'after_closing'; i++) {
        const r = await api<IssuedTicket>(hall.server, 'POST', '/branches/demo-hall/tickets', {
          token: hall.server.demo.devices['kiosk-2'],
          body: { serviceId: 'svc-social' },
        });
        expect(r.status).toBe(201);
        last = r.body;
      }
      expect(last?.estimateStatus).toBe('after_closing');
      expect(last?.estimatedWaitRange).toBeNull();

      await kiosk.goto(hall.kioskUrl());
      await kioskReady(kiosk, 'svc-social');
      const tile = kiosk.locator('[data-service="svc-social"]');
      await kiosk.waitForFunction(
        () =>
          document.querySelector('[data-service="svc-social"]')?.textContent?.includes('今日可能办理不到'),
        null,
        { timeout: 10_000 },
      );
      expect(await tile.getAttribute('aria-label')).toContain('今日可能办理不到');
      await kiosk.screenshot({ path: artifactPath('kiosk-after-closing-landscape-zh.png') });

      const answer = nextIssued(kiosk);
      await takeTicket(kiosk, 'svc-social');
      const ticket = (await answer).body as unknown as IssuedTicket;
      expect(ticket.estimateStatus).toBe('after_closing');
      await kiosk.locator('.confirmation').waitFor();
      expect(await kiosk.locator('.confirmation').textContent()).toContain('今日可能办理不到');
      await kiosk.screenshot({ path: artifactPath('kiosk-ticket-after-closing-landscape-zh.png') });

      await phone.goto(ticket.trackUrl);
      await phone.locator('.phone [data-code]').waitFor();
      await phone.locator('.estimate').filter({ hasText: '超过今日下班时间' }).waitFor({ timeout: 10_000 });
      await phone.screenshot({ path: artifactPath('phone-after-closing-zh.png'), fullPage: true });
      await phone.getByRole('button', { name: 'English' }).click();
      await phone.locator('.estimate').filter({ hasText: 'past closing time' }).waitFor();
      await phone.screenshot({ path: artifactPath('phone-after-closing-en.png'), fullPage: true });
      // English takes its apostrophe from a Latin face (kit/fonts.css); Chinese keeps the CJK
      // face's full-width one. Measured against the width of "m" in the same element.
      const apostrophe = await phone.evaluate(() => {
        const ratio = (lang: string) => {
          const el = document.createElement('span');
          el.lang = lang;
          el.style.position = 'absolute'; // its own width, whatever the layout around it
          document.querySelector('.phone')!.append(el);
          el.textContent = '\u2019';
          const mark = el.getBoundingClientRect().width;
          el.textContent = 'm';
          const m = el.getBoundingClientRect().width;
          el.remove();
          return Math.round((mark / m) * 100) / 100;
        };
        return { en: ratio('en'), zh: ratio('zh-CN') };
      });
      expect(apostrophe.en, JSON.stringify(apostrophe)).toBeLessThan(0.5);
      expect(apostrophe.zh, JSON.stringify(apostrophe)).toBeGreaterThan(1);
    });

    it('a wrong key reveals nothing', async () => {
      const page = await phoneContext.newPage();
      await page.goto(`${hall.server.url}/kiosk/track?t=nope&k=wrong`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('号票链接无效');
      await page.close();
    });
  },
);
