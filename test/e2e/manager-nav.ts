import type { Page } from 'playwright-core';

/**
 * Opens a manager screen through the two-row nav: its group first (the group link lists its
 * screens in data-routes), then the screen's own link, and waits until it is the current page.
 */
export async function openScreen(page: Page, screen: string): Promise<void> {
  const link = page.locator(`[data-nav=${screen}]`);
  if (!(await link.isVisible())) await page.click(`[data-nav-group][data-routes~=${screen}]`);
  await page.click(`[data-nav=${screen}]`);
  await page.waitForSelector(`[data-nav=${screen}][aria-current=page]`);
}
