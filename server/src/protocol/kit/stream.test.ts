import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BranchSnapshot } from '../views.js';
import { Backoff } from './socket.js';
import { BranchStream, MAX_BUFFERED, type StreamStatus } from './stream.js';
import { FakeServer, wire } from './testing/index.js';

let server: FakeServer;
let stream: BranchStream;
let events: string[];
let status: StreamStatus;
let held: BranchSnapshot | null;

function start(token = 'tok', options: { ackTimeoutMs?: number } = {}) {
  stream = new BranchStream(
    {
      token,
      branchId: 'demo-hall',
      socket: server.socket,
      backoff: new Backoff(1000, 30_000, 0),
      ...options,
    },
    {
      onSnapshot: (s, resync) => {
        held = s;
        events.push(`snapshot:${resync ? 'resync' : 'first'}:v${s.version}`);
      },
      onDelta: (next, d) => {
        held = next;
        events.push(`delta:v${d.version}`);
      },
      onStatus: (s) => {
        status = s;
      },
      onRejected: (code) => events.push(`rejected:${code}`),
    },
  ).start();
  return server.lastSocket;
}

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeServer(wire.snapshot({ version: 10, services: [wire.service('A')] }));
  server.autoConnect = false;
  events = [];
  held = null;
  status = { connected: false, synced: false };
});
afterEach(() => {
  stream.stop();
  vi.useRealTimers();
});

describe('BranchStream', () => {
  it('subscribes on connect, applies the next version and ignores a stale one', () => {
    const socket = start();
    expect(status.synced).toBe(false);
    socket.handshake();
    expect(status).toEqual({ connected: true, synced: true });
    const a = wire.service('A', { waiting: 9 });
    server.push({ services: [a] });
    socket.fire('ticket:updated', {
      epoch: 'e1',
      version: 11,
      branchId: 'demo-hall',
      services: [{ ...a, waiting: 1 }],
    });
    expect(held?.services[0]?.waiting).toBe(9);
    expect(events).toEqual(['snapshot:first:v10', 'delta:v11']);
    expect(server.subscribes).toBe(1);
  });

  it('subscribes again on a gap and on a new epoch, and gets what the gap missed', () => {
    const socket = start();
    socket.handshake();
    server.mutateSilently((s) => {
      s.recentCalls = [wire.call('B009', 4)];
    });
    server.call(wire.call('A003', 1));
    expect(server.subscribes).toBe(2);
    expect(held?.recentCalls.map((c) => c.code)).toEqual(['A003', 'B009']);
    socket.fire('ticket:issued', { epoch: 'other', version: 13, branchId: 'demo-hall' });
    expect(server.subscribes).toBe(3);
    expect(events.at(-1)).toBe('snapshot:resync:v12');
  });

  it('goes offline on a drop, subscribes afresh on reconnect, and reconnects itself after a server close', () => {
    const socket = start();
    socket.handshake();
    socket.drop();
    expect(status).toEqual({ connected: false, synced: false });
    socket.handshake();
    expect(server.subscribes).toBe(2);
    server.dropClients();
    expect(socket.connected).toBe(false);
    vi.advanceTimersByTime(999);
    expect(socket.connected).toBe(false);
    vi.advanceTimersByTime(1);
    expect(status.synced).toBe(true);
    expect(server.subscribes).toBe(3);
  });

  it('holds the deltas that arrive while a snapshot travels and replays them after it', () => {
    server.subscribeMode = 'hold';
    const socket = start();
    socket.handshake();
    server.subscribed = () => [socket];
    server.push({});
    server.push({});
    server.heldSubscribes[0]?.({ ok: true, data: wire.snapshot({ version: 10 }) });
    expect(held?.version).toBe(12);
    expect(status.synced).toBe(true);
  });

  it('past the buffer cap it drops what it held and asks for another snapshot', () => {
    server.subscribeMode = 'hold';
    const socket = start();
    socket.handshake();
    for (let v = 11; v <= 11 + MAX_BUFFERED + 5; v++) {
      socket.fire('ticket:updated', { epoch: 'e1', version: v, branchId: 'demo-hall' });
    }
    server.heldSubscribes[0]?.({ ok: true, data: wire.snapshot({ version: 10 }) });
    expect(status.synced).toBe(false);
    expect(server.heldSubscribes).toHaveLength(2);
    server.heldSubscribes[1]?.({ ok: true, data: wire.snapshot({ version: 600 }) });
    expect(status.synced).toBe(true);
    expect(held?.version).toBe(600);
  });

  it('asks again when a subscribe goes unanswered past the ack timeout, and ignores the late answer', () => {
    server.subscribeMode = 'hold';
    const socket = start('tok', { ackTimeoutMs: 5000 });
    socket.handshake();
    vi.advanceTimersByTime(5000);
    expect(server.heldSubscribes).toHaveLength(2);
    server.heldSubscribes[0]?.({ ok: true, data: wire.snapshot({ version: 3 }) });
    expect(held).toBeNull();
    server.heldSubscribes[1]?.({ ok: true, data: wire.snapshot({ version: 4 }) });
    expect(held?.version).toBe(4);
  });

  it('a refused handshake or a FORBIDDEN subscribe stops the stream and says so, with no retry', () => {
    server.tokens = new Set(['good']);
    const refused = start('revoked');
    refused.handshake();
    expect(events).toEqual(['rejected:UNAUTHENTICATED']);
    vi.advanceTimersByTime(120_000);
    expect(server.sockets).toHaveLength(1);
    expect(refused.connected).toBe(false);

    events = [];
    server.tokens = null;
    server.refuseSubscribe = { code: 'FORBIDDEN', message: 'not this branch' };
    const socket = start('other');
    socket.handshake();
    expect(events).toEqual(['rejected:FORBIDDEN']);
    expect(socket.connected).toBe(false);
  });

  it('another refusal is asked again after a growing pause; stop() ends the retries', () => {
    server.refuseSubscribe = { code: 'TOO_MANY_REQUESTS', message: 'slow down' };
    const socket = start();
    socket.handshake();
    vi.advanceTimersByTime(1000);
    expect(server.subscribes).toBe(2);
    vi.advanceTimersByTime(1999);
    expect(server.subscribes).toBe(2);
    vi.advanceTimersByTime(1);
    expect(server.subscribes).toBe(3);
    stream.stop();
    vi.advanceTimersByTime(120_000);
    expect(server.subscribes).toBe(3);
  });

  it('when socket.io stops retrying a failed connection, it reconnects with a doubling pause', () => {
    const socket = start();
    const connect = vi.spyOn(socket, 'connect').mockImplementation(() => socket);
    socket.failToConnect('xhr poll error', false);
    vi.advanceTimersByTime(1000);
    expect(connect).toHaveBeenCalledTimes(1);
    // While socket.io still retries by itself, nothing is added.
    socket.failToConnect('websocket error', true);
    socket.failToConnect('websocket error', false);
    vi.advanceTimersByTime(1000);
    expect(connect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(connect).toHaveBeenCalledTimes(2);
  });
});

describe('Backoff', () => {
  it('doubles up to its ceiling, each pause jittered within ±jitter', () => {
    const b = new Backoff(1000, 8000, 0.5, () => 1);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([1500, 3000, 6000, 12000, 12000]);
    const low = new Backoff(1000, 8000, 0.5, () => 0);
    expect(low.next()).toBe(500);
  });
});
