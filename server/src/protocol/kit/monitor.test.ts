import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertView, MonitorSnapshot } from '../monitor.js';
import { MonitorStream } from './monitor.js';
import { Backoff } from './socket.js';
import type { StreamStatus } from './stream.js';
import { FakeServer } from './testing/index.js';

const figures = (waiting: number): MonitorSnapshot => ({
  branchId: 'demo-hall',
  at: 1000,
  services: [
    {
      serviceId: 'svc-a',
      name: { 'zh-CN': '社保', en: 'Social' },
      waiting,
      longestWaitSeconds: 60,
      targetWaitMinutes: 20,
      openCounters: 1,
    },
  ],
  counters: [],
  alerts: [],
});
const alert = (over: Partial<AlertView> = {}) =>
  ({
    id: 'al-1',
    branchId: 'demo-hall',
    kind: 'wait_over_target',
    level: 'warning',
    raisedAt: 1,
    updatedAt: 1,
    clearedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...over,
  }) as AlertView;

let server: FakeServer;
let stream: MonitorStream;
let seen: string[];
let status: StreamStatus;

function start(ackTimeoutMs?: number) {
  stream = new MonitorStream(
    {
      token: 'tok',
      branchId: 'demo-hall',
      socket: server.socket,
      backoff: new Backoff(1000, 30_000, 0),
      ackTimeoutMs,
    },
    {
      onSnapshot: (s) => seen.push(`figures:${s.services[0]?.waiting}`),
      onAlert: (a) => seen.push(`alert:${a.id}:${a.acknowledgedBy ?? '-'}`),
      onStatus: (s) => {
        status = s;
      },
      onRejected: (code) => seen.push(`rejected:${code}`),
    },
  ).start();
  return server.lastSocket;
}

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeServer();
  server.autoConnect = false;
  server.monitor = figures(3);
  seen = [];
  status = { connected: false, synced: false };
});
afterEach(() => {
  stream.stop();
  vi.useRealTimers();
});

describe('MonitorStream', () => {
  it('subscribes on connect, then takes updates and alerts of its branch only', () => {
    const socket = start();
    socket.handshake();
    expect(status).toEqual({ connected: true, synced: true });
    server.pushMonitor({ services: figures(5).services });
    server.alert('alert:raised', alert());
    server.alert('alert:updated', alert({ acknowledgedBy: 'manager' }));
    socket.fire('alert:raised', alert({ id: 'other', branchId: 'elsewhere' }));
    expect(seen).toEqual(['figures:3', 'figures:5', 'alert:al-1:-', 'alert:al-1:manager']);
  });

  it('says a lost connection and subscribes again after the reconnect', () => {
    const socket = start();
    socket.handshake();
    socket.drop();
    expect(status).toEqual({ connected: false, synced: false });
    server.monitor = figures(7);
    socket.handshake();
    expect(server.monitorSubscribes).toBe(2);
    expect(status.synced).toBe(true);
    expect(seen.at(-1)).toBe('figures:7');
  });

  it('asks again when the subscribe goes unanswered', () => {
    server.subscribeMode = 'hold';
    const socket = start(2000);
    socket.handshake();
    expect(server.monitorSubscribes).toBe(1);
    expect(status.synced).toBe(false);
    server.subscribeMode = 'answer';
    vi.advanceTimersByTime(2000);
    expect(server.monitorSubscribes).toBe(2);
    expect(status.synced).toBe(true);
  });

  it('stops for good when the server refuses the monitor', () => {
    server.monitor = null;
    start().handshake();
    expect(seen).toEqual(['rejected:FORBIDDEN']);
    expect(status.connected).toBe(false);
  });
});
