import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { giveWay, LiveWork, startWork, waitedMs, watchLiveWork } from './give-way.js';
import { workerHost } from './host.js';
import type { SummaryReport } from './protocol.js';
import { handWorkedDay } from './test-hall.js';

const turn = () => new Promise((r) => setImmediate(r));

describe('the live-work flag', () => {
  it('is up from the first request until two turns after the last one ends', async () => {
    const live = new LiveWork();
    expect(live.busy).toBe(false);
    live.begin();
    live.begin();
    live.end();
    await turn();
    await turn();
    expect(live.busy).toBe(true); // one request still in flight
    live.end();
    expect(live.busy).toBe(true); // its broadcasts run in the next turn
    await turn();
    expect(live.busy).toBe(true);
    await turn();
    expect(live.busy).toBe(false);
  });

  it('stays up when new work begins before it would come down', async () => {
    const live = new LiveWork();
    live.begin();
    live.end();
    await turn();
    live.begin();
    await turn();
    await turn();
    expect(live.busy).toBe(true);
    live.end();
    await turn();
    await turn();
    expect(live.busy).toBe(false);
  });

  it('never counts below zero (a stray end does not hide the next request)', async () => {
    const live = new LiveWork();
    live.end();
    live.begin();
    await turn();
    await turn();
    expect(live.busy).toBe(true);
  });
});

describe('giving way', () => {
  afterEach(() => watchLiveWork(null));

  it('does not wait while the flag is down', () => {
    const live = new LiveWork();
    watchLiveWork(live.buffer);
    startWork();
    giveWay();
    expect(waitedMs()).toBe(0);
  });

  it('waits while the flag is up, but only its fair share: never stuck behind a hall that is never quiet', () => {
    const live = new LiveWork();
    live.begin(); // never ends during this test
    watchLiveWork(live.buffer);
    startWork();
    giveWay(); // nothing run yet: waits its allowance (20 ms), then goes on
    const first = waitedMs();
    const firstEnded = performance.now();
    expect(first).toBeGreaterThanOrEqual(19);
    // The allowance is spent: it waits at most what it ran since (next to nothing). The margin
    // is for a busy machine's late wake-up, and stays under a second allowance (20 ms).
    const ranSince = performance.now() - firstEnded;
    giveWay();
    expect(waitedMs() - first).toBeLessThan(ranSince + 15);
    // Run a while: the same time may be waited again. On a busy machine the first wait can
    // overrun its allowance; the report then has to run that much longer before it waits again.
    const second = waitedMs();
    const ranFrom = performance.now();
    while (performance.now() - ranFrom < 30 + (second - 20)) {
      /* work */
    }
    giveWay();
    expect(waitedMs() - second).toBeGreaterThanOrEqual(25);
  });

  it('does nothing where no flag is watched (in-process engine, tests)', () => {
    startWork();
    giveWay();
    expect(waitedMs()).toBe(0);
  });
});

describe('the reports worker gives way to live requests', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-give-way-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits while the main thread serves, and still answers the same report', async () => {
    const file = join(dir, 'hall.sqlite');
    const h = handWorkedDay(file);
    h.at(Date.parse('2026-03-30T06:00:00+02:00')).rollover();
    h.db.$client.close();
    const live = new LiveWork();
    const host = workerHost(file, {
      rollupFile: join(dir, 'hall.reports.sqlite'),
      fixedNow: Date.parse('2026-03-31T10:00:00+02:00'),
      liveWork: live.buffer,
    });
    const query = { branchId: 'b1', from: '2026-03-29', to: '2026-03-29', by: 'service' as const };
    try {
      const quiet = (await host.run({ kind: 'summary', query })) as SummaryReport;
      expect(host.gaveWay()).toEqual({ reports: 1, ms: 0 });
      live.begin(); // a call in flight for the whole report
      const busy = (await host.run({ kind: 'summary', query })) as SummaryReport;
      expect(host.gaveWay().reports).toBe(2);
      expect(host.gaveWay().ms).toBeGreaterThan(0);
      expect(busy.totals).toEqual(quiet.totals);
      live.end();
    } finally {
      await host.close();
    }
  });
});
