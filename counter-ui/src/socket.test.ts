// @vitest-environment happy-dom
import { FakeServer, wire } from '@guichet/server/kit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, notice, saveSession, session, setLocale, snapshot, synced } from './store';

/** The kit's stream is tested in the kit; this is how the console wires it to its store. */
const server = new FakeServer(wire.snapshot({ version: 10 }));
vi.mock('socket.io-client', () => ({ io: () => server.socket({ token: 'tok' }) }));
const { connectBranch } = await import('./socket');

beforeEach(() => {
  server.sockets.length = 0;
  server.tokens = null;
  saveSession({ token: 'tok', user: wire.user() });
  snapshot.value = null;
  synced.value = false;
  connection.value = 'connecting';
});
afterEach(() => saveSession(null));

describe('console branch stream', () => {
  it('puts the snapshot and each delta in the store, and blocks commands while offline', async () => {
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(synced.value).toBe(true));
    expect(connection.value).toBe('online');
    server.push({ counters: [wire.counter(1)] });
    expect(snapshot.value?.version).toBe(11);
    server.lastSocket.drop();
    expect(connection.value).toBe('offline');
    expect(synced.value).toBe(false);
    stream.close();
  });

  it('an expired session (handshake refused UNAUTHENTICATED) returns to sign-in', async () => {
    server.tokens = new Set();
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(session.value).toBeNull());
    expect(sessionStorage.getItem('guichet.counter.session')).toBeNull();
    expect(connection.value).toBe('connecting');
    stream.close();
  });

  it('a device problem the console does not know reads as a generic one in the clerk language', async () => {
    setLocale('zh-CN');
    const stream = connectBranch('tok', 'demo-hall');
    await vi.waitFor(() => expect(synced.value).toBe(true));
    const status = { deviceId: 'kiosk-1', kind: 'printer', branchId: 'demo-hall', online: false, at: 0 };
    server.lastSocket.fire('device:status', { ...status, problem: 'head_overheat' });
    expect(notice.value?.text).toBe('设备需要处理：kiosk-1（设备故障，请查看设备）');
    server.lastSocket.fire('device:status', { ...status, problem: 'paper_out' });
    expect(notice.value?.text).toBe('设备需要处理：kiosk-1（缺纸）');
    stream.close();
  });
});
