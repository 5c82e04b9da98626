import { describe, expect, it, vi } from 'vitest';
import { BoardState, HIGHLIGHT_MS, KEPT_CALLS } from './board.js';
import { resolveConfig } from './config.js';
import { fakeCall, fakeSnapshot } from './testing/fake-hall.js';

describe('BoardState', () => {
  it('keeps each ticket once, newest first, a recall moving it to the top', () => {
    const board = new BoardState(resolveConfig({}));
    const s = fakeSnapshot({
      recentCalls: [fakeCall('A002', 2, { calledAt: 2000 }), fakeCall('A001', 1, { calledAt: 1000 })],
    });
    expect(board.setSnapshot(s).map((c) => c.code)).toEqual(['A001', 'A002']);
    const recall = fakeCall('A001', 1, { calledAt: 3000, callCount: 2 });
    expect(board.setApplied(s, recall)).toEqual([recall]);
    expect(board.calls.value.map((c) => `${c.code}#${c.callCount}`)).toEqual(['A001#2', 'A002#1']);
    // The same call again (a resync snapshot) adds nothing.
    expect(board.setSnapshot({ ...s, recentCalls: [recall] })).toEqual([]);
  });

  it('puts the last of several calls made in the same millisecond on top', () => {
    const board = new BoardState(resolveConfig({}));
    const s = fakeSnapshot();
    board.setSnapshot(s);
    board.setApplied(s, fakeCall('A001', 1, { calledAt: 5000 }));
    board.setApplied(s, fakeCall('A002', 2, { calledAt: 5000 }));
    board.setApplied(s, fakeCall('A003', 3, { calledAt: 5000 }));
    expect(board.calls.value.map((c) => c.code)).toEqual(['A003', 'A002', 'A001']);
  });

  it('never holds more than KEPT_CALLS calls', () => {
    const board = new BoardState(resolveConfig({}));
    const s = fakeSnapshot();
    board.setSnapshot(s);
    for (let i = 0; i < 500; i++) board.setApplied(s, fakeCall(`A${i}`, 1, { calledAt: 1000 + i }));
    expect(board.calls.value).toHaveLength(KEPT_CALLS);
    expect(board.calls.value[0]?.code).toBe('A499');
  });

  it('shows only the configured services and counters', () => {
    const board = new BoardState(resolveConfig({ services: ['A', 'svc-b'] }));
    const s = fakeSnapshot();
    board.setSnapshot(s);
    board.setApplied(s, fakeCall('A001', 1));
    board.setApplied(s, fakeCall('B001', 2));
    board.setApplied(s, fakeCall('D001', 3));
    expect(board.calls.value.map((c) => c.code).sort()).toEqual(['A001', 'B001']);
  });

  it('highlights a new latest call, not the first snapshot', () => {
    let mono = 1000;
    const board = new BoardState(resolveConfig({}), () => mono);
    const s = fakeSnapshot({ at: Date.now() + 60_000, recentCalls: [fakeCall('Z001', 1, { calledAt: 1 })] });
    board.setSnapshot(s, true);
    // The first snapshot is history: shown, not highlighted.
    expect(board.calls.value).toHaveLength(1);
    expect(board.highlighted(mono)).toBe(false);
    board.setApplied(s, fakeCall('A001', 1));
    expect(board.highlighted(mono)).toBe(true);
    mono += HIGHLIGHT_MS + 1;
    expect(board.highlighted(mono)).toBe(false);
  });

  it('times the highlight on the monotonic clock: a wall-clock correction neither freezes nor cuts it', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(Date.UTC(2026, 10, 26, 2, 0, 0));
      let mono = 50_000;
      const board = new BoardState(resolveConfig({}), () => mono);
      const s = fakeSnapshot();
      board.setSnapshot(s, true);
      board.setApplied(s, fakeCall('A001', 1));
      expect(board.highlightUntil.value).toBe(mono + HIGHLIGHT_MS);
      // NTP sets the PC's clock back an hour: the highlight still ends after HIGHLIGHT_MS.
      vi.setSystemTime(Date.now() - 3_600_000);
      mono += HIGHLIGHT_MS + 1;
      expect(board.highlighted(mono)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
