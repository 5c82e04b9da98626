import { Backoff } from '@guichet/server/kit';
import { FakeServer } from '@guichet/server/kit/testing';
import type { BranchDelta, BranchSnapshot } from '@guichet/server/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectBranch, type ManagerStream } from './api';
import { hall, ticket } from './testing/fixtures';

/** The kit's stream is tested in the kit; this is how the manager area wires it to its handlers. */
let server: FakeServer;
let stream: ManagerStream;

function open(token = 'tok') {
  const seen: { snaps: BranchSnapshot[]; synced: boolean[]; signedOut: number } = {
    snaps: [],
    synced: [],
    signedOut: 0,
  };
  stream = connectBranch(
    token,
    'demo-hall',
    {
      onSnapshot: (s) => seen.snaps.push(s),
      onSynced: (v) => seen.synced.push(v),
      onConnection: () => {},
      onSignedOut: () => seen.signedOut++,
    },
    { socket: server.socket, backoff: new Backoff(1000, 30_000, 0) },
  );
  return { seen, socket: server.lastSocket };
}
const delta = (version: number, over: Partial<BranchDelta> = {}): BranchDelta => ({
  epoch: 'e1',
  version,
  branchId: 'demo-hall',
  ...over,
});

beforeEach(() => {
  server = new FakeServer(hall());
  server.autoConnect = false;
});
afterEach(() => {
  stream.close();
  vi.useRealTimers();
});

describe('manager branch stream', () => {
  it('subscribes on connect, applies the next versions and buffers deltas that beat the snapshot', () => {
    server.subscribeMode = 'hold';
    const { seen, socket } = open();
    socket.handshake();
    expect(socket.emitted[0]).toEqual({ event: 'branch:subscribe', payload: { branchId: 'demo-hall' } });
    // v11 arrives before the snapshot (v10) answers: kept and applied after it.
    socket.fire('ticket:issued', delta(11, { tickets: [ticket('A001')] }));
    server.heldSubscribes[0]?.({ ok: true, data: hall() });
    expect(seen.synced.at(-1)).toBe(true);
    expect(seen.snaps.at(-1)?.version).toBe(11);
    expect(seen.snaps.at(-1)?.tickets.map((t) => t.code)).toEqual(['A001']);
    // An old version is ignored; another branch's delta too.
    socket.fire('ticket:updated', delta(11));
    socket.fire('ticket:updated', { ...delta(12), branchId: 'other' });
    expect(seen.snaps).toHaveLength(2);
  });

  it('a gap asks for a fresh snapshot and holds the screens until it is in', () => {
    server.subscribeMode = 'hold';
    const { seen, socket } = open();
    socket.handshake();
    server.heldSubscribes[0]?.({ ok: true, data: hall() });
    socket.fire('counter:updated', delta(13));
    expect(seen.synced.at(-1)).toBe(false);
    expect(server.subscribes).toBe(2);
    server.heldSubscribes[1]?.({ ok: true, data: hall({ version: 13 }) });
    expect(seen.synced.at(-1)).toBe(true);
  });

  it('a refused session ends it instead of reconnecting for ever', () => {
    server.tokens = new Set(['another']);
    const { seen, socket } = open('revoked');
    const disconnect = vi.spyOn(socket, 'disconnect');
    socket.handshake();
    expect(seen.signedOut).toBe(1);
    expect(disconnect).toHaveBeenCalled();
  });

  it('a server that drops the socket is reconnected after a pause that grows', () => {
    vi.useFakeTimers();
    const { socket } = open();
    socket.handshake();
    // The reconnection attempts do not get through: each pause doubles.
    const connect = vi.spyOn(socket, 'connect').mockImplementation(() => socket);
    socket.drop('io server disconnect');
    vi.advanceTimersByTime(999);
    expect(connect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(connect).toHaveBeenCalledTimes(1);
    socket.drop('io server disconnect');
    vi.advanceTimersByTime(1999);
    expect(connect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(connect).toHaveBeenCalledTimes(2);
  });
});
