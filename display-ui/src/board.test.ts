import type { BranchSnapshot, TicketView } from '@guichet/server/protocol';
import { describe, expect, it, vi } from 'vitest';
import { BoardState, HIGHLIGHT_MS, KEPT_CALLS } from './board.js';
import { resolveConfig } from './config.js';
import { fakeCall, fakeSnapshot, fakeTicket } from './testing/fake-hall.js';

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

describe('BoardState is never stale', () => {
  const ticket = fakeTicket;
  const a1 = fakeCall('A001', 2, { calledAt: 1000 });
  const a2 = fakeCall('A002', 3, { calledAt: 2000 });
  const a3 = fakeCall('A003', 4, { calledAt: 3000 });

  function boardWith() {
    const board = new BoardState(resolveConfig({}), () => 0);
    const s = fakeSnapshot({ recentCalls: [a3, a2, a1], tickets: [a1, a2, a3].map((c) => ticket(c, {})) });
    board.setSnapshot(s, true);
    const withdrawn: string[] = [];
    board.onWithdraw = (calls) => withdrawn.push(...calls.map((c) => c.code));
    return { board, s, withdrawn };
  }
  const codes = (board: BoardState) => board.calls.value.map((c) => c.code);
  const withTicket = (s: BranchSnapshot, t: TicketView) => ({
    ...s,
    tickets: s.tickets.map((x) => (x.id === t.id ? t : x)),
  });

  it('takes the latest call off at once when it is marked a no-show', () => {
    const { board, s, withdrawn } = boardWith();
    board.setApplied(withTicket(s, ticket(a3, { status: 'no_show', outcome: 'no_show' })), undefined);
    expect(codes(board)).toEqual(['A002', 'A001']);
    expect(withdrawn).toEqual(['A003']);
  });

  it('takes a recent call off when its ticket is transferred, parked or reinstated', () => {
    const { board, s } = boardWith();
    const moved = ticket(a2, { status: 'waiting', counterId: null, calledAt: null, serviceId: 'svc-b' });
    const next = withTicket(s, moved);
    board.setApplied(next, undefined);
    expect(codes(board)).toEqual(['A003', 'A001']);
    board.setApplied(withTicket(next, ticket(a1, { status: 'parked' })), undefined);
    expect(codes(board)).toEqual(['A003']);
  });

  it('keeps a served call (the ticket left the live list) and a call being served', () => {
    const { board, s } = boardWith();
    const next = { ...s, tickets: [ticket(a2, { status: 'serving' }), ticket(a3, {})] };
    board.setApplied(next, undefined);
    expect(codes(board)).toEqual(['A003', 'A002', 'A001']);
  });

  it('does not bring a withdrawn call back from a resync snapshot, but shows its next call', () => {
    const { board, s } = boardWith();
    const parked = withTicket(s, ticket(a3, { status: 'parked' }));
    board.setApplied(parked, undefined);
    // Parked, then cancelled: it left the live list, the server's recentCalls still hold its call.
    const resync = { ...parked, tickets: parked.tickets.filter((t) => t.id !== a3.ticketId) };
    expect(board.setSnapshot(resync)).toEqual([]);
    expect(codes(board)).toEqual(['A002', 'A001']);
    // Called back later at counter 5: a new call, shown and announced.
    const back = fakeCall('A003', 5, { calledAt: 9000 });
    const again = withTicket(s, ticket(back, {}));
    expect(board.setApplied(again, back)).toEqual([back]);
    expect(codes(board)).toEqual(['A003', 'A002', 'A001']);
  });

  it('does not add a call whose ticket already moved on in the same snapshot', () => {
    const board = new BoardState(resolveConfig({}), () => 0);
    const s = fakeSnapshot({ recentCalls: [a1], tickets: [ticket(a1, { status: 'no_show' })] });
    expect(board.setSnapshot(s)).toEqual([]);
    expect(board.calls.value).toEqual([]);
  });
});
