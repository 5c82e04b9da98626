/**
 * Soak: 10,000 calls at a board in Chromium through the fake hall (display-fake-hall.ts: the same
 * Socket.IO contract, each call an issue, a call and a finish delta carrying ticket, counter and
 * service views), as fast as the board can take them. The JS heap (after forced GC), the DOM node
 * count and the event-listener count must stay flat; written to test/artifacts/display-soak.json.
 * The same through the real server is display-soak-server.test.ts (a file of its own, so the two
 * run side by side).
 */
import { wire } from '@guichet/server/kit/testing';
import { describe, expect, it } from 'vitest';
import { fakeCall, fakeSnapshot } from '../../display-ui/src/testing/fake-hall.js';
import { artifactPath, chromiumMissing } from '../support/browser.js';
import { skipReason } from '../support/require.js';
import { startFakeHall } from './display-fake-hall.js';
import { finishRun, latestIs, measure, openBoard, soakBrowser } from './display-soak-support.js';

const skip = skipReason(chromiumMissing, 'display soak');

describe.skipIf(skip)('display board soak (fake hall)', () => {
  const chrome = soakBrowser();

  it('10,000 calls through the Socket.IO contract leave heap, DOM nodes and listeners flat', async () => {
    const TOTAL = 10_000;
    const WARM_UP = 500;
    const snapshot = fakeSnapshot();
    const hall = await startFakeHall(snapshot, { soak: { config: {} } });
    const context = await chrome().browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const { page, cdp } = await openBoard(context, `${hall.url}/display/?device=soak&lang=zh-CN`);
      let calls = 0;
      let lastCode = '';
      /** Issue, call and finish one ticket, as the server's deltas would carry them. */
      const oneCall = () => {
        const i = calls++;
        const prefix = 'ABCDF'[i % 5]!;
        const service = hall.snapshot.services.find((s) => s.prefix === prefix)!;
        const counter = hall.snapshot.counters[i % 8]!;
        const code = `${prefix}${String(Math.floor(i / 5) + 1).padStart(3, '0')}`;
        const now = Date.now();
        const ticket = wire.ticket(code, {
          id: `soak-${i}`,
          serviceId: service.id,
          issuedAt: now,
          queuedAt: now,
        });
        const services = hall.snapshot.services.map((s) =>
          s.id === service.id ? { ...s, waiting: (i % 17) + 1 } : s,
        );
        hall.push({ tickets: [ticket], services });
        const call = fakeCall(code, counter.number, {
          ticketId: ticket.id,
          serviceId: service.id,
          calledAt: now,
        });
        hall.push({
          tickets: [{ ...ticket, status: 'called', calledAt: now, counterId: counter.id, callCount: 1 }],
          counters: [{ ...counter, state: 'calling', currentTicketId: ticket.id, stateSince: now }],
          call,
        });
        hall.push({
          removedTicketIds: [ticket.id],
          counters: [{ ...counter, state: 'idle', currentTicketId: null }],
        });
        lastCode = code;
      };
      /**
       * 25 calls per turn of the event loop, as fast as the socket takes them; every 500 calls the
       * board must show the last one before more come, so a slow board never falls far behind.
       */
      const burst = async (until: number) => {
        while (calls < until) {
          for (let k = 0; k < 25 && calls < until; k++) oneCall();
          await new Promise((r) => setImmediate(r));
          if (calls % 500 === 0) await latestIs(page, [lastCode]);
        }
        await latestIs(page, [lastCode]);
      };
      const started = Date.now();
      await burst(WARM_UP);
      const start = await measure(page, cdp);
      await burst(TOTAL);
      await finishRun('fake hall', page, cdp, calls, Date.now() - started, start, [lastCode], 7);
      expect(calls).toBe(TOTAL);
      await page.screenshot({ path: artifactPath('display-soak-end-1920x1080.png') });
    } finally {
      await context.close();
      await hall.close();
    }
  }, 150_000);
});
