import { appendCrc, hasValidCrc } from '../crc16.js';
import { fitText } from '../fit.js';
import type { DisplayCommand, DisplayProtocol, DisplayReply, Framer, ProtocolOptions } from '../protocol.js';

/**
 * Modbus RTU "LED-485" 7-segment modules (register map from sman-dk/LED-485_setuptool,
 * led-485_setuptool.py): FC06 0x0000 value, 0x0002 unit id, 0x0003 baud index, 0x0004 decimal
 * point; FC16 0x0080 raw segment bytes, two digits per register. We use FC16 at 0x0080 (so
 * letters like "A012" work) and, for liveness, FC03 on 0x0002 or a repeat of the last write.
 */

export const LED485_REG_VALUE = 0x0000;
export const LED485_REG_UNIT_ID = 0x0002;
export const LED485_REG_SEGMENTS = 0x0080;

export const ModbusFunction = { READ_HOLDING: 0x03, WRITE_SINGLE: 0x06, WRITE_MULTIPLE: 0x10 } as const;

// biome-ignore format: a table reads better in rows
/**
 * Segment bits: bit0 = a (top) … bit6 = g (middle), bit7 = decimal point. Letters and digits
 * are the setup tool's `map_tbl`, byte for byte (its I, J, S differ from textbook 7-segment
 * shapes); '-' is ours, for dashes. The tool maps '_' to a blank, so do we.
 */
export const SEGMENTS: Readonly<Record<string, number>> = {
  ' ': 0x00, '0': 0x3f, '1': 0x06, '2': 0x5b, '3': 0x4f, '4': 0x66, '5': 0x6d, '6': 0x7d, '7': 0x07,
  '8': 0x7f, '9': 0x6f, A: 0x77, B: 0x7c, C: 0x39, D: 0x5e, E: 0x79, F: 0x71, G: 0x3d, H: 0x76,
  I: 0x10, J: 0x0e, K: 0x7a, L: 0x38, M: 0x55, N: 0x54, O: 0x5c, P: 0x73, Q: 0x67, R: 0x50,
  S: 0x64, T: 0x78, U: 0x3e, V: 0x62, W: 0x6a, X: 0x36, Y: 0x6e, Z: 0x49, '-': 0x40,
};

const DECIMAL_POINT = 0x80;
export const LED485_MIN_WIDTH = 4;
export const LED485_MAX_WIDTH = 8;

const normalise = (text: string) => text.toUpperCase().replaceAll('_', ' ');

/** Digits a text takes ('.' rides on the digit before it), or null if a character has no glyph. */
function digitCount(text: string): number | null {
  let count = 0;
  for (const [i, ch] of [...text].entries()) {
    if (ch === '.' && i > 0) continue;
    if (SEGMENTS[ch] === undefined) return null;
    count++;
  }
  return count;
}

/**
 * Text to one segment byte per digit, left-aligned and blank-padded at the end, as the setup
 * tool writes strings. '.' lights the previous digit's point. The caller makes the text fit.
 */
export function textToSegments(text: string, digits: number): Buffer {
  const cells: number[] = [];
  for (const ch of normalise(text)) {
    if (ch === '.' && cells.length > 0) {
      cells[cells.length - 1] = (cells[cells.length - 1] ?? 0) | DECIMAL_POINT;
      continue;
    }
    cells.push(SEGMENTS[ch] ?? 0x00);
  }
  return Buffer.from([...cells, ...new Array<number>(digits).fill(0)].slice(0, digits));
}

const SEGMENT_TO_CHAR = new Map<number, string>(Object.entries(SEGMENTS).map(([ch, seg]) => [seg, ch]));

/** Inverse of textToSegments, for the simulator. Unknown patterns read as '?'. */
export function segmentsToText(segments: Buffer): string {
  let out = '';
  for (const seg of segments) {
    out += SEGMENT_TO_CHAR.get(seg & 0x7f) ?? '?';
    if (seg & DECIMAL_POINT) out += '.';
  }
  return out;
}

export function encodeWriteMultiple(unit: number, register: number, values: readonly number[]): Buffer {
  const head = Buffer.alloc(7);
  head.writeUInt8(unit, 0);
  head.writeUInt8(ModbusFunction.WRITE_MULTIPLE, 1);
  head.writeUInt16BE(register, 2);
  head.writeUInt16BE(values.length, 4);
  head.writeUInt8(values.length * 2, 6);
  const data = Buffer.alloc(values.length * 2);
  for (const [i, v] of values.entries()) data.writeUInt16BE(v, i * 2);
  return appendCrc(Buffer.concat([head, data]));
}

export function encodeWriteSingle(unit: number, register: number, value: number): Buffer {
  return encodeRegisterWord(unit, ModbusFunction.WRITE_SINGLE, register, value);
}

export function encodeReadHolding(unit: number, register: number, count: number): Buffer {
  return encodeRegisterWord(unit, ModbusFunction.READ_HOLDING, register, count);
}

