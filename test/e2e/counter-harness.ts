import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { serve, type WebServer } from '../support/build.js';
import { submitSignIn } from '../support/e2e-staff.js';
import { api, login, type RunningServer, startServer } from '../support/server.js';
import { ensureUiBuilt } from '../support/ui-build.js';

/** Shared set-up of the counter console suites: built UI, real server, Chromium, small helpers. */

export interface Hall<S extends WebServer = WebServer> {
  server: S;
  browser: Browser;
  kiosk: string;
  close(): Promise<void>;
}

/**
 * The server runs in the test's process unless the suite kills or restarts it (`process: true`):
 * a child process takes 15–30 s to start on the loaded 2-core machine.
 */
export async function startHall(): Promise<Hall>;
export async function startHall(options: { process: true }): Promise<Hall<RunningServer>>;
export async function startHall(options: { process?: boolean } = {}): Promise<Hall> {
  await ensureUiBuilt('counter');
  const server = options.process ? await startServer() : await serve();
  const { browser } = await launchChromium();
  const kiosk = server.demo.devices['kiosk-1'];
  if (!kiosk) throw new Error('demo hall has no kiosk-1');
  return {
    server,
    browser,
    kiosk,
    async close() {
      await browser.close();
      await server.dispose();
    },
  };
}

export interface Issued {
  id: string;
  code: string;
}
/** A ticket from kiosk-1, as a citizen would take it. */
export async function issue(hall: Hall, serviceId: string, priority = false): Promise<Issued> {
  const r = await api<Issued>(hall.server, 'POST', '/branches/demo-hall/tickets', {
    token: hall.kiosk,
    body: priority ? { serviceId, priority: true } : { serviceId },
  });
  if (r.status !== 201) throw new Error(`issue ${serviceId}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface Console {
  context: BrowserContext;
  page: Page;
  token: string;
}

/** Opens a console in its own browser context, signs in through the form, fixed to one counter. */
export async function openConsole(
  hall: Hall,
  username: string,
  counterId: string,
  opts: { viewport?: { width: number; height: number }; locale?: 'zh-CN' | 'en'; state?: string } = {},
): Promise<Console> {
  const context = await hall.browser.newContext({
    viewport: opts.viewport ?? { width: 1366, height: 768 },
    deviceScaleFactor: 1,
  });
  if (opts.locale)
    await context.addInitScript((l) => localStorage.setItem('guichet.counter.locale', l), opts.locale);
  const page = await context.newPage();
  await page.goto(`${hall.server.url}/counter/?counter=${counterId}`);
  await submitSignIn(page, username, hall.server.demo.passwords[username] ?? '');
  await page.waitForSelector('.console');
  await page.waitForFunction(
    (want) => document.querySelector('.console')?.getAttribute('data-state') === want,
    opts.state ?? 'idle',
    { timeout: 10_000 },
  );
  const token = await page.evaluate(
    () => JSON.parse(sessionStorage.getItem('guichet.counter.session') ?? '{}').token as string,
  );
  return { context, page, token };
}

export const current = (c: Console) =>
  c.page.locator('[data-testid=current-code]').textContent({ timeout: 15_000 });
export const action = (c: Console, a: string) => c.page.locator(`[data-action="${a}"]`);
/** Waits until the console shows `code` as its current ticket (or none when null). */
export async function expectCurrent(c: Console, code: string | null): Promise<void> {
  if (code === null)
    await c.page.waitForSelector('[data-testid=current-code]', { state: 'detached', timeout: 15_000 });
  else
    await c.page.waitForFunction(
      (want) => document.querySelector('[data-testid=current-code]')?.textContent === want,
      code,
      { timeout: 15_000 },
    );
}
/** A citizen served start to end at the console: issued at the kiosk, called (F1), finished (F4). */
export async function serveOne(hall: Hall, c: Console, serviceId = 'svc-social'): Promise<Issued> {
  const t = await issue(hall, serviceId);
  await c.page.waitForSelector(`tr[data-ticket="${t.code}"]`);
  await pressWhenReady(c.page, 'F1', 'callNext');
  await expectCurrent(c, t.code);
  await pressWhenReady(c.page, 'F4', 'finish');
  await waitState(c, 'idle');
  return t;
}
export async function waitState(c: Console, state: string): Promise<void> {
  await c.page.waitForFunction(
    (s) => document.querySelector('.console')?.getAttribute('data-state') === s,
    state,
    {
      timeout: 15_000,
    },
  );
}
/** Codes in the waiting list, in the order shown. */
export const waitingCodes = (c: Console) =>
  c.page.$$eval('.waiting tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.ticket ?? ''));

export async function orderCodes(hall: Hall, token: string, counterId: string): Promise<string[]> {
  const r = await api<{ code?: string; ticketId: string }[]>(
    hall.server,
    'GET',
    `/counters/${counterId}/order`,
    { token },
  );
  const snap = await api<{ tickets: { id: string; code: string }[] }>(
    hall.server,
    'GET',
    '/branches/demo-hall/queue',
    { token },
  );
  const codes = new Map(snap.body.tickets.map((t) => [t.id, t.code]));
  return r.body.map((o) => codes.get(o.ticketId) ?? o.ticketId);
}

export async function ticketByCode(hall: Hall, token: string, code: string) {
  const snap = await api<{
    tickets: { id: string; code: string; status: string; callRule: string | null; callCount: number }[];
  }>(hall.server, 'GET', '/branches/demo-hall/queue', { token });
  return snap.body.tickets.find((t) => t.code === code) ?? null;
}

export async function counterView(hall: Hall, token: string, counterId: string) {
  const snap = await api<{ counters: { id: string; state: string; pauseReason: string | null }[] }>(
    hall.server,
    'GET',
    '/branches/demo-hall/queue',
    { token },
  );
  return snap.body.counters.find((c) => c.id === counterId)!;
}

/** Reads the server's SQLite file read-only (the server keeps it open in WAL mode). */
export function readDb<T>(hall: Hall, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(hall.server.dataDir, 'guichet.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export { api, login };

/** Waits until a dialog is open and holds the keyboard focus (keys typed before that go elsewhere). */
export async function dialogReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const dialog = document.querySelector('[role=dialog]');
    return dialog?.contains(document.activeElement);
  });
}

/**
 * Presses a console key once the console can take it: no dialog open and the action's button
 * enabled. A key pressed while the previous command is still in flight is dropped on purpose
 * (one press, one command), so a test must not type ahead of the console.
 */
export async function pressWhenReady(page: Page, key: string, action: string): Promise<void> {
  await page.waitForFunction((a) => {
    const button = document.querySelector(`[data-action=${a}]`);
    return !document.querySelector('[role=dialog]') && button !== null && !button.hasAttribute('disabled');
  }, action);
  await page.keyboard.press(key);
}
