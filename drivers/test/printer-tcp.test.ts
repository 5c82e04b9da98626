import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EscPosPrinter,
  type PrinterJobEvent,
  type PrinterSimulator,
  type PrinterState,
  renderTicket,
  startPrinterSimulator,
} from '../src/index.js';
import { statusReadings, ticketData, waitFor } from './fixtures.js';

const ticket = ticketData({ footer: '谢谢 Thank you' });

let sim: PrinterSimulator | null = null;
let printer: EscPosPrinter | null = null;

afterEach(async () => {
  await printer?.stop();
  await sim?.close();
  printer = null;
  sim = null;
});

async function setup(options: { pollIntervalMs?: number } = {}) {
  sim = await startPrinterSimulator({ port: 0 });
  printer = new EscPosPrinter({
    transport: { kind: 'tcp', host: '127.0.0.1', port: sim.port },
    paper: '80mm',
    chinese: 'native',
    pollIntervalMs: options.pollIntervalMs ?? 100,
    statusTimeoutMs: 200,
  });
  const statuses: PrinterState[] = [];
  const jobs: PrinterJobEvent[] = [];
  printer.on('status', (s: PrinterState) => statuses.push(s));
  printer.on('job', (j: PrinterJobEvent) => jobs.push(j));
  await printer.start();
  return { sim, printer, statuses, jobs };
}

