import { type PrinterSimulator, startPrinterSimulator } from '@guichet/drivers';
import type { DeviceStatusEvent } from '@guichet/server/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../support/api.js';
import { build, type TestApp } from '../support/build.js';
import { collectDeviceStatus, type GuichetClient, until } from './helpers.js';

/** A kiosk printer out of paper reaches every clerk of the hall, and no hall screen. */
describe('device alerts', () => {
  let printer: PrinterSimulator;
  let server: TestApp;
  const sockets: GuichetClient[] = [];

  beforeAll(async () => {
    printer = await startPrinterSimulator({ host: '127.0.0.1', port: 0 });
    server = await build({ env: { GUICHET_DEMO_PRINTER: `tcp://127.0.0.1:${printer.port}` } });
    await server.listen();
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
    await printer?.close();
  });

  it('tells staff when kiosk-1 runs out of paper and when it is back, and tells hall screens nothing', async () => {
    const toStaff: DeviceStatusEvent[] = [];
    const toScreen: DeviceStatusEvent[] = [];
    const clerk = await login(server, 'clerk3');
    // Each socket is kept for afterAll as soon as it is up, so a failure of the other leaks none.
    const kept = (s: Awaited<ReturnType<typeof collectDeviceStatus>>) => {
      sockets.push(s);
    };
    await Promise.all([
      collectDeviceStatus(server, clerk, toStaff).then(kept),
      collectDeviceStatus(server, server.demo.devices['display-1'], toScreen).then(kept),
    ]);

    printer.setPaperOut(true);
    // A ticket issued meanwhile is held, not lost: the kiosk shows it on screen.
    const issued = await api<{ print: { status: string; reason: string | null } }>(
      server,
      'POST',
      '/branches/demo-hall/tickets',
      { token: server.demo.devices['kiosk-1'], body: { serviceId: 'svc-enquiry' } },
    );
    expect(issued.status).toBe(201);
    expect(issued.body.print).toEqual({ status: 'held', reason: 'paper_out' });
    await until(
      () => toStaff.some((e) => e.deviceId === 'kiosk-1' && !e.online && e.problem === 'paper_out'),
      10_000,
      'paper-out alert',
    );

    printer.setPaperOut(false);
    await until(
      () => toStaff.some((e) => e.deviceId === 'kiosk-1' && e.online),
      10_000,
      'printer-back alert',
    );
    // The held ticket prints once the paper is back, exactly once.
    await until(() => printer.tickets.length === 1, 10_000, 'the held ticket printed');
    expect(toScreen).toEqual([]);
  }, 60_000);
});
