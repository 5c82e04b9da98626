import type { DisplayCommand, DisplayProtocol, ProtocolOptions } from '../protocol.js';

/**
 * QSystem-style boards (apertum QSystem, QIndicatorBoardRS.java): `SOH addr blink text BEL`,
 * ASCII text padded to the board width, no checksum and no reply. QSystem sleeps 200-300 ms
 * after each frame so the board keeps up, hence interFrameMs.
 */

export const QSYSTEM_SOH = 0x01;
export const QSYSTEM_BEL = 0x07;
/** Blink byte meaning "blink until the next frame". */
export const QSYSTEM_BLINK_FOREVER = 125;

function asciiText(text: string, width: number): Buffer {
  let out = '';
  for (const ch of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0x20 && cp < 0x7f ? ch : '?';
  }
  return Buffer.from(out.slice(0, width).padEnd(width, ' '), 'ascii');
}

/**
 * The blink byte counts blinks (n = blink n times). Boards blink at about 1 Hz in the QSystem
 * sources we read, so seconds map to a count; this is an approximation, see README.
 */
function blinkByte(blinkSeconds: number | undefined): number {
  const s = Math.round(blinkSeconds ?? 0);
  if (s <= 0) return 0;
  if (s >= 255) return QSYSTEM_BLINK_FOREVER;
  return Math.min(QSYSTEM_BLINK_FOREVER - 1, s);
}

export function encodeQsystemFrame(address: number, blink: number, text: Buffer): Buffer {
  return Buffer.concat([Buffer.from([QSYSTEM_SOH, address, blink]), text, Buffer.from([QSYSTEM_BEL])]);
}

export function createQsystemProtocol(options: ProtocolOptions = {}): DisplayProtocol {
  const width = options.width ?? 4;
  return {
    id: 'qsystem',
    interFrameMs: 200,
    replyTimeoutMs: 0,
    supports: (kind) => kind === 'show' || kind === 'clear',
    encode(cmd: DisplayCommand, address: number) {
      if (cmd.kind === 'show')
        return [encodeQsystemFrame(address, blinkByte(cmd.blinkSeconds), asciiText(cmd.text, width))];
      if (cmd.kind === 'clear') return [encodeQsystemFrame(address, 0, asciiText('', width))];
      return [];
    },
    expectsReply: () => false,
  };
}
