/**
 * The contract between the serial bus scheduler and a display protocol. Protocols are pure:
 * they turn commands into frames and bytes into replies; the bus owns the port and timing.
 */

export type ProtocolId = 'qlp1' | 'modbus-led485' | 'qsystem';

export type DisplayCommand =
  | {
      kind: 'show';
      text: string;
      /** Seconds to blink before showing steadily; 0 = steady, 255 = until the next SHOW. */
      blinkSeconds?: number;
      beep?: boolean;
    }
  | { kind: 'clear' }
  | { kind: 'brightness'; level: number }
  /** Blink the current text: one on/off cycle per periodMs, count cycles (0 = until changed). */
  | { kind: 'blink'; on: boolean; periodMs: number; count: number }
  | { kind: 'ping' };

export type DisplayCommandKind = DisplayCommand['kind'];

export interface DisplayReply {
  address: number;
  /** Echoed sequence number, or null for protocols without one (Modbus). */
  seq: number | null;
  /** 0 = OK; QLP/1: 1 unknown command, 2 bad argument, 3 busy; Modbus: 0x80 + exception code. */
  status: number;
  data: Buffer;
}

/** Splits a byte stream into candidate frames; resynchronises after junk or a bad CRC. */
export interface Framer {
  push(chunk: Buffer): Buffer[];
  reset(): void;
}

export interface DisplayProtocol {
  readonly id: ProtocolId;
  /** Commands this protocol can express; the bus drops others instead of sending garbage. */
  supports(kind: DisplayCommandKind): boolean;
  encode(cmd: DisplayCommand, address: number, seq: number): Buffer[];
  /** False for fire-and-forget protocols and broadcast frames. */
  expectsReply(cmd: DisplayCommand, address: number): boolean;
  /** Host-side framer for replies; absent when the device never answers. */
  createReplyFramer?(): Framer;
  decodeReply?(frame: Buffer): DisplayReply | null;
  /**
   * True when the first frame to each address after the host starts must be a PING, so a
   * device's repeat memory from an earlier host run cannot swallow the first real command.
   */
  readonly sessionStartsWithPing?: boolean;
  /** Suggested pause after each frame, in ms. */
  readonly interFrameMs: number;
  readonly replyTimeoutMs: number;
}

export interface ProtocolOptions {
  /** Characters (QSystem) or 7-segment digits (Modbus LED-485, 4..8) on the display. */
  width?: number;
  /**
   * What a text too wide for the display becomes (Modbus, QSystem): 'number' (default) shows a
   * ticket code's number without its letter when that fits ("A1000" → "1000" on 4 digits),
   * 'dashes' shows "----". Other texts that do not fit always show dashes.
   */
  overflow?: 'number' | 'dashes';
  /**
   * Modbus: how the bus learns a module is alive. 'read' (default) pings with FC03; 'write' for
   * modules that only accept writes: the reply to the last write is the heartbeat, and the
   * ping repeats that write.
   */
  liveness?: 'read' | 'write';
}
