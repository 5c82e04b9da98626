import { EventEmitter } from 'node:events';
import { ReconnectingSerialPort } from '../reconnecting-port.js';
import type { PortFactory } from '../serial-port.js';
import type { PrinterTransport } from './transport.js';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
  portFactory?: PortFactory;
}

/**
 * A serial or USB-CDC printer through serialport. node-thermal-printer's File interface is
 * not an option for serial: it retries writes for minutes and can print a job many times
 * (issues #78, #117).
 */
export class SerialPrinterTransport extends EventEmitter implements PrinterTransport {
  private readonly port: ReconnectingSerialPort;

  constructor(options: SerialTransportOptions) {
    super();
    this.port = new ReconnectingSerialPort({ ...options, baudRate: options.baudRate ?? 9600 });
    this.port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    this.port.on('connected', () => this.emit('connected'));
    this.port.on('disconnected', (reason: string) => this.emit('disconnected', reason));
  }

  get connected(): boolean {
    return this.port.connected;
  }

  get description(): string {
    return `serial:${this.port.path}`;
  }

  start(): Promise<void> {
    return this.port.start();
  }

  stop(): Promise<void> {
    return this.port.stop();
  }

  write(data: Buffer): Promise<void> {
    return this.port.write(data);
  }
}
