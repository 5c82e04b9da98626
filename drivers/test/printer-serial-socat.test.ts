import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter, type PrinterJobEvent, PrinterSimulator } from '../src/index.js';
import { statusReadings, suiteDir, ticketData, waitFor } from './fixtures.js';
import { type SocatPair, socatSkipReason, startSocatPair } from './socat.js';

const ticket = ticketData({
  hallName: '政务服务大厅',
  serviceName: '社保 Social security',
  code: 'S005',
  ahead: 0,
  estimatedWaitMinutes: 0,
  trackUrl: 'https://q.example/t/S005',
});

const skipReason = socatSkipReason();
if (skipReason) console.warn(`[printer-serial-socat] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('EscPosPrinter over a serial pty pair (socat)', () => {
  const tmp = suiteDir('guichet-printer-');
  let pair: SocatPair | null = null;
  let sim: PrinterSimulator | null = null;
  let printer: EscPosPrinter | null = null;

  afterEach(async () => {
    await printer?.stop();
    await sim?.close();
    await pair?.stop();
    printer = sim = pair = null;
  });

  it('prints over serial, holds while the paper is out, and prints once after an unplug', async () => {
    const host = tmp.at('ttyHost');
    const device = tmp.at('ttyPrinter');
    pair = await startSocatPair(host, device);
    sim = new PrinterSimulator();
    await sim.attachSerial({ path: device, minBackoffMs: 100, maxBackoffMs: 300 });
    printer = new EscPosPrinter({
      transport: { kind: 'serial', path: host, baudRate: 9600 },
      paper: '58mm',
      chinese: 'native',
      pollIntervalMs: 100,
      statusTimeoutMs: 200,
    });
    const jobs: PrinterJobEvent[] = [];
    printer.on('job', (j: PrinterJobEvent) => jobs.push(j));
    await printer.start();

    expect(await printer.printTicket('s-1', ticket)).toEqual({ jobId: 's-1', printed: true });
    await waitFor(() => sim!.tickets.length === 1, 10_000, 'first ticket');
    expect(sim.tickets[0]?.text).toContain('政务服务大厅');
    expect(sim.tickets[0]?.qr).toEqual(['https://q.example/t/S005']);

    sim.setPaperOut(true);
    expect(await printer.printTicket('s-2', ticket)).toMatchObject({ held: true, reason: 'paper_out' });

    await pair.stop(); // unplug while the job is held
    await waitFor(() => !printer!.status.connected, 10_000, 'printer disconnected');
    pair = await startSocatPair(host, device);
    sim.setPaperOut(false);
    // The port reopens after 0.5, 1, 2, 4, 8, then every 10 s (ReconnectingSerialPort): when the
    // unplug lasted a few seconds on a busy machine, the next try comes up to 10 s after the replug.
    await waitFor(() => jobs.length === 1, 15_000, 'held job printed after replug');
    expect(jobs[0]).toMatchObject({
      type: 'printed_late',
      jobId: 's-2',
      ticketCode: ticket.code,
      printed: true,
    });
    await waitFor(() => sim!.tickets.length === 2, 10_000, 'second ticket');
    await statusReadings(sim, 2); // two more polls print nothing again
    expect(sim.tickets).toHaveLength(2);
  });
});