/** The frame functions 0x03 and 0x06 share: unit, function, register, one 16-bit word, CRC. */
function encodeRegisterWord(unit: number, fn: number, register: number, word: number): Buffer {
  const body = Buffer.alloc(6);
  body.writeUInt8(unit, 0);
  body.writeUInt8(fn, 1);
  body.writeUInt16BE(register, 2);
  body.writeUInt16BE(word, 4);
  return appendCrc(body);
}

/** Segment bytes → register values, first digit in the high byte (Modbus is big-endian). */
export function segmentsToRegisters(segments: Buffer): number[] {
  const regs: number[] = [];
  for (let i = 0; i < segments.length; i += 2) regs.push(((segments[i] ?? 0) << 8) | (segments[i + 1] ?? 0));
  return regs;
}

/**
 * RTU frames are delimited by silence, which a pty does not preserve; with one request in
 * flight the length follows from the function code instead. `side` says whose frames we read.
 */
function expectedLength(buf: Buffer, side: 'request' | 'response'): number | null {
  const fc = buf[1];
  if (fc === undefined) return null;
  if (side === 'response') {
    if (fc & 0x80) return 5;
    if (fc === ModbusFunction.READ_HOLDING) return buf.length >= 3 ? 5 + (buf[2] ?? 0) : null;
    if (fc === ModbusFunction.WRITE_SINGLE || fc === ModbusFunction.WRITE_MULTIPLE) return 8;
    return -1;
  }
  if (fc === ModbusFunction.READ_HOLDING || fc === ModbusFunction.WRITE_SINGLE) return 8;
  if (fc === ModbusFunction.WRITE_MULTIPLE) return buf.length >= 7 ? 9 + (buf[6] ?? 0) : null;
  return -1;
}

export class ModbusRtuFramer implements Framer {
  private buffer = Buffer.alloc(0);
  constructor(private readonly side: 'request' | 'response') {}

  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    while (this.buffer.length >= 2) {
      const length = expectedLength(this.buffer, this.side);
      if (length === null || (length > 0 && this.buffer.length < length)) break;
      const candidate = length > 0 ? this.buffer.subarray(0, length) : null;
      if (candidate && hasValidCrc(candidate)) {
        frames.push(Buffer.from(candidate));
        this.buffer = this.buffer.subarray(length);
      } else {
        this.buffer = this.buffer.subarray(1); // junk or bad CRC: resynchronise byte by byte
      }
    }
    return frames;
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}

export function createModbusLed485Protocol(options: ProtocolOptions = {}): DisplayProtocol {
  const digits = options.width ?? 4;
  if (!Number.isInteger(digits) || digits < LED485_MIN_WIDTH || digits > LED485_MAX_WIDTH)
    throw new RangeError(
      `LED-485 width must be ${LED485_MIN_WIDTH}..${LED485_MAX_WIDTH} digits, got ${digits}`,
    );
  const overflow = options.overflow ?? 'number';
  const liveness = options.liveness ?? 'read';
  const fits = (t: string) => (digitCount(t) ?? Number.POSITIVE_INFINITY) <= digits;
  /** Last segment write per unit: in 'write' liveness it doubles as the ping. */
  const lastWrite = new Map<number, Buffer>();
  const segmentFrame = (address: number, text: string) => {
    const shown = fitText(normalise(text), digits, overflow, fits);
    const frame = encodeWriteMultiple(
      address,
      LED485_REG_SEGMENTS,
      segmentsToRegisters(textToSegments(shown, digits + (digits % 2))),
    );
    lastWrite.set(address, frame);
    return frame;
  };
  return {
    id: 'modbus-led485',
    interFrameMs: 4,
    replyTimeoutMs: 100,
    supports: (kind) => kind === 'show' || kind === 'clear' || kind === 'ping',
    encode(cmd: DisplayCommand, address: number) {
      if (cmd.kind === 'show') return [segmentFrame(address, cmd.text)];
      if (cmd.kind === 'clear') return [segmentFrame(address, '')];
      if (cmd.kind === 'ping') {
        if (liveness === 'read') return [encodeReadHolding(address, LED485_REG_UNIT_ID, 1)];
        // Write-only modules: repeating the last write is harmless and its reply is the heartbeat.
        return [lastWrite.get(address) ?? segmentFrame(address, '')];
      }
      return [];
    },
    // Unit 0 is the Modbus broadcast address: slaves never answer it.
    expectsReply: (_cmd, address) => address !== 0,
    createReplyFramer: () => new ModbusRtuFramer('response'),
    decodeReply(frame): DisplayReply | null {
      if (!hasValidCrc(frame) || frame.length < 5) return null;
      const fc = frame[1] ?? 0;
      return {
        address: frame[0] ?? 0,
        seq: null,
        status: fc & 0x80 ? 0x80 | (frame[2] ?? 0) : 0,
        data: Buffer.from(frame.subarray(2, frame.length - 2)),
      };
    },
  };
}
