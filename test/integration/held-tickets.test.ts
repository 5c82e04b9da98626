import type { DeviceStatusEvent, IssuedTicket } from '@guichet/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDrivers } from '../../server/src/modules/devices/index.js';
import { login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { collectDeviceStatus, connect, connected, type GuichetClient, issue, until } from './helpers.js';

/**
 * A ticket held by a printer out of paper is never lost silently: past its limit staff are
 * told its code (one alert for the tickets of one poll), a late print is reported, a silent
 * printer gives one alert per transition, and the citizen's phone page keeps working.
 */
describe('held tickets reach staff', () => {
  const drivers = fakeDrivers();
  let server: TestApp;
  let staff: GuichetClient;
  const alerts: DeviceStatusEvent[] = [];
  const kiosk = () => drivers.printers.get('kiosk-1')!;

  beforeAll(async () => {
    server = await build({ devices: drivers });
    await server.listen();
    staff = await collectDeviceStatus(server, await login(server, 'clerk3'), alerts);
  });
  afterAll(async () => {
    staff?.disconnect();
    await server?.close();
  });

  const track = async (t: IssuedTicket) => {
    const url = new URL(t.trackUrl);
    const phone = connect(server);
    await connected(phone);
    const r = await phone
      .timeout(5_000)
      .emitWithAck('ticket:track', { ticketId: url.searchParams.get('t')!, key: url.searchParams.get('k')! });
    phone.disconnect();
    return r;
  };

  it('reports expired tickets by code once, and their phone pages still work', async () => {
    kiosk().set({ online: false, problem: 'paper_out' });
    await until(() => alerts.length === 1, 5_000, 'the paper-out alert');
    const a = await issue(server, 'svc-enquiry');
    const b = await issue(server, 'svc-enquiry');
    expect([a.body.print.status, b.body.print.status]).toEqual(['held', 'held']);
    // The same state reported again (the driver polls on) is no new alert.
    kiosk().set({ online: false, problem: 'paper_out' });
    expect(kiosk().state().heldJobs).toBe(2);

    kiosk().expireHeld();
    await until(() => alerts.some((e) => e.held), 5_000, 'the expired-tickets alert');
    const expired = alerts.filter((e) => e.held);
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      deviceId: 'kiosk-1',
      kind: 'printer',
      online: false,
      problem: 'paper_out',
      held: { type: 'expired', tickets: [a.body.code, b.body.code] },
    });
    expect(alerts.filter((e) => !e.held)).toHaveLength(1);

    const tracked = await track(a.body);
    expect(tracked).toMatchObject({ ok: true, data: { code: a.body.code, status: 'waiting' } });
  });

  it('reports a ticket printed after the paper is back as printed late, once', async () => {
    const c = await issue(server, 'svc-enquiry');
    expect(c.body.print.status).toBe('held');
    const before = alerts.length;
    kiosk().set({ online: true, problem: null });
    await until(() => alerts.some((e) => e.held?.type === 'printed_late'), 5_000, 'the late-print alert');
    expect(
      alerts.slice(before).map((e) => (e.held ? `late ${e.held.tickets}` : `online ${e.online}`)),
    ).toEqual(['online true', `late ${c.body.code}`]);
    expect(kiosk().jobs.map((j) => j.data.code)).toEqual([c.body.code]);
  });
});
