/**
 * 10,000 calls through the real server at a board in Chromium: the JS heap (after forced GC),
 * the DOM node count and the event-listener count must stay flat. Calls are made over HTTP by
 * eight clerks, each cycling its own parked tickets (call back → park), because issuing is rate
 * limited to 600 tickets a minute; every call back is a real `ticket:called` with a new calledAt.
 * Numbers are printed and written to test/artifacts/display-soak.json.
 */
import { writeFileSync } from 'node:fs';
import type { CounterCommandResponse, IssuedTicket } from '@guichet/server/protocol';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { api, login, type RunningServer, startServer } from '../support/server.js';
import { launchDisplayChromium } from './display-browser.js';
import { ensureDisplayBuilt } from './display-build.js';

const skip = skipReason(chromiumMissing, 'display soak');
const BRANCH = 'demo-hall';
const TOTAL_CALLS = 10_000;
const WARM_UP_CALLS = 300;
const TICKETS = 480;
const SERVICES = ['svc-social', 'svc-medical', 'svc-employment', 'svc-enquiry', 'svc-pension'];

interface Metrics {
  heapUsedBytes: number;
  nodes: number;
  listeners: number;
}

async function measure(page: Page, cdp: CDPSession): Promise<Metrics> {
  for (let i = 0; i < 3; i++) await page.evaluate(() => (window as unknown as { gc(): void }).gc());
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapUsedBytes: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners') };
}

describe.skipIf(skip)('display board soak', () => {
  let server: RunningServer;
  let chrome: Awaited<ReturnType<typeof launchDisplayChromium>>;
  const clerks = new Map<number, string>();
  const parked = new Map<number, string[]>();

  async function command(counter: number, name: string, body: unknown = {}) {
    const r = await api<CounterCommandResponse>(server, 'POST', `/counters/ctr-${counter}/${name}`, {
      token: clerks.get(counter),
      body,
    });
    if (r.status !== 200) throw new Error(`${name} at ctr-${counter}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  beforeAll(async () => {
    await ensureDisplayBuilt();
    server = await startServer();
    chrome = await launchDisplayChromium();
    for (let n = 1; n <= 8; n++) {
      clerks.set(n, await login(server, `clerk${n}`));
      await command(n, 'open');
      parked.set(n, []);
    }
    const kiosk = server.demo.devices['kiosk-1']!;
    for (let i = 0; i < TICKETS; i++) {
      const r = await api<IssuedTicket>(server, 'POST', `/branches/${BRANCH}/tickets`, {
        token: kiosk,
        body: { serviceId: SERVICES[i % SERVICES.length] },
      });
      if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }, 120_000);

  afterAll(async () => {
    await chrome?.close();
    await server?.dispose();
  });

  it('keeps heap, DOM nodes and listeners flat over 10,000 calls', async () => {
    const context = await chrome.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${server.url}/display/?device=${server.demo.devices['display-1']}&lang=zh-CN`);
    await page.getByTestId('history').waitFor();
    await page.getByTestId('offline').waitFor({ state: 'detached' });

    let calls = 0;
    /** The newest call by calledAt (clerks run concurrently, so the last answer is not always it). */
    let newest = { at: 0, codes: [] as string[] };
    const note = (t: { code: string; calledAt: number | null }) => {
      calls++;
      const at = t.calledAt ?? 0;
      if (at > newest.at) newest = { at, codes: [t.code] };
      else if (at === newest.at) newest.codes.push(t.code);
    };
    const exhausted = new Set<number>();
    const started = Date.now();
    /** One clerk: call next while its queues have tickets (parking each), then call its parked tickets back. */
    async function clerkLoop(counter: number, until: number) {
      const own = parked.get(counter)!;
      while (calls < until) {
        if (own.length < 60 && !exhausted.has(counter)) {
          const r = await command(counter, 'call-next');
          if (r.ticket) {
            own.push(r.ticket.id);
            note(r.ticket);
            await command(counter, 'park');
            continue;
          }
          exhausted.add(counter);
        }
        if (own.length === 0) return;
        const id = own[calls % own.length]!;
        const r = await command(counter, 'call', { ticketId: id });
        note(r.ticket!);
        await command(counter, 'park');
      }
    }
    const run = (until: number) => Promise.all([...clerks.keys()].map((n) => clerkLoop(n, until)));
    const settle = () =>
      page.waitForFunction(
        (codes) => codes.includes(document.querySelector('[data-testid=latest-code]')?.textContent ?? ''),
        newest.codes,
        { timeout: 15_000 },
      );

    await run(WARM_UP_CALLS);
    await settle();
    const start = await measure(page, cdp);
    await run(TOTAL_CALLS);
    const durationMs = Date.now() - started;
    await settle();
    await page.waitForTimeout(1000);
    const end = await measure(page, cdp);
    const speech = await page.evaluate(() => ({
      logged: window.__guichetSpeech!.log.length,
      pending: window.__guichetSpeech!.pending(),
      chimes: window.__guichetSpeech!.chimes,
      dropped: window.__guichetSpeech!.dropped,
    }));
    const historyRows = await page.getByTestId('history').locator('li').count();
    const report = {
      calls,
      durationMs,
      callsPerSecond: Math.round((calls / durationMs) * 1000),
      start,
      end,
      heapGrowthBytes: end.heapUsedBytes - start.heapUsedBytes,
      nodeGrowth: end.nodes - start.nodes,
      listenerGrowth: end.listeners - start.listeners,
      historyRows,
      speech,
    };
    console.log(`display soak: ${JSON.stringify(report, null, 2)}`);
    writeFileSync(artifactPath('display-soak.json'), `${JSON.stringify(report, null, 2)}\n`);
    await page.screenshot({ path: artifactPath('display-soak-end-1920x1080.png') });

    expect(calls).toBeGreaterThanOrEqual(TOTAL_CALLS);
    expect(historyRows).toBe(8);
    expect(speech.pending).toBeLessThanOrEqual(12);
    expect(end.nodes - start.nodes, 'DOM nodes').toBeLessThanOrEqual(10);
    expect(end.listeners - start.listeners, 'event listeners').toBeLessThanOrEqual(5);
    expect(end.heapUsedBytes, 'JS heap after GC').toBeLessThan(start.heapUsedBytes * 1.1 + 512 * 1024);
    await context.close();
  }, 180_000);
});
