import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BranchSnapshot,
  CallOrderEntry,
  CounterCommandResponse,
  ErrorBody,
  TicketHistory,
  TicketView,
} from '../../server/src/protocol/index.js';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { BRANCH, counter, issue } from './helpers.js';

/**
 * Every state a shift change leaves a counter in: closed at sign-out (its ticket handed back),
 * kept away, kept after a lost or expired session and taken back, closed by a change of counter,
 * closed or taken over by a supervisor. Each counter here is used by one test only.
 */
describe('staff shifts', () => {
  let hall: TestApp;
  let now = Date.parse('2026-03-02T09:00:00+08:00');
  beforeAll(async () => {
    hall = await build({ clock: () => now });
  });
  afterAll(async () => {
    await hall?.close();
  });

  let supervisor = '';
  let clerk8 = '';
  let managerToken: string | null = null;
  const manager = async () => {
    managerToken ??= await login(hall, 'manager');
    return managerToken;
  };
  const queue = async () =>
    (await api<BranchSnapshot>(hall, 'GET', `/branches/${BRANCH}/queue`, { token: await manager() })).body;
  const view = async (id: string) => (await queue()).counters.find((c) => c.id === id)!;
  // Earlier tickets may wait too: each test calls its own ticket by id.
  const callIt = (token: string, counterId: string, ticketId: string) =>
    counter(hall, token, counterId, 'call', { ticketId });
  const logout = (token: string, body?: unknown) => api(hall, 'POST', '/auth/logout', { token, body });
  const code = (r: { body: unknown }) => (r.body as ErrorBody).error?.code;

  it('sign-out closes the counter and hands a current ticket back to the front of its queue', async () => {
    const clerk = await login(hall, 'clerk1');
    expect((await counter(hall, clerk, 'ctr-1', 'open')).status).toBe(200);
    const t = await issue(hall, 'svc-social');
    const called = await callIt(clerk, 'ctr-1', t.body.id);
    expect(called.body.ticket?.id).toBe(t.body.id);
    expect((await logout(clerk)).status).toBe(200);
    const c = await view('ctr-1');
    expect(c.state).toBe('closed');
    expect(c.clerkId).toBeNull();
    const back = (await queue()).tickets.find((x) => x.id === t.body.id);
    expect(back?.status).toBe('waiting');
    // The handed-back ticket is first in line again at the counter that serves its service first.
    const order = await api<CallOrderEntry[]>(hall, 'GET', '/counters/ctr-1/order', {
      token: await manager(),
    });
    expect(order.body[0]?.ticketId).toBe(t.body.id);
  });

  it('sign-out "away" keeps the counter paused for her; she takes it back and calls after signing in', async () => {
    const clerk = await login(hall, 'clerk2');
    await counter(hall, clerk, 'ctr-2', 'open');
    expect((await logout(clerk, { counter: 'away' })).status).toBe(200);
    let c = await view('ctr-2');
    expect([c.state, c.pauseReason, c.clerkId]).toEqual(['paused', 'away', 'user-clerk2']);
    const again = await login(hall, 'clerk2');
    expect((await counter(hall, again, 'ctr-2', 'call-next')).status).toBe(403);
    expect((await counter(hall, again, 'ctr-2', 'open')).status).toBe(200);
    expect((await counter(hall, again, 'ctr-2', 'resume')).status).toBe(200);
    const t = await issue(hall, 'svc-social');
    const called = await callIt(again, 'ctr-2', t.body.id);
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect(called.body.ticket?.id).toBe(t.body.id);
    await counter(hall, again, 'ctr-2', 'finish');
    c = await view('ctr-2');
    expect(c.state).toBe('idle');
  });

  it('a lost session (browser closed) leaves the counter and its ticket hers; she takes both back', async () => {
    const lost = await login(hall, 'clerk3');
    await counter(hall, lost, 'ctr-3', 'open');
    const t = await issue(hall, 'svc-social');
    await callIt(lost, 'ctr-3', t.body.id);
    // No sign-out: the browser is gone. She signs in on another tab.
    const again = await login(hall, 'clerk3');
    expect(
      (await api<{ counterId: string | null }>(hall, 'GET', '/me', { token: again })).body.counterId,
    ).toBeNull();
    expect((await counter(hall, again, 'ctr-3', 'close', { reason: 'x' })).status).toBe(403);
    const resumed = await counter(hall, again, 'ctr-3', 'open');
    expect(resumed.status).toBe(200);
    expect(resumed.body.ticket?.id).toBe(t.body.id);
    expect((await counter(hall, again, 'ctr-3', 'finish')).body.counter.state).toBe('idle');
    expect((await counter(hall, again, 'ctr-3', 'close', { reason: 'end of day' })).status).toBe(200);
  });

  it('an expired session keeps the counter hers; after signing in again she resumes it', async () => {
    const clerk = await login(hall, 'clerk4');
    await counter(hall, clerk, 'ctr-4', 'open');
    now += 13 * 3600_000;
    managerToken = null;
    expect((await api(hall, 'GET', '/me', { token: clerk })).status).toBe(401);
    const c = await view('ctr-4');
    expect([c.state, c.clerkId]).toEqual(['idle', 'user-clerk4']);
    const again = await login(hall, 'clerk4');
    expect((await counter(hall, again, 'ctr-4', 'open')).status).toBe(200);
    const t = await issue(hall, 'svc-employment');
    expect((await callIt(again, 'ctr-4', t.body.id)).body.ticket?.id).toBe(t.body.id);
    await counter(hall, again, 'ctr-4', 'finish');
  });

  it('changing counter closes the old one; with a ticket still current there it is refused', async () => {
    const clerk = await login(hall, 'clerk6');
    clerk8 = await login(hall, 'clerk8');
    await counter(hall, clerk, 'ctr-6', 'open');
    // Business registration asks for a phone number at the kiosk.
    const t = await api<TicketView>(hall, 'POST', `/branches/${BRANCH}/tickets`, {
      token: hall.demo.devices['kiosk-1'],
      body: { serviceId: 'svc-business', personId: '13812345678' },
    });
    expect(t.status).toBe(201);
    await callIt(clerk, 'ctr-6', t.body.id);
    const busy = await counter(hall, clerk, 'ctr-8', 'open');
    expect([busy.status, code(busy)]).toEqual([409, 'COUNTER_BUSY']);
    expect((await view('ctr-8')).state).toBe('closed');
    await counter(hall, clerk, 'ctr-6', 'finish');
    expect((await counter(hall, clerk, 'ctr-8', 'open')).status).toBe(200);
    const old = await view('ctr-6');
    expect([old.state, old.clerkId, old.pauseReason]).toEqual(['closed', null, 'changed to counter 8']);
    expect((await view('ctr-8')).clerkId).toBe('user-clerk6');
    // The session follows: commands at the new counter work, the old one refuses.
    expect((await counter(hall, clerk, 'ctr-8', 'pause', { reason: 'break' })).status).toBe(200);
    expect((await counter(hall, clerk, 'ctr-6', 'pause', { reason: 'break' })).status).toBe(403);
  });

  it('a supervisor takes over an abandoned counter as it is, or closes one and hands its ticket back', async () => {
    const clerk = await login(hall, 'clerk7');
    await counter(hall, clerk, 'ctr-7', 'open');
    const t = await issue(hall, 'svc-social');
    await callIt(clerk, 'ctr-7', t.body.id);
    supervisor = await login(hall, 'supervisor');
    const sup = supervisor;
    const refused = await api(hall, 'POST', '/counters/ctr-7/release', {
      token: clerk,
      body: { action: 'close' },
    });
    expect(refused.status).toBe(403);
    const taken = await api<CounterCommandResponse>(hall, 'POST', '/counters/ctr-7/release', {
      token: sup,
      body: { action: 'take-over' },
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect([taken.body.counter.clerkId, taken.body.ticket?.id]).toEqual(['user-supervisor', t.body.id]);
    // The clerk no longer acts there; the supervisor's session is signed in to it.
    expect((await counter(hall, clerk, 'ctr-7', 'recall')).status).toBe(403);
    expect((await api<{ counterId: string }>(hall, 'GET', '/me', { token: sup })).body.counterId).toBe(
      'ctr-7',
    );
    const closed = await api<CounterCommandResponse>(hall, 'POST', '/counters/ctr-7/release', {
      token: await manager(),
      body: { action: 'close', reason: 'abandoned' },
    });
    expect(closed.status).toBe(200);
    expect([closed.body.counter.state, closed.body.counter.clerkId]).toEqual(['closed', null]);
    expect(closed.body.ticket?.status).toBe('waiting');
    const again = await api(hall, 'POST', '/counters/ctr-7/release', {
      token: sup,
      body: { action: 'close' },
    });
    expect(code(again)).toBe('COUNTER_CLOSED');
  });

  it('the front desk moves a waiting ticket between services and finds it, finished too, with its events', async () => {
    const sup = supervisor;
    const t = await issue(hall, 'svc-social');
    const clerkTry = await api(hall, 'POST', `/tickets/${t.body.id}/move`, {
      token: clerk8,
      body: { serviceId: 'svc-medical', placement: 'first' },
    });
    expect(clerkTry.status).toBe(403);
    const moved = await api<TicketView>(hall, 'POST', `/tickets/${t.body.id}/move`, {
      token: sup,
      body: { serviceId: 'svc-medical', placement: 'first' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.serviceId).toBe('svc-medical');
    const bad = await api(hall, 'POST', `/tickets/${t.body.id}/move`, {
      token: sup,
      body: { serviceId: 'nope', placement: 'last' },
    });
    expect([bad.status, code(bad)]).toEqual([422, 'INVALID_TARGET']);
    await api(hall, 'POST', `/tickets/${t.body.id}/cancel-by-staff`, {
      token: sup,
      body: { reason: 'left the hall' },
    });
    const found = await api<TicketHistory[]>(
      hall,
      'GET',
      `/branches/${BRANCH}/tickets?code=${t.body.code.toLowerCase()}`,
      {
        token: sup,
      },
    );
    expect(found.status).toBe(200);
    const hit = found.body.find((h) => h.ticket.id === t.body.id)!;
    expect(hit.ticket.status).toBe('cancelled');
    expect(hit.events.map((e) => e.type)).toEqual([
      'ticket.issued',
      'ticket.transferred',
      'ticket.cancelled',
    ]);
    expect(hit.events[1]?.actor).toBe('吴值班');
  });
});
