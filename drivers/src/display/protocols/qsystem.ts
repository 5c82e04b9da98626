import { fitText } from '../fit.js';
import type { DisplayCommand, DisplayProtocol, ProtocolOptions } from '../protocol.js';

/**
 * QSystem-style boards, framed byte for byte as QSystem's QIndicatorBoardRS sends them.
 * Source read (GPL, apertum QSystem; same sendMessage in all three copies):
 *   binali-rustamov/apertum-qsystem, afoone/iprocuratio-qsystem, UbuntuEvangelist/cyber-queue,
 *   src/ru/apertum/qsystem/server/controller/QIndicatorBoardRS.java:
 *     final byte[] mess = ("12" + message + "e").getBytes();
 *     mess[0] = 1; mess[mess.length - 1] = 7; mess[1] = adress; serialPort.send(mess);
 *     ... Thread.sleep(300)   // "wait until the COM port and the board have done it"
 *   show():  if (nom.length() < 3) nom = " " + nom + "  ";
 *   clear(): sendMessage("       ", adress)   // seven spaces
 * So a frame is `01 ADDR TEXT 07`: no blink byte (its constructor says the boards "would not
 * digest" blinking), no padding to a width, no checksum, no reply, 300 ms between frames.
 * Text is ASCII: QSystem's getBytes() uses the platform charset; we send '?' for the rest.
 */

export const QSYSTEM_SOH = 0x01;
export const QSYSTEM_BEL = 0x07;
export const QSYSTEM_CLEAR_TEXT = '       ';

function asciiOnly(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0x20 && cp < 0x7f ? ch : '?';
  }
  return out;
}

/** QIndicatorBoardRS.show(): codes shorter than 3 characters get " X  " around them. */
function qsystemShowText(text: string): string {
  return text.length < 3 ? ` ${text}  ` : text;
}

export function encodeQsystemFrame(address: number, text: string): Buffer {
  return Buffer.concat([
    Buffer.from([QSYSTEM_SOH, address]),
    Buffer.from(text, 'latin1'),
    Buffer.from([QSYSTEM_BEL]),
  ]);
}

/**
 * `width` is optional here: QSystem itself sends the text whatever its length. When the board's
 * width is configured, a longer text is fitted (README: overflow), never cut.
 */
export function createQsystemProtocol(options: ProtocolOptions = {}): DisplayProtocol {
  const width = options.width;
  const overflow = options.overflow ?? 'number';
  const fitted = (text: string) =>
    width === undefined ? text : fitText(text, width, overflow, (t) => t.length <= width);
  return {
    id: 'qsystem',
    interFrameMs: 300,
    replyTimeoutMs: 0,
    supports: (kind) => kind === 'show' || kind === 'clear',
    encode(cmd: DisplayCommand, address: number) {
      if (cmd.kind === 'show')
        return [encodeQsystemFrame(address, qsystemShowText(fitted(asciiOnly(cmd.text))))];
      if (cmd.kind === 'clear') return [encodeQsystemFrame(address, QSYSTEM_CLEAR_TEXT)];
      return [];
    },
    expectsReply: () => false,
  };
}