describe('EscPosPrinter over TCP against the simulator', () => {
  it('prints a Chinese ticket whose text, QR and bytes decode back exactly', async () => {
    const { sim, printer } = await setup();
    const result = await printer.printTicket('job-1', ticket);
    expect(result).toEqual({ jobId: 'job-1', printed: true });
    await waitFor(() => sim.tickets.length === 1);
    const printed = sim.tickets[0]!;
    expect(printed.raw).toEqual(renderTicket(ticket, { paper: '80mm', chinese: 'native' }));
    expect(printed.qr).toEqual(['https://q.example/t/A012']);
    expect(printed.text.split('\n')).toEqual([
      '市民服务中心',
      '户籍办理 Household registration',
      '',
      'A012',
      '',
      '前面还有 3 人',
      '预计等候 12 分钟',
      '',
      '扫码查看排队进度',
      '取号时间 2026-03-01 14:05',
      '谢谢 Thank you',
    ]);
  });

  it('holds a job while the paper is out, reports it, and prints it exactly once after reload', async () => {
    const { sim, printer, statuses, jobs } = await setup();
    sim.setPaperOut(true);
    const started = Date.now();
    const bytes = renderTicket(ticket, { paper: '80mm', chinese: 'native' });
    const result = await printer.print('job-7', bytes);
    expect(Date.now() - started).toBeLessThan(1500); // the kiosk is not kept waiting
    expect(result).toEqual({ jobId: 'job-7', printed: false, held: true, reason: 'paper_out' });
    expect(statuses.at(-1)).toMatchObject({
      connected: true,
      paperOut: true,
      online: false,
      reason: 'paper_out',
    });
    expect(printer.heldJobIds).toEqual(['job-7']);

    // The kiosk retries the same job while the paper is still out: still held, still one job.
    expect(await printer.print('job-7', bytes)).toMatchObject({ held: true });
    await statusReadings(sim, 3); // several polls while out of paper
    expect(sim.tickets).toHaveLength(0);

    sim.setPaperOut(false);
    await waitFor(() => jobs.length === 1);
    expect(jobs[0]).toMatchObject({ type: 'printed_late', jobId: 'job-7', printed: true });
    expect(statuses.at(-1)).toMatchObject({ paperOut: false, online: true, reason: null });
    expect(printer.status.heldJobs).toBe(0);

    expect(await printer.print('job-7', bytes)).toEqual({ jobId: 'job-7', printed: true, duplicate: true });
    await statusReadings(sim, 3);
    expect(sim.tickets).toHaveLength(1);
    expect(sim.tickets[0]?.text).toContain('A012');
  });

  it('holds jobs while the cover is open and prints them in order when it closes', async () => {
    const { sim, printer, jobs } = await setup();
    sim.setCoverOpen(true);
    for (const id of ['a', 'b']) {
      expect(await printer.printTicket(id, { ...ticket, code: id.toUpperCase() })).toMatchObject({
        reason: 'cover_open',
      });
    }
    sim.setCoverOpen(false);
    await waitFor(() => jobs.length === 2);
    expect(sim.tickets.map((t) => t.text.split('\n')[3])).toEqual(['A', 'B']);
  });

  it('prints held jobs before a new one when the printer is ready again', async () => {
    const { sim, printer, jobs } = await setup({ pollIntervalMs: 60_000 }); // no poll in this test
    sim.setPaperOut(true);
    expect(await printer.printTicket('old', { ...ticket, code: 'OLD1' })).toMatchObject({ held: true });
    sim.setPaperOut(false);
    expect(await printer.printTicket('new', { ...ticket, code: 'NEW2' })).toEqual({
      jobId: 'new',
      printed: true,
    });
    expect(jobs).toMatchObject([{ type: 'printed_late', jobId: 'old', ticketCode: 'OLD1', printed: true }]);
    await waitFor(() => sim.tickets.length === 2);
    expect(sim.tickets.map((t) => t.text.split('\n')[3])).toEqual(['OLD1', 'NEW2']);
  });

  it('reports a ticket held past maxHoldMs as expired with its code, and never prints it later', async () => {
    sim = await startPrinterSimulator({ port: 0 });
    const logs: string[] = [];
    printer = new EscPosPrinter({
      transport: { kind: 'tcp', host: '127.0.0.1', port: sim.port },
      pollIntervalMs: 100,
      // Not a test of a silent printer: a busy machine's slow status answer must not turn
      // paper_out into no_status_reply (a second 'cannot print' line).
      statusTimeoutMs: 2_000,
      maxHoldMs: 300,
      logger: { info: (_o, m) => logs.push(m), warn: (_o, m) => logs.push(m) },
    });
    const jobs: PrinterJobEvent[] = [];
    printer.on('job', (j: PrinterJobEvent) => jobs.push(j));
    await printer.start();
    sim.setPaperOut(true);
    expect(await printer.printTicket('late-1', { ...ticket, code: 'A012' })).toMatchObject({ held: true });
    await waitFor(() => jobs.length === 1);
    expect(jobs[0]).toMatchObject({
      type: 'expired',
      jobId: 'late-1',
      ticketCode: 'A012',
      reason: 'paper_out',
    });
    expect(jobs[0]!.heldMs).toBeGreaterThan(300);
    expect(printer.heldJobIds).toEqual([]);
    sim.setPaperOut(false);
    await waitFor(() => printer!.status.reason === null);
    await statusReadings(sim!, 3); // several polls with paper back
    expect(sim.tickets).toHaveLength(0);
    expect(logs).toEqual([
      'printer cannot print; tickets are held',
      'held ticket expired unprinted: tell the citizen',
      'printer ready again',
    ]);
  });

  it('does not take paper loaded between DLE EOT 1 and 2 for an offline printer', async () => {
    const { sim, printer, statuses } = await setup({ pollIntervalMs: 60_000 }); // no poll in this test
    sim.setPaperOut(true);
    expect(await printer.printTicket('held', { ...ticket, code: 'OLD1' })).toMatchObject({
      reason: 'paper_out',
    });
    // The next reading's DLE EOT 1 says offline (paper still out); the paper is in by DLE EOT 2,
    // so that reading alone reads "offline with no cause".
    let torn = false;
    sim.on('status-query', (n: number) => {
      if (n === 2 && !torn) {
        torn = true;
        sim.setPaperOut(false);
      }
    });
    const before = statuses.length;
    expect(await printer.printTicket('next', { ...ticket, code: 'NEW2' })).toEqual({
      jobId: 'next',
      printed: true,
    });
    expect(torn).toBe(true);
    expect(statuses.slice(before).map((s) => s.reason)).toEqual([null]);
    await waitFor(() => sim.tickets.length === 2);
    expect(sim.tickets.map((t) => t.text.split('\n')[3])).toEqual(['OLD1', 'NEW2']);
  });

  it('a confirming reading that gets no reply changes nothing and raises no alert', async () => {
    const { sim, printer, statuses } = await setup({ pollIntervalMs: 60_000 }); // no poll in this test
    sim.setPaperOut(true);
    expect(await printer.printTicket('held', { ...ticket, code: 'OLD1' })).toMatchObject({
      reason: 'paper_out',
    });
    sim.setPaperOut(false);
    // The next reading (paper back) is answered in full; the one that would confirm it is not.
    let readings = 0;
    sim.on('status-query', (n: number) => {
      if (n === 1 && ++readings === 2) sim.setAnswerStatus(false); // before this query's reply
    });
    const before = statuses.length;
    expect(await printer.printTicket('next', { ...ticket, code: 'NEW2' })).toMatchObject({
      held: true,
      reason: 'paper_out',
    });
    expect(statuses.slice(before)).toEqual([]);
    expect(printer.status.reason).toBe('paper_out');
    sim.setAnswerStatus(true);
    expect(await printer.printTicket('last', { ...ticket, code: 'LAST' })).toEqual({
      jobId: 'last',
      printed: true,
    });
    expect(statuses.slice(before).map((s) => s.reason)).toEqual([null]);
    await waitFor(() => sim.tickets.length === 3);
    expect(sim.tickets.map((t) => t.text.split('\n')[3])).toEqual(['OLD1', 'NEW2', 'LAST']);
  });

  it('a silent printer gives one status change for many tickets, not two alerts per ticket', async () => {
    const { sim, printer, statuses } = await setup();
    const before = statuses.length;
    sim.setAnswerStatus(false);
    // Each query times out (200 ms) slower than the polls come (100 ms): a ticket may wait for the
    // poll running and one queued, not for every poll the timer fired meanwhile.
    let readings = 0;
    sim.on('status-query', (n: number) => void (n === 1 && readings++));
    const readingsPerTicket: number[] = [];
    for (const id of ['s1', 's2', 's3', 's4', 's5']) {
      readings = 0;
      expect(await printer.printTicket(id, ticket)).toMatchObject({ held: true, reason: 'no_status_reply' });
      readingsPerTicket.push(readings);
    }
    expect(Math.max(...readingsPerTicket)).toBeLessThanOrEqual(3);
    await statusReadings(sim, 3); // polls keep failing
    expect(statuses.slice(before).map((s) => s.reason)).toEqual(['no_status_reply']);
    expect(printer.status.heldJobs).toBe(5);
  });

  it('holds with no_status_reply when the printer ignores DLE EOT', async () => {
    const { sim, printer } = await setup();
    sim.setAnswerStatus(false);
    expect(await printer.print('x', Buffer.from('x\x1dV\x00'))).toEqual({
      jobId: 'x',
      printed: false,
      held: true,
      reason: 'no_status_reply',
    });
    sim.setAnswerStatus(true);
    await waitFor(() => sim.tickets.length === 1);
  });

  it('reconnects after the printer drops the connection and keeps one connection', async () => {
    const { sim, printer } = await setup();
    await waitFor(() => sim.connections === 1);
    sim.dropConnections();
    await once(printer, 'status'); // disconnected
    await waitFor(() => printer.status.connected && printer.status.reason === null);
    expect(await printer.printTicket('after-drop', ticket)).toMatchObject({ printed: true });
    await waitFor(() => sim.tickets.length === 1);
    expect(sim.connections).toBe(1);
  });
});
