import type { BranchDelta } from '@guichet/server/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBranchStream, startTrackStream } from './socket';
import { kiosk, phone, resetStores } from './store';
import { FakeSocket } from './test/fakeSocket';
import { publicView, snapshot } from './test/fixtures';

beforeEach(() => resetStores());
afterEach(() => vi.useRealTimers());

function delta(version: number, over: Partial<BranchDelta> = {}): BranchDelta {
  return { epoch: 'e1', version, branchId: 'demo-hall', ...over };
}

function branchServer(versionAtSubscribe: () => number) {
  const fake = new FakeSocket();
  fake.onEmit = (event, payload, ack) => {
    if (event === 'branch:subscribe') {
      expect(payload).toEqual({ branchId: 'demo-hall' });
      ack({ ok: true, data: snapshot({ version: versionAtSubscribe() }) });
    }
  };
  return fake;
}

describe('branch stream', () => {
  it('subscribes on connect, applies the next version and ignores stale ones', () => {
    const fake = branchServer(() => 1);
    const stop = startBranchStream('tok', 'demo-hall', () => fake.asSocket());
    expect(kiosk.live.value).toBe(false);
    fake.serverConnects();
    expect(fake.count('branch:subscribe')).toBe(1);
    expect(kiosk.live.value).toBe(true);
    const s = snapshot().services[0]!;
    fake.push('service:updated', delta(2, { services: [{ ...s, waiting: 9 }] }));
    expect(kiosk.snapshot.value?.version).toBe(2);
    expect(kiosk.snapshot.value?.services[0]?.waiting).toBe(9);
    fake.push('service:updated', delta(2, { services: [{ ...s, waiting: 1 }] }));
    expect(kiosk.snapshot.value?.services[0]?.waiting).toBe(9);
    expect(fake.count('branch:subscribe')).toBe(1);
    stop();
  });

  it('subscribes again on a gap and on a new epoch', () => {
    let version = 1;
    const fake = branchServer(() => version);
    startBranchStream('tok', 'demo-hall', () => fake.asSocket());
    fake.serverConnects();
    version = 5;
    fake.push('ticket:issued', delta(4));
    expect(fake.count('branch:subscribe')).toBe(2);
    expect(kiosk.snapshot.value?.version).toBe(5);
    fake.push('ticket:issued', { ...delta(6), epoch: 'e2' });
    expect(fake.count('branch:subscribe')).toBe(3);
  });

  it('goes offline on disconnect and subscribes afresh on every reconnect', () => {
    const fake = branchServer(() => 1);
    startBranchStream('tok', 'demo-hall', () => fake.asSocket());
    fake.serverConnects();
    fake.serverDrops();
    expect(kiosk.connected.value).toBe(false);
    expect(kiosk.live.value).toBe(false);
    fake.serverConnects();
    expect(fake.count('branch:subscribe')).toBe(2);
    expect(kiosk.connected.value).toBe(true);
    expect(kiosk.live.value).toBe(true);
  });

  it('reconnects by itself when the server closed the connection on purpose', () => {
    vi.useFakeTimers();
    const fake = branchServer(() => 1);
    startBranchStream('tok', 'demo-hall', () => fake.asSocket());
    fake.serverConnects();
    fake.serverDrops('io server disconnect');
    vi.advanceTimersByTime(3_100);
    expect(fake.connected).toBe(true);
    expect(fake.count('branch:subscribe')).toBe(2);
  });

  it('holds deltas that arrive while a subscription is in flight until its snapshot', () => {
    const fake = new FakeSocket();
    let answer: ((res: unknown) => void) | null = null;
    fake.onEmit = (_e, _p, ack) => {
      answer = ack;
    };
    startBranchStream('tok', 'demo-hall', () => fake.asSocket());
    fake.serverConnects();
    fake.push('ticket:issued', delta(3));
    expect(fake.count('branch:subscribe')).toBe(1);
    answer!({ ok: true, data: snapshot({ version: 2 }) });
    expect(kiosk.snapshot.value?.version).toBe(3);
  });
});

describe('track stream', () => {
  it('tracks the ticket on every connect and takes its updates', () => {
    const fake = new FakeSocket();
    fake.onEmit = (event, payload, ack) => {
      expect(event).toBe('ticket:track');
      expect(payload).toEqual({ ticketId: 't-1', key: 'k' });
      ack({ ok: true, data: publicView() });
    };
    const missing = vi.fn();
    startTrackStream('t-1', 'k', missing, () => fake.asSocket());
    fake.serverConnects();
    expect(phone.live.value).toBe(true);
    expect(phone.view.value?.ahead).toBe(3);
    fake.push('track:updated', publicView({ ahead: 1 }));
    expect(phone.view.value?.ahead).toBe(1);
    fake.push('track:updated', publicView({ id: 'someone-else', ahead: 0 }));
    expect(phone.view.value?.ahead).toBe(1);
    fake.serverDrops();
    expect(phone.live.value).toBe(false);
    fake.serverConnects();
    expect(fake.count('ticket:track')).toBe(2);
    expect(missing).not.toHaveBeenCalled();
  });

  it('reports an unknown ticket or key', () => {
    const fake = new FakeSocket();
    fake.onEmit = (_e, _p, ack) => ack({ ok: false, error: { code: 'TICKET_NOT_FOUND', message: 'no' } });
    const missing = vi.fn();
    startTrackStream('t-1', 'bad', missing, () => fake.asSocket());
    fake.serverConnects();
    expect(missing).toHaveBeenCalledOnce();
  });
});
