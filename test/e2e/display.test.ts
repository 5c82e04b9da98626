/**
 * The hall display board in Chromium against the real server (demo hall): calls appear within a
 * second, are announced in order, whole and once, the board survives a server restart, and
 * screenshots at each layout and language.
 */
import type { CounterCommandResponse, IssuedTicket } from '@guichet/server/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing, type LaunchedBrowser, launchChromium } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { api, login, type RunningServer, startServer } from '../support/server.js';
import { ensureUiBuilt } from '../support/ui-build.js';

const skip = skipReason(chromiumMissing, 'display e2e');
const BRANCH = 'demo-hall';

/** The phrases the board must say, written out here independently of display-ui's templates. */
const ZH = '零一二三四五六七八九';
const zhPhrase = (code: string, n: number) =>
  `请 ${[...code].map((c) => (/\d/.test(c) ? ZH[Number(c)] : c)).join(' ')} 号到 ${n} 号窗口办理`;
const enPhrase = (code: string, n: number) => `Ticket ${[...code].join(' ')}, please go to counter ${n}`;

interface SpeechLog {
  lang: string;
  text: string;
  at: number;
  end: number | null;
}

describe.skipIf(skip)('display board against the real server', () => {
  let server: RunningServer;
  let chrome: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  const clerks: Record<string, string> = {};

  const kiosk = () => server.demo.devices['kiosk-1']!;
  async function issue(serviceId = 'svc-social'): Promise<IssuedTicket> {
    const r = await api<IssuedTicket>(server, 'POST', `/branches/${BRANCH}/tickets`, {
      token: kiosk(),
      body: { serviceId },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }
  async function command(counter: number, name: string, body: unknown = {}): Promise<CounterCommandResponse> {
    const r = await api<CounterCommandResponse>(server, 'POST', `/counters/ctr-${counter}/${name}`, {
      token: clerks[counter],
      body,
    });
    expect(r.status, `${name} at ctr-${counter}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  }
  async function signIn(counter: number) {
    clerks[counter] = await login(server, `clerk${counter}`);
    const r = await api(server, 'POST', `/counters/ctr-${counter}/open`, {
      token: clerks[counter],
      body: {},
    });
    expect([200, 409]).toContain(r.status);
  }
  async function openBoard(p: Page, device: string, lang: 'zh-CN' | 'en') {
    await p.goto(`${server.url}/display/?device=${server.demo.devices[device]}&lang=${lang}`);
    await p.getByTestId('history').waitFor();
    await p.getByTestId('offline').waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    await ensureUiBuilt('display');
    server = await startServer();
    chrome = await launchChromium({ exposeGc: true });
    await signIn(1);
    await signIn(2);
    context = await chrome.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    page = await context.newPage();
    await openBoard(page, 'display-1', 'zh-CN');
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await chrome?.close();
    await server?.dispose();
  });

  it('pairs from the address, then forgets the token in the address bar', async () => {
    expect(page.url()).toBe(`${server.url}/display/?lang=zh-CN`);
    const stored = await page.evaluate(() => localStorage.getItem('guichet.display.token'));
    expect(stored).toBe(server.demo.devices['display-1']);
  });

  // How fast is the bench's to measure (call → last screen); here the call must arrive, whole.
  it('shows a call made at a counter, with the right window', async () => {
    const ticket = await issue();
    const started = Date.now();
    const called = await command(1, 'call-next');
    expect(called.ticket?.code).toBe(ticket.code);
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid=latest-code]')?.textContent === code,
      ticket.code,
      { timeout: 15_000 },
    );
    process.stdout.write(`call → board: ${Date.now() - started} ms\n`);
    expect(await page.getByTestId('latest-counter').textContent()).toBe('1 号窗口');
    await command(1, 'finish');
  });

  it('announces three calls in quick succession in order, whole and once each, never overlapping', async () => {
    // The earlier call may still be chiming: start from a quiet board.
    await page.waitForFunction(() => window.__guichetSpeech!.idle(), null, { timeout: 20_000 });
    await page.evaluate(() => {
      const hook = window.__guichetSpeech!;
      hook.log.length = 0;
      // Each utterance "takes" 700 ms, as a real voice would take a few seconds.
      hook.setSpeaker({ canSpeak: () => true, speak: () => new Promise((r) => setTimeout(r, 700)) });
    });
    const chimesBefore = await page.evaluate(() => window.__guichetSpeech!.chimes);
    await issue();
    await issue();
    await issue();
    const calls: { code: string; n: number }[] = [];
    for (const counter of [1, 2]) {
      const r = await command(counter, 'call-next');
      calls.push({ code: r.ticket!.code, n: counter });
    }
    await command(1, 'finish');
    const third = await command(1, 'call-next');
    calls.push({ code: third.ticket!.code, n: 1 });

    const expected = calls.flatMap((c) => [zhPhrase(c.code, c.n), enPhrase(c.code, c.n)]);
    await page.waitForFunction(
      (n) => window.__guichetSpeech!.log.filter((e) => e.end !== null).length >= n,
      6,
      {
        timeout: 20_000,
      },
    );
    // Nothing more may follow: a seventh announcement would be queued by now (every call reached
    // the board before the sixth ended), so the board must fall quiet with six in the log.
    await page.waitForFunction(() => window.__guichetSpeech!.idle(), null, { timeout: 20_000 });
    const log = await page.evaluate(() => window.__guichetSpeech!.log as SpeechLog[]);
    expect(log.map((e) => e.text)).toEqual(expected);
    expect(log.map((e) => e.lang)).toEqual(['zh-CN', 'en-US', 'zh-CN', 'en-US', 'zh-CN', 'en-US']);
    for (let i = 1; i < log.length; i++) {
      const prev = log[i - 1]!;
      expect(prev.end! - prev.at, 'each utterance ran its whole length').toBeGreaterThanOrEqual(690);
      expect(log[i]!.at, `utterance ${i} started after ${i - 1} ended`).toBeGreaterThanOrEqual(prev.end!);
    }
    expect(await page.evaluate(() => window.__guichetSpeech!.chimes)).toBe(chimesBefore + 3);
    await command(1, 'finish');
    await command(2, 'finish');
    // The earlier call is spoken from real clips first (chime + two sentences, about 11 s).
  }, 60_000);

  it("takes a no-show and a transferred ticket off the board at once, from the server's own deltas", async () => {
    await finishIfBusy(1);
    await finishIfBusy(2);
    const a = await issue();
    const b = await issue();
    expect((await command(1, 'call', { ticketId: a.id })).ticket?.code).toBe(a.code);
    expect((await command(2, 'call', { ticketId: b.id })).ticket?.code).toBe(b.code);
    const latestIs = (code: string) =>
      page.waitForFunction(
        (c) => document.querySelector('[data-testid=latest-code]')?.textContent === c,
        code,
        { timeout: 10_000 },
      );
    await latestIs(b.code);
    await command(2, 'no-show');
    await latestIs(a.code);
    expect(await page.getByTestId('history').textContent()).not.toContain(b.code);
    await command(1, 'transfer', { serviceId: 'svc-medical', placement: 'last' });
    await page.waitForFunction(
      (codes) => !codes.some((c) => document.querySelector('.board__main')?.textContent?.includes(c)),
      [a.code, b.code],
      { timeout: 5_000 },
    );
    await page.screenshot({ path: artifactPath('display-after-no-show-and-transfer-1920x1080.png') });
    // Serve the transferred ticket so the tests after this one find the queues as they were.
    await command(1, 'call', { ticketId: a.id });
    await command(1, 'finish');
  });

  it('tells the server it can speak: /api/v1/health lists the board', async () => {
    await expect
      .poll(async () => (await api<{ displays?: unknown[] }>(server, 'GET', '/health')).body.displays, {
        timeout: 15_000,
      })
      .toContainEqual(expect.objectContaining({ deviceId: 'display-1', voice: 'ok', reason: null }));
  });

  /** Leaves a counter idle whatever an earlier (failed) test left it doing. */
  async function finishIfBusy(counter: number) {
    await api(server, 'POST', `/counters/ctr-${counter}/finish`, { token: clerks[counter], body: {} });
  }

  // Its own timeout: the stop, the restart (a child process) and the board's reconnect backoff
  // (up to 10 s, jittered) take their time on a loaded machine.
  it('survives a server restart: offline badge, reconnects, shows the calls made while it was away', async () => {
    await finishIfBusy(1);
    await finishIfBusy(2);
    await server.stop();
    await page.getByTestId('offline').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('offline').textContent()).toContain('离线');
    await page.screenshot({ path: artifactPath('display-offline-1920x1080-zh.png') });
    // Keep the board away while calls are made, so they can only reach it through the snapshot.
    await context.setOffline(true);
    await server.restart();
    await signIn(1);
    const a = await issue();
    const b = await issue('svc-medical');
    expect((await command(1, 'call-next')).ticket?.code).toBe(a.code);
    await command(1, 'finish');
    expect((await command(1, 'call-next')).ticket?.code).toBe(b.code);
    expect(await page.getByTestId('offline').isVisible(), 'the board was away during the calls').toBe(true);
    await context.setOffline(false);
    await page.getByTestId('offline').waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid=latest-code]')?.textContent === code,
      b.code,
      { timeout: 15_000 },
    );
    const history = await page.getByTestId('history').textContent();
    expect(history).toContain(`${a.code}→1 号窗口`);
    await command(1, 'finish');
    // Live deltas flow again on the new epoch.
    const c = await issue();
    expect((await command(1, 'call-next')).ticket?.code).toBe(c.code);
    await page.waitForFunction(
      (code) => document.querySelector('[data-testid=latest-code]')?.textContent === code,
      c.code,
      { timeout: 15_000 },
    );
    await command(1, 'finish');
  }, 120_000);

  const SHOTS = [
    { size: '1920x1080', width: 1920, height: 1080, device: 'display-1' },
    { size: '3840x2160', width: 3840, height: 2160, device: 'display-1' },
    { size: '1080x1920', width: 1080, height: 1920, device: 'display-2' },
  ];
  it('renders each layout in both languages (screenshots)', async () => {
    await finishIfBusy(1);
    await issue();
    await command(1, 'call-next');
    // Some waiting tickets so the queue strip has numbers.
    for (const s of ['svc-social', 'svc-medical', 'svc-employment', 'svc-enquiry', 'svc-pension'])
      await issue(s);
    for (const shot of SHOTS) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const ctx = await chrome.browser.newContext({
          viewport: { width: shot.width, height: shot.height },
          locale: lang,
          deviceScaleFactor: 1,
        });
        const p = await ctx.newPage();
        await openBoard(p, shot.device, lang);
        await p.getByTestId('latest-code').waitFor();
        await p.evaluate(() => document.fonts.ready);
        const file = artifactPath(`display-${shot.size}-${lang === 'zh-CN' ? 'zh' : 'en'}.png`);
        await p.screenshot({ path: file });
        const box = await p.getByTestId('latest-code').boundingBox();
        expect(box!.height, 'the latest code is very large').toBeGreaterThan(shot.height * 0.15);
        await ctx.close();
      }
    }
  }, 60_000);
});
