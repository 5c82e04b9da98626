import { describe, expect, it } from 'vitest';
import type { Leg } from './legs.js';
import { callOrderByClerk, outOfOrderCalls } from './out-of-order.js';

const leg = (
  ticketId: string,
  serviceId: string,
  startedAt: number,
  calledAt: number | null,
  over: Partial<Leg> = {},
): Leg => ({
  ticketId,
  index: 0,
  origin: 'issue',
  serviceId,
  counterId: calledAt === null ? null : 'c1',
  clerkId: calledAt === null ? null : 'u1',
  startedAt,
  calledAt,
  serviceStartAt: null,
  endedAt: calledAt,
  end: calledAt === null ? 'open' : 'served',
  callRule: calledAt === null ? null : 'level_fifo',
  waitSeconds: null,
  walkSeconds: null,
  handleSeconds: null,
  staySeconds: null,
  parkedSeconds: 0,
  ...over,
});
const profiles = new Map([['c1', new Set(['A', 'B'])]]);

describe('outOfOrderCalls', () => {
  it('flags a call past an older ticket the counter could serve, with the rule and the oldest wait', () => {
    const legs = [leg('b1', 'B', 0, null), leg('b2', 'B', 60_000, null), leg('a1', 'A', 120_000, 300_000)];
    const [call, ...rest] = outOfOrderCalls(legs, profiles);
    expect(rest).toEqual([]);
    expect(call).toMatchObject({
      ticketId: 'a1',
      rule: 'level_fifo',
      olderWaiting: 2,
      oldestTicketId: 'b1',
      oldestWaitedSeconds: 300,
    });
    expect(callOrderByClerk(legs, [call!])).toEqual([
      { clerkId: 'u1', calls: 1, outOfOrder: 1, byRule: { level_fifo: 1 } },
    ]);
  });

  it('ignores older tickets of services the counter does not serve, and those issued at the instant of the call', () => {
    const legs = [leg('c1', 'C', 0, null), leg('b1', 'B', 300_000, null), leg('a1', 'A', 120_000, 300_000)];
    expect(outOfOrderCalls(legs, profiles)).toEqual([]);
  });

  it('does not flag calls in arrival order', () => {
    const legs = [leg('a1', 'A', 0, 100_000), leg('b1', 'B', 50_000, 200_000)];
    expect(outOfOrderCalls(legs, profiles)).toEqual([]);
  });
});
