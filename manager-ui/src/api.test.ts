import type { BranchDelta, BranchSnapshot } from '@guichet/server/protocol';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hall, ticket } from './testing/fixtures';

/** Stands in for socket.io's client: the test fires its events and answers its emits. */
class FakeSocket {
  connected = false;
  active = true;
  handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  emits: { req: unknown; ack: (r: unknown) => void }[] = [];
  connect = vi.fn();
  disconnect = vi.fn();
  on(name: string, fn: (...a: unknown[]) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
  }
  removeAllListeners() {
    this.handlers.clear();
  }
  emit(_name: string, req: unknown, ack: (r: unknown) => void) {
    this.emits.push({ req, ack });
  }
  fire(name: string, ...args: unknown[]) {
    if (name === 'connect') this.connected = true;
    for (const fn of this.handlers.get(name) ?? []) fn(...args);
  }
}
let socket: FakeSocket;
vi.mock('socket.io-client', () => ({
  io: () => {
    socket = new FakeSocket();
    return socket;
  },
}));
const { connectBranch } = await import('./api');

function open() {
  const seen: { snaps: BranchSnapshot[]; synced: boolean[]; signedOut: number } = {
    snaps: [],
    synced: [],
    signedOut: 0,
  };
  const stream = connectBranch('tok', 'demo-hall', {
    onSnapshot: (s) => seen.snaps.push(s),
    onSynced: (v) => seen.synced.push(v),
    onConnection: () => {},
    onSignedOut: () => seen.signedOut++,
  });
  return { seen, stream };
}
const delta = (version: number, over: Partial<BranchDelta> = {}): BranchDelta => ({
  epoch: 'e1',
  version,
  branchId: 'demo-hall',
  ...over,
});

beforeEach(() => vi.useRealTimers());

describe('manager branch stream', () => {
  it('subscribes on connect, applies the next versions and buffers deltas that beat the snapshot', () => {
    const { seen } = open();
    socket.fire('connect');
    expect(socket.emits[0]?.req).toEqual({ branchId: 'demo-hall' });
    // v11 arrives before the snapshot (v10) answers: kept and applied after it.
    socket.fire('ticket:issued', delta(11, { tickets: [ticket('A001')] }));
    socket.emits[0]!.ack({ ok: true, data: hall() });
    expect(seen.synced.at(-1)).toBe(true);
    expect(seen.snaps.at(-1)?.version).toBe(11);
    expect(seen.snaps.at(-1)?.tickets.map((t) => t.code)).toEqual(['A001']);
    // An old version is ignored; another branch's delta too.
    socket.fire('ticket:updated', delta(11));
    socket.fire('ticket:updated', { ...delta(12), branchId: 'other' });
    expect(seen.snaps).toHaveLength(2);
  });

  it('a gap asks for a fresh snapshot and holds the screens until it is in', () => {
    const { seen } = open();
    socket.fire('connect');
    socket.emits[0]!.ack({ ok: true, data: hall() });
    socket.fire('counter:updated', delta(13));
    expect(seen.synced.at(-1)).toBe(false);
    expect(socket.emits).toHaveLength(2);
    socket.emits[1]!.ack({ ok: true, data: { ...hall(), version: 13 } });
    expect(seen.synced.at(-1)).toBe(true);
  });

  it('a refused session ends it instead of reconnecting for ever', () => {
    const { seen } = open();
    socket.active = false;
    socket.fire('connect_error', new Error('UNAUTHENTICATED'));
    expect(seen.signedOut).toBe(1);
    expect(socket.disconnect).toHaveBeenCalled();
  });

  it('a server that drops the socket is reconnected after a pause that grows', () => {
    vi.useFakeTimers();
    open();
    socket.fire('connect');
    socket.fire('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(999);
    expect(socket.connect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(socket.connect).toHaveBeenCalledTimes(1);
    socket.fire('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(1999);
    expect(socket.connect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(socket.connect).toHaveBeenCalledTimes(2);
  });
});
