import { EventEmitter } from 'node:events';
import {
  defaultPortFactory,
  isDisconnectError,
  type PortFactory,
  type SerialPortLike,
} from './serial-port.js';

export interface ReconnectingPortOptions {
  path: string;
  baudRate?: number;
  portFactory?: PortFactory;
  /** First reopen delay after an unplug or a failed open; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class NotConnectedError extends Error {
  readonly code = 'NOT_CONNECTED';
  constructor(path: string) {
    super(`serial port ${path} is not open`);
  }
}

/**
 * A serial port that reopens itself. serialport has no auto-reconnect (issue #648); an unplug
 * shows up as 'close' with err.disconnected, but only while a reader is attached, so a 'data'
 * listener stays on for the port's whole life. Writes while closed are refused here because
 * serialport would buffer them silently and send stale bytes after the next open.
 *
 * Events: 'data' (Buffer), 'connected', 'disconnected' (reason string).
 */
export class ReconnectingSerialPort extends EventEmitter {
  readonly path: string;
  private readonly baudRate: number;
  private readonly factory: PortFactory;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private port: SerialPortLike | null = null;
  private running = false;
  private backoffMs: number;
  private reopenTimer: NodeJS.Timeout | null = null;
  private opening = false;

  constructor(options: ReconnectingPortOptions) {
    super();
    this.path = options.path;
    this.baudRate = options.baudRate ?? 9600;
    this.factory = options.portFactory ?? defaultPortFactory;
    this.minBackoffMs = options.minBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.backoffMs = this.minBackoffMs;
  }

  get connected(): boolean {
    return this.port?.isOpen ?? false;
  }

  /** Resolves after the first open attempt, successful or not; failures retry in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const port = this.factory({ path: this.path, baudRate: this.baudRate });
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('error', () => {
      // Reported through 'close'; without a listener an 'error' event would throw.
    });
    port.on('close', (err?: Error) => this.onClose(err));
    await this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    const port = this.port;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    port?.removeAllListeners();
    this.port = null;
  }

  write(data: Buffer): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new NotConnectedError(this.path));
    return new Promise((resolve, reject) => {
      port.write(data, (err) => {
        if (err) return reject(err);
        port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
      });
    });
  }

  private open(): Promise<void> {
    const port = this.port;
    if (!port || this.opening || port.isOpen) return Promise.resolve();
    this.opening = true;
    return new Promise((resolve) => {
      port.open((err) => {
        this.opening = false;
        if (!this.running) {
          if (!err) port.close();
          return resolve();
        }
        if (err) {
          this.emit('disconnected', err.message);
          this.scheduleReopen();
        } else {
          this.backoffMs = this.minBackoffMs;
          this.emit('connected');
        }
        resolve();
      });
    });
  }

  private onClose(err?: Error): void {
    if (!this.running) return;
    this.emit('disconnected', isDisconnectError(err) ? 'unplugged' : (err?.message ?? 'closed'));
    this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (!this.running || this.reopenTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.maxBackoffMs, this.backoffMs * 2);
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      void this.open();
    }, delay);
  }
}
