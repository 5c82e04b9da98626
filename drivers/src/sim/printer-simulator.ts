import { EventEmitter } from 'node:events';
import net from 'node:net';
import { type ReconnectingPortOptions, ReconnectingSerialPort } from '../reconnecting-port.js';
import { type DecodedTicket, EscPosDecoder } from './escpos-decoder.js';
import { startTicketsView } from './printer-sim-view.js';

/** One way bytes come in and replies go out: a TCP connection or a serial port. */
interface PrinterLink {
  write(data: Buffer): void;
}

export type SimulatedTicket = DecodedTicket;

export interface PrinterSimulatorOptions {
  /** 0 = a free port. */
  port?: number;
  host?: string;
  /** False simulates a printer that never answers DLE EOT. */
  answerStatus?: boolean;
  /** Also serve a page of the printed tickets (text and QR payload); 0 = a free port. */
  httpPort?: number;
}

/**
 * A network ESC/POS receipt printer on 127.0.0.1. Like a real one it answers DLE EOT at once,
 * even while offline, but keeps other bytes in its receive buffer while the paper is out or
 * the cover open and prints them after recovery: a driver that sends a job to an offline
 * printer and later resends it gets two tickets here, as it would in the hall.
 *
 * Events: 'printed' (SimulatedTicket), 'status-query' (n).
 */
export class PrinterSimulator extends EventEmitter {
  readonly tickets: SimulatedTicket[] = [];
  private readonly server = net.createServer((socket) => this.onConnection(socket));
  private readonly sockets = new Set<net.Socket>();
  private readonly serialPorts: ReconnectingSerialPort[] = [];
  private paperOut = false;
  private coverOpen = false;
  private paperNearEnd = false;
  private answerStatus: boolean;
  private boundPort = 0;
  private view: { port: number; close: () => Promise<void> } | null = null;

  constructor(private readonly options: PrinterSimulatorOptions = {}) {
    super();
    this.answerStatus = options.answerStatus ?? true;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Port of the tickets page, or null when httpPort was not given. */
  get httpPort(): number | null {
    return this.view?.port ?? null;
  }

  get connections(): number {
    return this.sockets.size;
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : 0;
    if (this.options.httpPort !== undefined)
      this.view = await startTicketsView(this.tickets, this.options.httpPort, this.options.host);
    return this.boundPort;
  }

  async close(): Promise<void> {
    for (const port of this.serialPorts) await port.stop();
    await this.view?.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Drops every open connection, as a printer reboot would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  setPaperOut(out: boolean): void {
    this.paperOut = out;
    this.drainHeld();
  }

  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
    this.drainHeld();
  }

  setPaperNearEnd(nearEnd: boolean): void {
    this.paperNearEnd = nearEnd;
  }

  setAnswerStatus(answer: boolean): void {
    this.answerStatus = answer;
  }

  get offline(): boolean {
    return this.paperOut || this.coverOpen;
  }

  /** DLE EOT n reply byte (fixed bits 0x12; see src/printer/status.ts). */
  statusByte(n: number): number {
    const base = 0x12;
    if (n === 1) return base | (this.offline ? 0x08 : 0);
    if (n === 2) return base | (this.coverOpen ? 0x04 : 0) | (this.paperOut ? 0x20 : 0);
    if (n === 4) return base | (this.paperOut ? 0x60 : 0) | (this.paperNearEnd ? 0x0c : 0);
    return base;
  }

  /** Per-connection decoder and the bytes waiting in the printer's receive buffer. */
  private readonly links = new Map<PrinterLink, { decoder: EscPosDecoder; inbox: Buffer }>();

  /** Also listen on a serial port (the far end of a socat pair), as a serial printer would. */
  async attachSerial(options: ReconnectingPortOptions): Promise<void> {
    const port = new ReconnectingSerialPort(options);
    const link: PrinterLink = { write: (b) => void port.write(b).catch(() => undefined) };
    this.addLink(link);
    port.on('data', (chunk: Buffer) => this.receive(link, chunk));
    this.serialPorts.push(port);
    await port.start();
  }

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket);
    const link: PrinterLink = { write: (b) => void (socket.destroyed || socket.write(b)) };
    this.addLink(link);
    socket.on('data', (chunk: Buffer) => this.receive(link, chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.links.delete(link);
    });
  }

  private addLink(link: PrinterLink): void {
    const decoder = new EscPosDecoder({
      onStatusQuery: (n) => this.answer(link, n),
      onCut: (ticket) => {
        this.tickets.push(ticket);
        this.emit('printed', ticket);
      },
    });
    this.links.set(link, { decoder, inbox: Buffer.alloc(0) });
  }

  private receive(link: PrinterLink, chunk: Buffer): void {
    const entry = this.links.get(link);
    if (!entry) return;
    entry.inbox = Buffer.concat([entry.inbox, chunk]);
    this.process(link);
  }

  private answer(link: PrinterLink, n: number): void {
    this.emit('status-query', n);
    if (this.answerStatus) link.write(Buffer.from([this.statusByte(n)]));
  }

  /** Offline: only real-time DLE EOT commands are taken out of the receive buffer. */
  private process(link: PrinterLink): void {
    const entry = this.links.get(link);
    if (!entry) return;
    if (!this.offline) {
      const inbox = entry.inbox;
      entry.inbox = Buffer.alloc(0);
      entry.decoder.push(inbox);
      return;
    }
    const kept: number[] = [];
    const inbox = entry.inbox;
    for (let i = 0; i < inbox.length; i++) {
      if (inbox[i] === 0x10 && inbox[i + 1] === 0x04 && i + 2 < inbox.length) {
        this.answer(link, inbox[i + 2] ?? 0);
        i += 2;
      } else {
        kept.push(inbox[i] ?? 0);
      }
    }
    entry.inbox = Buffer.from(kept);
  }

  private drainHeld(): void {
    if (this.offline) return;
    for (const link of this.links.keys()) this.process(link);
  }
}

/** Starts a simulator; the shape the server's dev mode and tests use. */
export async function startPrinterSimulator(
  options: PrinterSimulatorOptions = {},
): Promise<PrinterSimulator> {
  const simulator = new PrinterSimulator(options);
  await simulator.start();
  return simulator;
}
