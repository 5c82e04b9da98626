import { type PrinterSimulator, startPrinterSimulator } from '@guichet/drivers';
import type { Browser, Page } from 'playwright-core';
import { type LaunchedBrowser, launchChromium } from '../support/browser';
import { serve, type WebServer } from '../support/build';
import { type RunningServer, startServer } from '../support/server';
import { ensureUiBuilt } from '../support/ui-build';

/** Shared set-up of the kiosk and phone browser suites. */

export interface Hall<S extends WebServer = WebServer> {
  server: S;
  printer: PrinterSimulator;
  launched: LaunchedBrowser;
  browser: Browser;
  kioskUrl(device?: string): string;
  close(): Promise<void>;
}

/**
 * A real server with the demo hall, kiosk-1's printer on a simulator this test owns, and Chromium.
 * The server runs in the test's process unless the suite stops or restarts it (`process: true`):
 * a child process takes 15–30 s to start on the loaded 2-core machine.
 */
export async function startHall(): Promise<Hall>;
export async function startHall(options: { process: true }): Promise<Hall<RunningServer>>;
export async function startHall(options: { process?: boolean } = {}): Promise<Hall> {
  await ensureUiBuilt('kiosk');
  const printer = await startPrinterSimulator({ host: '127.0.0.1', port: 0 });
  const env = { GUICHET_DEMO_PRINTER: `tcp://127.0.0.1:${printer.port}` };
  const server = options.process ? await startServer({ env }) : await serve({ env });
  const launched = await launchChromium();
  return {
    server,
    printer,
    launched,
    browser: launched.browser,
    kioskUrl: (device = 'kiosk-1') => `${server.url}/kiosk/?device=${server.demo.devices[device]}`,
    async close() {
      await launched.close().catch(() => {});
      await server.dispose().catch(() => {});
      await printer.close().catch(() => {});
    },
  };
}

export const tile = (page: Page, serviceId: string) => page.locator(`[data-service="${serviceId}"]`);

/** Waits until the kiosk shows its tiles and can issue (live snapshot, no banner). */
export async function kioskReady(page: Page, serviceId = 'svc-medical'): Promise<void> {
  await tile(page, serviceId).and(page.locator(':enabled')).waitFor({ timeout: 15_000 });
}

/** Takes a ticket for `serviceId` at the kiosk (standard ticket when the service offers options). */
export async function takeTicket(page: Page, serviceId: string): Promise<void> {
  await tile(page, serviceId).click();
  await page.locator('.choice.normal, .confirmation, [data-problem]').first().waitFor({ timeout: 15_000 });
  const standard = page.locator('.choice.normal');
  if (await standard.isVisible()) await standard.click();
}

/** The next `POST …/tickets` answer the page receives. */
export async function nextIssued(page: Page): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/api\/v1\/branches\/[^/]+\/tickets$/.test(r.url()),
    { timeout: 15_000 },
  );
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
