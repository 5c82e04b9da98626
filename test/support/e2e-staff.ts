/**
 * What the staff browser suites (manager area, counter console) each did for themselves: start
 * the real server and Chromium with the screens they open built, and sign in through the form.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { serve, type WebServer } from './build.js';
import { type RunningServer, type StartOptions, startServer } from './server.js';
import { ensureUiBuilt, type Ui } from './ui-build.js';

export interface BrowserHall<S extends WebServer = RunningServer> {
  server: S;
  browser: Browser;
}

/**
 * Builds the screens `uis` when stale, then starts the real server (demo hall) as a child process
 * and Chromium. For suites that kill or restart the server, or read what the process prints.
 */
export function startBrowserHall(uis: Ui[], options: StartOptions = {}): Promise<BrowserHall> {
  return withChromium(uis, () => startServer(options));
}

/**
 * The same with the server in the test's own process (serve()): a child takes 15–30 s to start
 * on the loaded 2-core machine, this 3–5 s. For every suite that neither kills nor restarts it.
 */
export function serveBrowserHall(uis: Ui[]): Promise<BrowserHall<WebServer>> {
  return withChromium(uis, () => serve());
}

async function withChromium<S extends WebServer>(
  uis: Ui[],
  start: () => Promise<S>,
): Promise<BrowserHall<S>> {
  for (const ui of uis) await ensureUiBuilt(ui);
  const server = await start();
  try {
    const { browser } = await launchChromium();
    return { server, browser };
  } catch (e) {
    await server.dispose();
    throw e;
  }
}

/** Closes what startBrowserHall opened; either is missing when the suite's start failed part-way. */
export async function stopBrowserHall(hall: Partial<BrowserHall<WebServer>>): Promise<void> {
  await hall.browser?.close();
  await hall.server?.dispose();
}

/** Fills the staff sign-in form (the console's and the manager area's are one) and submits it. */
export async function submitSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

export interface StaffSignIn {
  viewport?: { width: number; height: number };
  /** Stored as the area's language (`guichet.<area>.locale`, the path's first segment) before the page loads. */
  locale?: string;
  /** The demo hall's password for `username` unless given. */
  password?: string;
  /** More options for the new browser context (e.g. `acceptDownloads`). */
  context?: BrowserContextOptions;
}

/**
 * A fresh browser context (1366×768 unless told) at `path` — `/manager/monitor`,
 * `/counter/?counter=ctr-8` — signed in as `username` through the form. It returns once the form
 * is sent: the caller waits for its own screen.
 */
export async function signInStaff(
  browser: Browser,
  server: Pick<WebServer, 'url' | 'demo'>,
  username: string,
  path: string,
  options: StaffSignIn = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 768 },
    deviceScaleFactor: 1,
    ...options.context,
  });
  if (options.locale) {
    const key = `guichet.${path.split('/')[1]}.locale`;
    await context.addInitScript(([k, l]) => localStorage.setItem(k, l), [key, options.locale] as const);
  }
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await submitSignIn(page, username, options.password ?? server.demo.passwords[username] ?? '');
  return page;
}

/** The same at /manager/, in zh-CN unless told. */
export function signInManager(
  browser: Browser,
  server: Pick<WebServer, 'url' | 'demo'>,
  username: string,
  options: StaffSignIn = {},
): Promise<Page> {
  return signInStaff(browser, server, username, '/manager/', {
    ...options,
    locale: options.locale ?? 'zh-CN',
  });
}
