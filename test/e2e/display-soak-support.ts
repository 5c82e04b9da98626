/** What both display soaks share: opening a board, measuring it, and judging a run. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import { artifactPath } from '../support/browser.js';

export interface Metrics {
  heapUsedBytes: number;
  nodes: number;
  listeners: number;
}
export interface Run {
  source: string;
  calls: number;
  durationMs: number;
  start: Metrics;
  end: Metrics;
  heapGrowthBytes: number;
  nodeGrowth: number;
  listenerGrowth: number;
  historyRows: number;
  speech: { logged: number; pending: number; chimes: number; dropped: number };
}

export async function measure(page: Page, cdp: CDPSession): Promise<Metrics> {
  for (let i = 0; i < 3; i++) await page.evaluate(() => (window as unknown as { gc(): void }).gc());
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapUsedBytes: get('JSHeapUsedSize'), nodes: get('Nodes'), listeners: get('JSEventListeners') };
}

export async function openBoard(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.getByTestId('history').waitFor();
  await page.getByTestId('offline').waitFor({ state: 'detached' });
  return { page, cdp };
}

export const latestIs = (page: Page, codes: string[]) =>
  page.waitForFunction(
    (c) => c.includes(document.querySelector('[data-testid=latest-code]')?.textContent ?? ''),
    codes,
    { timeout: 15_000 },
  );

export async function finishRun(
  source: string,
  page: Page,
  cdp: CDPSession,
  calls: number,
  durationMs: number,
  start: Metrics,
  latest: string[],
  historyRows: number,
) {
  // On a loaded machine the board may have dropped its link during the burst: measure it once it
  // is back and resynced (the offline badge is the only element that may come and go), shows the
  // last call, and has painted it.
  const wasOffline = (await page.getByTestId('offline').count()) > 0;
  await page.waitForSelector('[data-testid=offline]', { state: 'detached', timeout: 60_000 });
  // The fake hall ends on a call left standing; the real-server run parks every call, and a parked
  // ticket's call leaves the board at once: then the board has caught up when its history is empty.
  if (latest.length) await latestIs(page, latest);
  else
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=history] li').length === 0,
      null,
      {
        timeout: 15_000,
      },
    );
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
  if (wasOffline) console.log(`display soak (${source}): the board was reconnecting at the end of the run`);
  const end = await measure(page, cdp);
  const speech = await page.evaluate(() => {
    const h = window.__guichetSpeech!;
    return { logged: h.log.length, pending: h.pending(), chimes: h.chimes, dropped: h.dropped };
  });
  const run: Run = {
    source,
    calls,
    durationMs,
    start,
    end,
    heapGrowthBytes: end.heapUsedBytes - start.heapUsedBytes,
    nodeGrowth: end.nodes - start.nodes,
    listenerGrowth: end.listeners - start.listeners,
    historyRows: await page.getByTestId('history').locator('li').count(),
    speech,
  };
  console.log(`display soak (${source}): ${JSON.stringify(run)}`);
  // Both soaks (two files, run in parallel) share one artifact, one entry per source.
  const file = artifactPath('display-soak.json');
  const runs = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Run[]) : [];
  const others = runs.filter((r) => r.source !== source);
  writeFileSync(file, `${JSON.stringify([...others, run], null, 2)}\n`);
  expect(run.historyRows).toBe(historyRows);
  expect(speech.pending).toBeLessThanOrEqual(12);
  expect(speech.logged).toBeLessThanOrEqual(100);
  // What is on screen varies a little with who called last (a counter whose name differs from its
  // number shows the name: a few nodes per history row); a leak would grow with 10,000 calls.
  expect(run.nodeGrowth, 'DOM nodes').toBeLessThanOrEqual(30);
  expect(run.listenerGrowth, 'event listeners').toBeLessThanOrEqual(5);
  expect(end.heapUsedBytes, 'JS heap after GC').toBeLessThan(start.heapUsedBytes * 1.1 + 512 * 1024);
}
