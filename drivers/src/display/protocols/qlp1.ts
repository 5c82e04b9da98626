import { appendCrc, hasValidCrc } from '../crc16.js';
import { decodeGb2312, encodeGb2312Char, GB2312_REPLACEMENT } from '../gb2312.js';
import type { DisplayCommand, DisplayProtocol, DisplayReply, Framer } from '../protocol.js';

/**
 * QLP/1, Guichet's own LED counter display protocol (full specification in drivers/README.md).
 * Frame: STX ADDR SEQ CMD LEN PAYLOAD[LEN] CRClo CRChi, CRC-16/MODBUS over ADDR..PAYLOAD.
 * Replies use the same layout with CMD | 0x80 and PAYLOAD[0] = status.
 */

export const QLP_STX = 0x02;
export const QLP_MAX_PAYLOAD = 64;
export const QLP_MAX_TEXT_BYTES = 48;
export const QLP_BROADCAST = 0xff;
export const QLP_OVERHEAD = 7;

export const QlpCommand = {
  SHOW: 0x01,
  CLEAR: 0x02,
  BRIGHTNESS: 0x03,
  BLINK: 0x04,
  PING: 0x05,
  SHOW_FIELDS: 0x06,
  SET_ADDR: 0x7e,
} as const;

export const QlpStatus = { OK: 0, UNKNOWN_COMMAND: 1, BAD_ARGUMENT: 2, BUSY: 3, NOT_ALLOWED: 4 } as const;

export const QlpShowFlags = { BLINK: 0x01, BEEP: 0x02, INVERT: 0x04 } as const;

export interface QlpFrame {
  address: number;
  seq: number;
  command: number;
  payload: Buffer;
}

export function encodeQlpFrame(frame: QlpFrame): Buffer {
  if (frame.payload.length > QLP_MAX_PAYLOAD) throw new RangeError('QLP payload longer than 64 bytes');
  const body = Buffer.concat([
    Buffer.from([frame.address, frame.seq & 0xff, frame.command, frame.payload.length]),
    frame.payload,
  ]);
  return Buffer.concat([Buffer.from([QLP_STX]), appendCrc(body)]);
}

/** Parses one complete frame (STX..CRC). Returns null on a bad length or CRC. */
export function decodeQlpFrame(frame: Buffer): QlpFrame | null {
  if (frame.length < QLP_OVERHEAD || frame[0] !== QLP_STX) return null;
  const len = frame[4] ?? 0;
  if (frame.length !== QLP_OVERHEAD + len || !hasValidCrc(frame.subarray(1))) return null;
  return {
    address: frame[1] ?? 0,
    seq: frame[2] ?? 0,
    command: frame[3] ?? 0,
    payload: Buffer.from(frame.subarray(5, 5 + len)),
  };
}

/**
 * Stream framer: finds STX, waits for LEN, checks the CRC. On a bad CRC it drops only the STX
 * byte and rescans, so a false STX inside junk cannot swallow the real frame that follows.
 */
export class QlpFrameParser implements Framer {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const start = this.buffer.indexOf(QLP_STX);
      if (start < 0) {
        this.buffer = Buffer.alloc(0);
        break;
      }
      this.buffer = this.buffer.subarray(start);
      if (this.buffer.length < 5) break;
      const len = this.buffer[4] ?? 0;
      if (len > QLP_MAX_PAYLOAD) {
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      if (this.buffer.length < QLP_OVERHEAD + len) break;
      const candidate = this.buffer.subarray(0, QLP_OVERHEAD + len);
      if (decodeQlpFrame(candidate)) {
        frames.push(Buffer.from(candidate));
        this.buffer = this.buffer.subarray(candidate.length);
      } else {
        this.buffer = this.buffer.subarray(1);
      }
    }
    return frames;
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}

/**
 * Text bytes: printable ASCII as is, Chinese as GB2312 double bytes (never GBK-only cells);
 * a character outside both becomes '?'. Cut at 48 bytes on a character boundary, which only
 * ever shortens long messages: a ticket code is far shorter (README, QLP/1 text).
 */
export function encodeQlpText(text: string): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  for (const ch of text.normalize('NFC')) {
    const bytes = encodeGb2312Char(ch) ?? Buffer.from(GB2312_REPLACEMENT);
    if (size + bytes.length > QLP_MAX_TEXT_BYTES) break;
    parts.push(bytes);
    size += bytes.length;
  }
  return Buffer.concat(parts);
}

export function decodeQlpText(bytes: Buffer): string {
  return decodeGb2312(bytes);
}

function payloadFor(cmd: DisplayCommand): { command: number; payload: Buffer } {
  switch (cmd.kind) {
    case 'show': {
      const blinkSeconds = Math.max(0, Math.min(255, Math.round(cmd.blinkSeconds ?? 0)));
      const flags = (blinkSeconds > 0 ? QlpShowFlags.BLINK : 0) | (cmd.beep ? QlpShowFlags.BEEP : 0);
      return {
        command: QlpCommand.SHOW,
        payload: Buffer.concat([Buffer.from([flags, blinkSeconds]), encodeQlpText(cmd.text)]),
      };
    }
    case 'clear':
      return { command: QlpCommand.CLEAR, payload: Buffer.alloc(0) };
    case 'brightness': {
      const level = Math.max(0, Math.min(15, Math.round(cmd.level)));
      return { command: QlpCommand.BRIGHTNESS, payload: Buffer.from([level]) };
    }
    case 'blink': {
      const period = Math.max(1, Math.min(255, Math.round(cmd.periodMs / 10)));
      const count = Math.max(0, Math.min(255, Math.round(cmd.count)));
      return { command: QlpCommand.BLINK, payload: Buffer.from([cmd.on ? 1 : 0, period, count]) };
    }
    case 'ping':
      return { command: QlpCommand.PING, payload: Buffer.alloc(0) };
  }
}

export function createQlp1Protocol(): DisplayProtocol {
  return {
    id: 'qlp1',
    // The repeat rule compares SEQ+CMD with the last frame to the same address, so a new host
    // session opens each address with a PING (README, QLP/1 "SEQ and repeats").
    sessionStartsWithPing: true,
    interFrameMs: 4,
    replyTimeoutMs: 100,
    supports: () => true,
    encode(cmd, address, seq) {
      const frame = encodeQlpFrame({ address, seq, ...payloadFor(cmd) });
      // Broadcasts are never acknowledged, so they go out twice (README, QLP/1 timing).
      return address === QLP_BROADCAST ? [frame, frame] : [frame];
    },
    expectsReply: (_cmd, address) => address !== QLP_BROADCAST,
    createReplyFramer: () => new QlpFrameParser(),
    decodeReply(frame): DisplayReply | null {
      const decoded = decodeQlpFrame(frame);
      if (!decoded || (decoded.command & 0x80) === 0 || decoded.payload.length < 1) return null;
      return {
        address: decoded.address,
        seq: decoded.seq,
        status: decoded.payload[0] ?? 0,
        data: decoded.payload.subarray(1),
      };
    },
  };
}
