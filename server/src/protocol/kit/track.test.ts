import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOADED } from '../../../../test/support/wait.js';
import type { PublicTicketView } from '../views.js';
import { FakeServer, wire } from './testing/index.js';
import { followPad, POLL_MS, TicketTracker } from './track.js';

let server: FakeServer;
let views: PublicTicketView[];
let live: boolean[];
let missing: number;
const start = (key = 'k') =>
  new TicketTracker(
    { ticketId: 't-1', key, socket: server.socket },
    { onView: (v) => views.push(v), onLive: (l) => live.push(l), onMissing: () => missing++ },
  ).start();

beforeEach(() => {
  server = new FakeServer();
  server.autoConnect = false;
  server.tickets.set('t-1', { key: 'k', view: wire.publicTicket({ ahead: 3 }) });
  vi.stubGlobal('fetch', server.fetch);
  views = [];
  live = [];
  missing = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('TicketTracker', () => {
  it('tracks the ticket on every connect and takes its updates, and only its own', async () => {
    const tracker = start();
    server.lastSocket.handshake();
    expect(live).toEqual([true]);
    server.updateTicket(wire.publicTicket({ ahead: 1 }));
    server.lastSocket.fire('track:updated', wire.publicTicket({ id: 'someone-else', ahead: 0 }));
    expect(views.at(-1)?.ahead).toBe(1);
    server.lastSocket.drop();
    expect(live.at(-1)).toBe(false);
    server.lastSocket.handshake();
    expect(server.count('ticket:track')).toBe(2);
    expect(missing).toBe(0);
    tracker.stop();
  });

  it('polls over REST while the socket is down, and stops at an unknown ticket or key', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const tracker = start();
    await vi.waitFor(() => expect(views).toHaveLength(1), LOADED);
    server.tickets.set('t-1', { key: 'k', view: wire.publicTicket({ ahead: 2 }) });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await vi.waitFor(() => expect(views.at(-1)?.ahead).toBe(2), LOADED);
    expect(server.requestsTo('ticket:view')).toHaveLength(2);
    tracker.stop();
    start('wrong-key');
    await vi.waitFor(() => expect(missing).toBe(1), LOADED);
  });
});

describe('followPad', () => {
  it('joins the pad room on connect and passes rating requests and closes on', () => {
    const seen: string[] = [];
    const stop = followPad(
      'pad',
      {
        onRequested: (r) => seen.push(`requested:${r.code}`),
        onClosed: (id) => seen.push(`closed:${id}`),
        onStatus: (online) => seen.push(online ? 'online' : 'offline'),
      },
      server.socket,
    );
    server.lastSocket.handshake();
    server.requestRating({
      ticketId: 't-1',
      code: 'A012',
      counterId: 'ctr-1',
      serviceId: 'svc-a',
      timeoutSeconds: 60,
    });
    server.closeRating('t-1');
    server.lastSocket.drop();
    expect(seen).toEqual(['online', 'requested:A012', 'closed:t-1', 'offline']);
    stop();
  });
});
