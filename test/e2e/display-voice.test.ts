/**
 * Voice after an outage, in Chromium against the fake hall: calls made while the board was away
 * are all shown, but only the fresh ones are read out — no burst of stale announcements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCall, fakeSnapshot } from '../../display-ui/src/testing/fake-hall.js';
import { chromiumMissing, suiteChromium } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { type FakeHall, startFakeHall } from './display-fake-hall.js';

const skip = skipReason(chromiumMissing, 'display voice');

describe.skipIf(skip)('display voice after an outage', () => {
  const browser = suiteChromium('display', { exposeGc: true });
  let hall: FakeHall;
  beforeAll(async () => {
    hall = await startFakeHall(
      fakeSnapshot({ recentCalls: [fakeCall('A001', 1, { calledAt: Date.now() - 5000 })] }),
      {
        board: { config: { locales: ['en'] } },
      },
    );
  });
  afterAll(async () => {
    await hall?.close();
  });

  it('shows every call made during the gap and reads only those under 30 s old, oldest first', async () => {
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hall.url}/display/?device=board&lang=en`);
    await page.getByTestId('latest-code').waitFor();
    await page.getByTestId('offline').waitFor({ state: 'detached' });
    await page.evaluate(() =>
      window.__guichetSpeech!.setSpeaker({
        canSpeak: () => true,
        speak: () => new Promise((r) => setTimeout(r, 200)),
      }),
    );
    // The first snapshot is history: A001 is shown, not read (a wrong announcement would keep the
    // board busy until it had been logged).
    await page.waitForFunction(() => window.__guichetSpeech!.idle(), null, { timeout: 15_000 });
    expect(await page.evaluate(() => window.__guichetSpeech!.log.length)).toBe(0);

    hall.dropClients(true);
    await page.getByTestId('offline').waitFor();
    const now = Date.now();
    hall.mutateSilently((s) => {
      s.recentCalls = [
        fakeCall('B004', 4, { calledAt: now - 1000 }),
        fakeCall('B003', 3, { calledAt: now - 8000 }),
        fakeCall('B002', 2, { calledAt: now - 45_000 }),
        fakeCall('C009', 2, { calledAt: now - 600_000 }),
        ...s.recentCalls,
      ];
    });
    await page.getByTestId('offline').waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForFunction(
      () => window.__guichetSpeech!.log.filter((e) => e.end !== null).length >= 2,
      null,
      {
        timeout: 15_000,
      },
    );
    // Nothing more may follow: the board falls quiet with exactly these in its log.
    await page.waitForFunction(() => window.__guichetSpeech!.idle(), null, { timeout: 15_000 });
    const spoken = await page.evaluate(() => window.__guichetSpeech!.log.map((e) => e.text));
    expect(spoken).toEqual([
      'Ticket B 0 0 3, please go to counter 3',
      'Ticket B 0 0 4, please go to counter 4',
    ]);
    expect(await page.getByTestId('latest-code').textContent()).toBe('B004');
    const history = await page.getByTestId('history').textContent();
    for (const code of ['B003', 'B002', 'C009', 'A001']) expect(history).toContain(code);
    await page.close();
  });
});
