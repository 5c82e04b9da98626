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
  /** Writes not yet drained; an unplug can leave their callbacks uncalled, so close settles them. */
  private readonly pendingWrites = new Set<(err?: Error | null) => void>();

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
    await this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    port?.removeAllListeners();
    port?.on('error', () => undefined);
    for (const settle of [...this.pendingWrites]) settle(new NotConnectedError(this.path));
  }

  /** Rejects when the port is closed, and when it closes before the bytes were drained. */
  write(data: Buffer): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new NotConnectedError(this.path));
    return new Promise((resolve, reject) => {
      const settle = (err?: Error | null) => {
        this.pendingWrites.delete(settle);
        if (err) reject(err);
        else resolve();
      };
      this.pendingWrites.add(settle);
      port.write(data, (err) => {
        if (err) return settle(err);
        port.drain((drainErr) => settle(drainErr));
      });
    });
  }

  /**
   * Every (re)open uses a fresh port object: a write in flight when the device vanished can
   * leave the old stream's write queue stuck forever, and bytes queued while closed would be
   * sent late (both seen with socat unplug tests).
   */
  private open(): Promise<void> {
    if (this.opening || this.port?.isOpen) return Promise.resolve();
    this.opening = true;
    const port = this.factory({ path: this.path, baudRate: this.baudRate });
    port.on('data', (chunk: Buffer) => {
      if (this.port === port) this.emit('data', chunk);
    });
    port.on('error', () => {
      // Reported through 'close' or the open callback; an unhandled 'error' would throw.
    });
    port.on('close', (err?: Error) => {
      if (this.port === port) this.onClose(err);
    });
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
          this.port = port;
          this.backoffMs = this.minBackoffMs;
          this.emit('connected');
        }
        resolve();
      });
    });
  }

  private onClose(err?: Error): void {
    const port = this.port;
    this.port = null;
    port?.removeAllListeners('data');
    for (const settle of [...this.pendingWrites]) settle(new NotConnectedError(this.path));
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
