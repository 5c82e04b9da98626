import type { EventEmitter } from 'node:events';

/**
 * A persistent byte pipe to one printer. Many printers accept a single session on port 9100,
 * so status queries and jobs share this one connection (devices.md §1.6 d).
 * Events: 'data' (Buffer), 'connected', 'disconnected' (reason string).
 */
export interface PrinterTransport extends EventEmitter {
  readonly connected: boolean;
  readonly description: string;
  /** Resolves after the first connection attempt; failures keep retrying in the background. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Rejects when not connected, so bytes are never queued for a later connection. */
  write(data: Buffer): Promise<void>;
}
