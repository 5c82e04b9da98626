import type { BranchSnapshot } from '@guichet/server/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FakeHall, startFakeHall } from '../../../test/e2e/display-fake-hall.js';
import { fakeCall, fakeSnapshot } from '../testing/fake-hall.js';
import { BranchStream, type StreamHandlers } from './stream.js';

let hall: FakeHall | null = null;
let stream: BranchStream | null = null;
afterEach(async () => {
  stream?.stop();
  await hall?.close();
  hall = null;
  stream = null;
});

function recorder() {
  const events: string[] = [];
  let held: BranchSnapshot | null = null;
  const h: StreamHandlers = {
    onSnapshot: (s, resync) => {
      held = s;
      events.push(`snapshot:${resync ? 'resync' : 'first'}:v${s.version}`);
    },
    onDelta: (next, d) => {
      held = next;
      events.push(`delta:v${d.version}${d.call ? `:${d.call.code}` : ''}`);
    },
    onConnection: (online) => events.push(online ? 'online' : 'offline'),
    onRejected: () => events.push('rejected'),
  };
  return { events, h, held: () => held };
}

async function start(token = 'display-1') {
  hall = await startFakeHall(fakeSnapshot(), { 'display-1': { config: {} } });
  const r = recorder();
  stream = new BranchStream(hall.url, token, 'demo-hall', r.h);
  stream.start();
  return r;
}

describe('BranchStream', () => {
  it('subscribes on connect and applies deltas in version order', async () => {
    const r = await start();
    await vi.waitFor(() => expect(r.events).toContain('online'));
    hall!.call(fakeCall('A001', 1));
    hall!.call(fakeCall('A002', 2));
    await vi.waitFor(() => expect(r.events).toContain('delta:v3:A002'));
    expect(r.events).toEqual(['snapshot:first:v1', 'online', 'delta:v2:A001', 'delta:v3:A002']);
    expect(r.held()?.recentCalls.map((c) => c.code)).toEqual(['A002', 'A001']);
  });

  it('takes a fresh snapshot when a version is missing, and gets the calls made in the gap', async () => {
    const r = await start();
    await vi.waitFor(() => expect(r.events).toContain('online'));
    hall!.mutateSilently((s) => {
      s.recentCalls = [fakeCall('B009', 4), ...s.recentCalls];
    });
    hall!.call(fakeCall('A003', 1));
    await vi.waitFor(() => expect(r.events.some((e) => e.startsWith('snapshot:resync'))).toBe(true));
    expect(hall!.subscribes).toBe(2);
    expect(r.held()?.recentCalls.map((c) => c.code)).toEqual(['A003', 'B009']);
  });

  it('goes offline when the server drops it, reconnects and resubscribes on the new epoch', async () => {
    const r = await start();
    await vi.waitFor(() => expect(r.events).toContain('online'));
    hall!.dropClients(true);
    await vi.waitFor(() => expect(r.events).toContain('offline'));
    await vi.waitFor(() => expect(r.events.filter((e) => e === 'online')).toHaveLength(2), { timeout: 5000 });
    hall!.call(fakeCall('C001', 2));
    await vi.waitFor(() => expect(r.events.at(-1)).toBe('delta:v2:C001'));
    expect(hall!.subscribes).toBe(2);
  });

  it('reports a refused token', async () => {
    const r = await start('revoked');
    await vi.waitFor(() => expect(r.events).toContain('rejected'));
    expect(r.events).not.toContain('online');
  });
});
