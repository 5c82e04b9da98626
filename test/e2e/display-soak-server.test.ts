/**
 * Soak: 10,000 calls at a board in Chromium through the real server, built in this process
 * (support/build.ts, SQLite in memory: the board is under test, not the disk): eight clerks each
 * calling next and parking, then calling their parked tickets back, through the app's routes
 * (`inject()`); every call back is a real `ticket:called` with a new calledAt, reaching the board
 * over Socket.IO. Heap, DOM nodes and listeners must stay flat (see display-soak.test.ts).
 */
import type { CounterCommandResponse, IssuedTicket } from '@guichet/server/protocol';
import { describe, expect, it } from 'vitest';
import { api, login } from '../support/api.js';
import { chromiumMissing, suiteChromium } from '../support/browser.js';
import { build } from '../support/build.js';
import { skipReason } from '../support/require.js';
import { finishRun, latestIs, measure, openBoard } from './display-soak-support.js';

const skip = skipReason(chromiumMissing, 'display soak (real server)');

describe.skipIf(skip)('display board soak (real server)', () => {
  const browser = suiteChromium('display', { exposeGc: true });

  // 3,000 real calls (with their park and call-back deltas: ~9,000 broadcasts) show the board
  // following the real server's deltas without growth; the 10,000-call memory soak of the board
  // itself runs against the fake hall beside it, which needs no server CPU.
  it('3,000 calls through the real server leave heap, DOM nodes and listeners flat', async () => {
    const TOTAL = 3_000;
    const WARM_UP = 150;
    const server = await build();
    const url = await server.listen();
    const context = await browser().newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const clerks = new Map<number, string>();
      const command = async (counter: number, name: string, body: unknown = {}) => {
        const r = await api<CounterCommandResponse>(server, 'POST', `/counters/ctr-${counter}/${name}`, {
          token: clerks.get(counter),
          body,
        });
        if (r.status !== 200)
          throw new Error(`${name} at ctr-${counter}: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      };
      for (let n = 1; n <= 8; n++) {
        clerks.set(n, await login(server, `clerk${n}`));
        await command(n, 'open');
      }
      const services = ['svc-social', 'svc-medical', 'svc-employment', 'svc-enquiry', 'svc-pension'];
      for (let i = 0; i < 160; i++) {
        const r = await api<IssuedTicket>(server, 'POST', '/branches/demo-hall/tickets', {
          token: server.demo.devices['kiosk-1'],
          body: { serviceId: services[i % services.length] },
        });
        if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
      }
      const { page, cdp } = await openBoard(
        context,
        `${url}/display/?device=${server.demo.devices['display-1']}&lang=zh-CN`,
      );

      let calls = 0;
      const note = (_t: { code: string }) => {
        calls++;
      };
      const parked = new Map<number, string[]>([...clerks.keys()].map((n) => [n, []]));
      const exhausted = new Set<number>();
      /** One clerk: call next while its queues have tickets (parking each), then call its parked tickets back. */
      const clerkLoop = async (counter: number, until: number) => {
        const own = parked.get(counter)!;
        while (calls < until) {
          if (!exhausted.has(counter)) {
            const r = await command(counter, 'call-next');
            if (r.ticket) {
              own.push(r.ticket.id);
              note(r.ticket);
              await command(counter, 'park');
              continue;
            }
            exhausted.add(counter);
          }
          if (own.length === 0) return;
          const r = await command(counter, 'call', { ticketId: own[calls % own.length] });
          note(r.ticket!);
          await command(counter, 'park');
        }
      };
      /**
       * A parked ticket's call leaves the board at once, so the board has caught up when a last
       * call, left standing, is on top; then it is parked like the others.
       */
      const run = async (until: number) => {
        await Promise.all([...clerks.keys()].map((n) => clerkLoop(n, until)));
        const [n, own] = [...parked].find(([, ids]) => ids.length > 0)!;
        const last = await command(n, 'call', { ticketId: own[0] });
        note(last.ticket!);
        await latestIs(page, [last.ticket!.code]);
        await command(n, 'park');
      };
      const started = Date.now();
      await run(WARM_UP);
      const start = await measure(page, cdp);
      await run(TOTAL);
      await finishRun('real server', page, cdp, calls, Date.now() - started, start, [], 0);
      expect(calls).toBeGreaterThanOrEqual(TOTAL);
    } finally {
      await context.close();
      await server.close();
    }
  }, 420_000);
});
