import type { CallView } from '@guichet/server/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { feedBoard } from './app.js';
import { BoardState } from './board.js';
import { resolveConfig } from './config.js';
import { fakeCall, fakeSnapshot } from './testing/fake-hall.js';
import { AnnouncementQueue, type Utterance } from './voice/queue.js';

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);

function setup() {
  const spoken: string[] = [];
  const board = new BoardState(resolveConfig({}), () => performance.now());
  const queue = new AnnouncementQueue({
    speaker: () => ({
      canSpeak: () => true,
      speak: (u: Utterance) => {
        spoken.push(u.text);
        return new Promise((r) => setTimeout(r, 1000));
      },
    }),
    chime: { play: () => Promise.resolve() },
    locales: () => ['en'],
    repeat: () => 1,
    enabled: () => true,
  });
  const results: string[] = [];
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (c: CallView, origin) => {
    const r = enqueue(c, origin);
    results.push(`${c.code}:${r}`);
    return r;
  };
  return { board, queue, spoken, results, feed: feedBoard(board, queue) };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('feedBoard', () => {
  it('reads out a live call after the PC clock was corrected since the snapshot', async () => {
    const { feed, spoken, results } = setup();
    // The server's clock and the PC's agree when the board connects...
    const s = fakeSnapshot({ at: T0, recentCalls: [fakeCall('Z001', 1, { calledAt: T0 - 5000 })] });
    feed.onSnapshot(s, false);
    // ...then NTP moves the PC's clock an hour forward; a call made now on the server still has
    // a server calledAt near T0, an hour "old" by the local clock.
    vi.setSystemTime(T0 + 3_600_000);
    const live = fakeCall('A001', 3, { calledAt: T0 + 10_000 });
    feed.onDelta({ ...s, version: 2 }, { epoch: s.epoch, version: 2, branchId: s.branch.id, call: live });
    // And a PC clock set back a day afterwards changes nothing either.
    vi.setSystemTime(T0 - 86_400_000);
    const next = fakeCall('B001', 4, { calledAt: T0 + 20_000 });
    feed.onDelta({ ...s, version: 3 }, { epoch: s.epoch, version: 3, branchId: s.branch.id, call: next });
    await vi.runAllTimersAsync();
    expect(results).toEqual(['A001:queued', 'B001:queued']);
    expect(spoken).toEqual([
      'Ticket A 0 0 1, please go to counter 3',
      'Ticket B 0 0 1, please go to counter 4',
    ]);
  });

  it("does not read the first snapshot; reads a resync's calls only if fresh at the snapshot's time", async () => {
    const { feed, spoken, results } = setup();
    const first = fakeSnapshot({ at: T0, recentCalls: [fakeCall('Z001', 1, { calledAt: T0 - 1000 })] });
    feed.onSnapshot(first, false);
    // After an outage: the PC's clock is off by an hour; only the server's times count.
    vi.setSystemTime(T0 + 3_600_000);
    const at = T0 + 300_000;
    const resync = fakeSnapshot({
      at,
      version: 9,
      recentCalls: [
        fakeCall('C001', 2, { calledAt: at - 5_000 }),
        fakeCall('C002', 2, { calledAt: at - 120_000 }),
        fakeCall('Z001', 1, { calledAt: T0 - 1000 }),
      ],
    });
    feed.onSnapshot(resync, true);
    await vi.runAllTimersAsync();
    expect(results.sort()).toEqual(['C001:queued', 'C002:stale']);
    expect(spoken).toEqual(['Ticket C 0 0 1, please go to counter 2']);
  });
});
