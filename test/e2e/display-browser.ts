import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM } from '../support/browser.js';

/**
 * The shared launcher's flags (test/support/browser.ts), launched the way playwright-core
 * accepts: it refuses `--user-data-dir` in `args` ("Pass userDataDir parameter to
 * launchPersistentContext"), and each launch already gets a fresh temporary profile.
 * `--js-flags=--expose-gc` lets the soak test force a collection before measuring the heap;
 * `autoplay: false` leaves out `--autoplay-policy=no-user-gesture-required` to see the sound overlay.
 */
export async function launchDisplayChromium(opts: { autoplay?: boolean } = {}): Promise<{
  browser: Browser;
  close(): Promise<void>;
}> {
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
      '--js-flags=--expose-gc',
      ...(opts.autoplay === false ? [] : ['--autoplay-policy=no-user-gesture-required']),
    ],
  });
  return { browser, close: () => browser.close() };
}
