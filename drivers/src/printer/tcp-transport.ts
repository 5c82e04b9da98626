import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { PrinterTransport } from './transport.js';

export interface TcpTransportOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * One long-lived socket to a network printer (raw port 9100), reconnecting with backoff.
 * node-thermal-printer opens a socket per job instead, which fights with status polling on
 * printers that allow a single session.
 */
export class TcpPrinterTransport extends EventEmitter implements PrinterTransport {
  private socket: net.Socket | null = null;
  private isConnected = false;
  private running = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoffMs: number;
  private readonly port: number;

  constructor(private readonly options: TcpTransportOptions) {
    super();
    this.port = options.port ?? 9100;
    this.backoffMs = options.minBackoffMs ?? 500;
  }

  get connected(): boolean {
    return this.isConnected;
  }

  get description(): string {
    return `tcp://${this.options.host}:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.isConnected = false;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 200).unref();
      });
    }
  }

  write(data: Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.isConnected)
      return Promise.reject(new Error(`${this.description} is not connected`));
    return new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  private connect(): Promise<void> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: this.options.host, port: this.port });
      this.socket = socket;
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 5_000);
      const timer = setTimeout(
        () => socket.destroy(new Error('connect timeout')),
        this.options.connectTimeoutMs ?? 3000,
      );
      socket.once('connect', () => {
        clearTimeout(timer);
        this.isConnected = true;
        this.backoffMs = this.options.minBackoffMs ?? 500;
        this.emit('connected');
        resolve();
      });
      socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
      socket.on('error', () => {
        // 'close' follows every error; reconnecting is handled there.
      });
      socket.once('close', () => {
        clearTimeout(timer);
        const wasConnected = this.isConnected;
        this.isConnected = false;
        if (this.socket === socket) this.socket = null;
        if (!this.running) return resolve();
        this.emit('disconnected', wasConnected ? 'connection closed' : 'connect failed');
        this.scheduleReconnect();
        resolve();
      });
    });
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.options.maxBackoffMs ?? 10_000, this.backoffMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }
}
