import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureUiBuilt, type Ui } from './ui-build.js';

export const CHROMIUM = process.env.GUICHET_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** Chromium is needed for browser suites; without it they skip with this reason (CI fails instead). */
export const chromiumMissing: string | null = existsSync(CHROMIUM)
  ? null
  : `Chromium not found at ${CHROMIUM}: apt-get install -y chromium`;

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Leave out the autoplay flag, to see the page's own "enable sound" overlay. */
  autoplay?: boolean;
  /** Let a test force garbage collection before it measures the heap. */
  exposeGc?: boolean;
}

/**
 * Debian's Chromium, headless, with no background traffic to the closed network. Playwright
 * gives every launch a fresh temporary profile (--user-data-dir) itself and refuses the flag in
 * `args`, so it is not passed here.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.autoplay === false ? [] : ['--autoplay-policy=no-user-gesture-required']),
      ...(options.exposeGc ? ['--js-flags=--expose-gc'] : []),
    ],
  });
  return { browser, close: () => browser.close() };
}

/**
 * Inside a describe: `ui` built and one Chromium for the whole suite, closed after it. Returns the
 * browser once the suite has started. Two minutes for the hook: the first suite to need a UI
 * builds it while other suites hold the two cores.
 */
export function suiteChromium(ui: Ui, options: LaunchOptions = {}): () => Browser {
  let chrome: LaunchedBrowser | undefined;
  beforeAll(async () => {
    await ensureUiBuilt(ui);
    chrome = await launchChromium(options);
  }, 120_000);
  afterAll(async () => {
    await chrome?.close();
  });
  return () => {
    if (!chrome) throw new Error('Chromium did not start');
    return chrome.browser;
  };
}

export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
  locale = 'zh-CN',
): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
