// @vitest-environment happy-dom
import type { BranchDelta } from '@guichet/server/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connection, notice, saveSession, session, setLocale, snapshot, synced } from './store';
import { counterView, snapshotWith } from './testing/fixtures';

/** A stand-in for socket.io's client socket: tests drive its events and answer its emits. */
class FakeSocket {
  connected = false;
  active = true;
  handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  emits: { name: string; req: unknown; ack: (r: unknown) => void }[] = [];
  connect = vi.fn(() => {
    this.active = true;
  });
  disconnect = vi.fn(() => {
    this.connected = false;
    this.active = false;
  });
  on(name: string, fn: (...a: unknown[]) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  emit(name: string, req: unknown, ack: (r: unknown) => void) {
    this.emits.push({ name, req, ack });
  }
  fire(name: string, ...args: unknown[]) {
    if (name === 'connect') this.connected = true;
    for (const fn of this.handlers.get(name) ?? []) fn(...args);
  }
}
let sockets: FakeSocket[] = [];
vi.mock('socket.io-client', () => ({
  io: () => {
    const s = new FakeSocket();
    sockets.push(s);
    return s;
  },
}));
const { connectBranch, MAX_BUFFERED } = await import('./socket');

const user = {
  id: 'u-clerk1',
  username: 'clerk1',
  displayName: '王丽',
  role: 'clerk' as const,
  staffNumber: '1001',
  branchId: 'demo-hall',
};
const snap = () => ({ ...snapshotWith(counterView(), []), version: 10 });
const delta = (version: number): BranchDelta => ({ branchId: 'demo-hall', epoch: snap().epoch, version });

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
  saveSession({ token: 'tok', user });
  snapshot.value = null;
  synced.value = false;
  connection.value = 'connecting';
});
afterEach(() => {
  vi.useRealTimers();
  saveSession(null);
});

describe('branch stream', () => {
  it('an expired session (handshake refused UNAUTHENTICATED) returns to sign-in', () => {
    const stream = connectBranch('tok', 'demo-hall');
    const s = sockets[0]!;
    s.active = false;
    s.fire('connect_error', new Error('UNAUTHENTICATED'));
    expect(session.value).toBeNull();
    expect(sessionStorage.getItem('guichet.counter.session')).toBeNull();
    expect(connection.value).not.toBe('offline');
    vi.advanceTimersByTime(120_000);
    expect(s.connect).not.toHaveBeenCalled();
    stream.close();
  });

  it('a subscribe refused FORBIDDEN or UNAUTHENTICATED signs out and resets the live data', () => {
    for (const code of ['FORBIDDEN', 'UNAUTHENTICATED']) {
      saveSession({ token: 'tok', user });
      snapshot.value = snap();
      connectBranch('tok', 'demo-hall');
      const s = sockets.at(-1)!;
      s.fire('connect');
      s.emits[0]!.ack({ ok: false, error: { code, message: 'no' } });
      expect(session.value).toBeNull();
      expect(snapshot.value).toBeNull();
      expect(s.disconnect).toHaveBeenCalled();
    }
  });

  it('another refused subscribe is asked again after a pause', () => {
    const stream = connectBranch('tok', 'demo-hall');
    const s = sockets[0]!;
    s.fire('connect');
    s.emits[0]!.ack({ ok: false, error: { code: 'TOO_MANY_REQUESTS', message: 'slow down' } });
    expect(session.value).not.toBeNull();
    vi.advanceTimersByTime(5000);
    expect(s.emits).toHaveLength(2);
    stream.close();
  });

  it('when socket.io stopped retrying it reconnects with a growing pause; close stops the timer', () => {
    const stream = connectBranch('tok', 'demo-hall');
    const s = sockets[0]!;
    s.active = false;
    s.fire('connect_error', new Error('xhr poll error'));
    expect(connection.value).toBe('offline');
    expect(session.value).not.toBeNull();
    vi.advanceTimersByTime(1000);
    expect(s.connect).toHaveBeenCalledTimes(1);
    s.active = false;
    s.fire('connect_error', new Error('websocket error'));
    vi.advanceTimersByTime(1000);
    expect(s.connect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(s.connect).toHaveBeenCalledTimes(2);
    // While socket.io is still retrying by itself, nothing is added.
    s.fire('connect_error', new Error('websocket error'));
    s.active = true;
    s.fire('disconnect', 'io server disconnect');
    stream.close();
    vi.advanceTimersByTime(120_000);
    expect(s.connect).toHaveBeenCalledTimes(2);
  });

  it('a flood of deltas while the snapshot travels is not kept: past the cap it subscribes again', () => {
    const stream = connectBranch('tok', 'demo-hall');
    const s = sockets[0]!;
    s.fire('connect');
    for (let v = 11; v <= 11 + MAX_BUFFERED + 5; v++) s.fire('ticket:updated', delta(v));
    s.emits[0]!.ack({ ok: true, data: snap() });
    expect(synced.value).toBe(false);
    expect(s.emits).toHaveLength(2);
    s.emits[1]!.ack({ ok: true, data: { ...snap(), version: 600 } });
    expect(synced.value).toBe(true);
    expect(snapshot.value?.version).toBe(600);
    stream.close();
  });

  it('deltas buffered below the cap are applied after the snapshot', () => {
    const stream = connectBranch('tok', 'demo-hall');
    const s = sockets[0]!;
    s.fire('connect');
    s.fire('ticket:updated', delta(11));
    s.fire('ticket:updated', delta(12));
    s.emits[0]!.ack({ ok: true, data: snap() });
    expect(synced.value).toBe(true);
    expect(snapshot.value?.version).toBe(12);
    stream.close();
  });

  it('a device problem the console does not know reads as a generic one in the clerk language', () => {
    setLocale('zh-CN');
    const stream = connectBranch('tok', 'demo-hall');
    const s = sockets[0]!;
    const status = { deviceId: 'kiosk-1', kind: 'printer', branchId: 'demo-hall', online: false, at: 0 };
    s.fire('device:status', { ...status, problem: 'head_overheat' });
    expect(notice.value?.text).toBe('设备需要处理：kiosk-1（设备故障，请查看设备）');
    s.fire('device:status', { ...status, problem: 'paper_out' });
    expect(notice.value?.text).toBe('设备需要处理：kiosk-1（缺纸）');
    stream.close();
  });
});
