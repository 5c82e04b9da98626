import { createRequire } from 'node:module';
import type * as Serial from 'serialport';

// serialport (and its native binding) is loaded when the first port opens or is listed, not at
// start: a hall without serial devices never needs it, and loading it slows every start.
const require = createRequire(import.meta.url);
const serialport = (): typeof Serial => require('serialport') as typeof Serial;

/**
 * The part of serialport's stream we use. Drivers take a factory returning this, so unit tests
 * pass SerialPortMock and production passes the real SerialPort.
 */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  write(data: Buffer, callback?: (err: Error | null | undefined) => void): boolean;
  drain(callback: (err: Error | null) => void): void;
  on(event: string, listener: (...args: never[]) => void): this;
  removeAllListeners(event?: string): this;
}

export interface PortOpenOptions {
  path: string;
  baudRate: number;
}

export type PortFactory = (options: PortOpenOptions) => SerialPortLike;

/** autoOpen off: the owner decides when to open and reopens after an unplug. */
export const defaultPortFactory: PortFactory = ({ path, baudRate }) =>
  new (serialport().SerialPort)({
    path,
    baudRate,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    autoOpen: false,
  });

/** serialport emits 'close' with `disconnected: true` when the device went away. */
export function isDisconnectError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { disconnected?: unknown }).disconnected === true;
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

/**
 * Lists serial ports. On Linux SerialPort.list() runs udevadm, which is missing in containers
 * ("spawn udevadm ENOENT"), so a failure is returned as a value and the caller falls back to a
 * configured path. socat ptys are never listed.
 */
export async function listSerialPorts(): Promise<{ ports: SerialPortInfo[]; error: string | null }> {
  try {
    const ports = await serialport().SerialPort.list();
    return {
      ports: ports.map((p) => ({
        path: p.path,
        manufacturer: p.manufacturer,
        serialNumber: p.serialNumber,
        vendorId: p.vendorId,
        productId: p.productId,
      })),
      error: null,
    };
  } catch (err) {
    return { ports: [], error: err instanceof Error ? err.message : String(err) };
  }
}
