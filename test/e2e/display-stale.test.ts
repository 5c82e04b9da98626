/**
 * The board is never stale, in Chromium against the fake hall with the longest names a hall
 * might use: after a no-show and after a transfer, the "now calling", the recent calls and the
 * window grid (综合屏) change at once, in both languages at once, at 1920×1080 and 1080×1920.
 * The deltas are shaped as the server sends them to screens (server/src/app/broadcast.ts:
 * `ticket:updated` with the ticket's new view and its counter). Screenshots for a human.
 */
import type { CounterView, TicketView } from '@guichet/server/protocol';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeCall, fakeService, fakeSnapshot, fakeTicket } from '../../display-ui/src/testing/fake-hall.js';
import { artifactPath, chromiumMissing, newContext, suiteChromium } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { type FakeHall, LONG, layoutProblems, startFakeHall } from './display-fake-hall.js';

const skip = skipReason(chromiumMissing, 'display staleness');
/**
 * "At once" is on the pushed update itself: the fake hall sends nothing else that could clear the
 * ticket. Seconds, not one, so a loaded machine's slow render does not read as a stale board.
 */
const AT_ONCE_MS = 5_000;

/** Eight counters, six of them busy; the latest call (A012 → 3) and five before it. */
function hallWithCalls() {
  const now = Date.now();
  const s = fakeSnapshot();
  s.branch.name = LONG.hall;
  s.services = ['A', 'B', 'C', 'D'].map((p, i) =>
    fakeService(p, {
      name:
        i % 2 === 0
          ? LONG.service
          : { 'zh-CN': '就业登记与失业保险金申领', en: 'Social insurance enquiries' },
      waiting: [4, 12, 158, 0][i] ?? 0,
    }),
  );
  const calls = [
    fakeCall('A012', 3, { calledAt: now - 1000 }),
    fakeCall('B007', 5, { calledAt: now - 60_000 }),
    fakeCall('C101', 1, { calledAt: now - 120_000 }),
    fakeCall('A011', 2, { calledAt: now - 180_000 }),
    fakeCall('D004', 7, { calledAt: now - 240_000 }),
    fakeCall('B006', 8, { calledAt: now - 300_000 }),
  ].map((c) => ({ ...c, counterName: c.counterNumber === 3 ? LONG.counter : c.counterName }));
  s.recentCalls = calls;
  s.tickets = calls.map((c, i) => fakeTicket(c, i < 2 ? {} : { status: 'serving' }));
  s.counters = s.counters.map((c): CounterView => {
    const call = calls.find((x) => x.counterId === c.id);
    const name = c.number % 3 === 0 ? LONG.counter : c.name;
    if (!call) return { ...c, name, state: c.number === 4 ? 'paused' : 'closed' };
    const serving = s.tickets.find((t) => t.id === call.ticketId)?.status === 'serving';
    return { ...c, name, state: serving ? 'serving' : 'calling', currentTicketId: call.ticketId };
  });
  return s;
}

const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
] as const;

describe.skipIf(skip)('the board is never stale', () => {
  const browser = suiteChromium('display');
  let hall: FakeHall;
  afterAll(async () => {
    await hall?.close();
  });

  /** The server's `ticket:updated` for a no-show or transfer: the ticket's new view and its idle counter. */
  function moveOn(code: string, ticket: Partial<TicketView>) {
    const t = hall.snapshot.tickets.find((x) => x.code === code)!;
    const counter = hall.snapshot.counters.find((c) => c.id === t.counterId)!;
    hall.push({
      tickets: [{ ...t, ...ticket }],
      counters: [{ ...counter, state: 'idle', currentTicketId: null }],
    });
    return counter.number;
  }
  const history = (page: Page) => page.getByTestId('history').textContent();

  for (const size of SIZES) {
    for (const layout of ['board', 'grid'] as const) {
      it(`${layout} ${size.name}: a no-show and a transfer leave the screen at once`, async () => {
        hall = await startFakeHall(hallWithCalls(), { screen: { config: { layout } } });
        const context = await newContext(browser(), { width: size.width, height: size.height });
        const page = await context.newPage();
        const failed: string[] = [];
        page.on('response', (r) => {
          if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
        });
        await page.goto(`${hall.url}/display/?device=screen`);
        const shot = (step: string) =>
          page.screenshot({ path: artifactPath(`display-${layout}-${step}-${size.name}.png`) });
        await page.evaluate(() => document.fonts.ready);
        if (layout === 'board') {
          await page.getByTestId('latest-code').filter({ hasText: 'A012' }).waitFor();
          // Both languages at once, no alternation.
          expect(await page.getByTestId('latest').textContent()).toContain('请到');
          expect(await page.getByTestId('latest').textContent()).toContain('Please go to');
        } else {
          await page.getByTestId('tile-code-3').filter({ hasText: 'A012' }).waitFor();
          expect(await page.getByTestId('tile-3').textContent()).toContain('呼叫中Calling');
        }
        await shot('before');
        expect(await layoutProblems(page)).toEqual([]);

        // A012 at counter 3 is marked a no-show.
        const n = moveOn('A012', { status: 'no_show', outcome: 'no_show', finishedAt: Date.now() });
        expect(n).toBe(3);
        if (layout === 'board') {
          await page.getByTestId('latest-code').filter({ hasText: 'B007' }).waitFor({ timeout: AT_ONCE_MS });
          expect(await page.getByTestId('latest').textContent()).toContain('5 号窗口');
          expect(await history(page)).not.toContain('A012');
        } else {
          await page.getByTestId('tile-code-3').filter({ hasText: '—' }).waitFor({ timeout: AT_ONCE_MS });
          expect(await page.getByTestId('tile-3').getAttribute('data-state')).toBe('idle');
        }
        expect(await page.locator('body').textContent()).not.toContain('A012');
        await shot('after-no-show');

        // C101, being served at counter 1, is transferred to service D: it waits again.
        moveOn('C101', {
          status: 'waiting',
          counterId: null,
          calledAt: null,
          serviceId: 'svc-d',
          originServiceId: 'svc-c',
        });
        if (layout === 'board') {
          await page.waitForFunction(
            () => !document.querySelector('[data-testid=history]')?.textContent?.includes('C101'),
            null,
            { timeout: AT_ONCE_MS },
          );
          expect(await history(page)).toContain('A011');
        } else {
          await page.getByTestId('tile-code-1').filter({ hasText: '—' }).waitFor({ timeout: AT_ONCE_MS });
        }
        expect(await page.locator('body').textContent()).not.toContain('C101');
        await shot('after-transfer');
        expect(await layoutProblems(page)).toEqual([]);
        // Both languages at once, and nothing cut with "…".
        const text = (await page.locator('body').textContent()) ?? '';
        expect(text).toContain(LONG.service['zh-CN']);
        expect(text).toContain(LONG.service.en);
        expect(text).not.toContain('…');
        expect(failed, 'no request failed (icon, voice clips)').toEqual([]);
        await context.close();
        await hall.close();
      }, 60_000);
    }
  }
});
