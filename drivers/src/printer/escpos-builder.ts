import iconv from 'iconv-lite';

/**
 * A small ESC/POS byte builder. We build bytes ourselves rather than through
 * node-thermal-printer because its text path mangles GBK buffers, its `setTextSize` swaps the
 * nibbles and its `printQR` takes the length in UTF-16 units (devices.md §1.4).
 */

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };

/** How text bytes are produced: GB18030 for printers in Chinese mode, plain ASCII otherwise. */
export type TextEncoding = 'gb18030' | 'ascii';

/**
 * Encodes text as GB18030 but only with 1- and 2-byte sequences: Chinese receipt printers hold
 * the 2-byte area only ("GB18030 only supports double bytes", SP91 manual), so a character
 * that needs a 4-byte sequence (e.g. U+20BB7 𠮷) becomes '?'.
 */
export function encodeGb18030TwoByte(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text) {
    const bytes = iconv.encode(ch, 'gb18030');
    parts.push(bytes.length <= 2 ? bytes : Buffer.from('?'));
  }
  return Buffer.concat(parts);
}

/**
 * Encodes text for a printer without a CJK font: accents are stripped (é → e) and anything
 * else outside printable ASCII becomes '?'.
 */
export function encodeAsciiOnly(text: string): Buffer {
  const plain = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let out = '';
  for (const ch of plain) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0x20 && cp < 0x7f ? ch : '?';
  }
  return Buffer.from(out, 'ascii');
}

export interface QrOptions {
  /** Module size in dots, 1..16 (printers commonly accept 1..8). */
  cellSize?: number;
}

export class EscPosBuilder {
  private readonly parts: Buffer[] = [];

  constructor(private readonly encoding: TextEncoding = 'ascii') {}

  raw(bytes: Buffer | readonly number[]): this {
    this.parts.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
    return this;
  }

  /** ESC @: reset modes (alignment, size, bold) to power-on defaults. */
  init(): this {
    return this.raw([ESC, 0x40]);
  }

  /** FS &: select Chinese (double-byte) mode; FS . cancels it. */
  chineseMode(on: boolean): this {
    return this.raw([FS, on ? 0x26 : 0x2e]);
  }

  align(align: Align): this {
    return this.raw([ESC, 0x61, ALIGN_CODE[align]]);
  }

  /**
   * GS ! n: bits 4-7 = width multiplier - 1, bits 0-3 = height multiplier - 1. Applies to CJK
   * glyphs too on Chinese printers, unlike ESC ! on some models.
   */
  size(width: number, height: number): this {
    for (const m of [width, height]) {
      if (!Number.isInteger(m) || m < 1 || m > 8) throw new RangeError(`text size must be 1..8, got ${m}`);
    }
    return this.raw([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
  }

  bold(on: boolean): this {
    return this.raw([ESC, 0x45, on ? 1 : 0]);
  }

  text(text: string): this {
    return this.raw(this.encoding === 'gb18030' ? encodeGb18030TwoByte(text) : encodeAsciiOnly(text));
  }

  newline(): this {
    return this.raw([LF]);
  }

  line(text: string): this {
    return this.text(text).newline();
  }

  /** ESC d n: print the buffer and feed n lines. */
  feed(lines: number): this {
    if (!Number.isInteger(lines) || lines < 0 || lines > 255)
      throw new RangeError(`feed 0..255, got ${lines}`);
    return this.raw([ESC, 0x64, lines]);
  }

  /** GS V 0: full cut. Feed first: the cutter sits a few lines above the print head. */
  cut(): this {
    return this.raw([GS, 0x56, 0x00]);
  }

  /**
   * QR code, model 2, error correction M. pL/pH hold the *byte* length of the data + 3.
   * Data is sent as UTF-8 bytes; keep it ASCII (URL-encode) for scanner compatibility.
   */
  qr(data: string, options: QrOptions = {}): this {
    const cellSize = options.cellSize ?? 6;
    if (!Number.isInteger(cellSize) || cellSize < 1 || cellSize > 16) {
      throw new RangeError(`QR cell size 1..16, got ${cellSize}`);
    }
    const bytes = Buffer.from(data, 'utf8');
    const storeLength = bytes.length + 3;
    if (storeLength > 0xffff) throw new RangeError('QR data too long');
    return this.raw([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]) // model 2
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, cellSize]) // module size
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]) // ECC level M
      .raw([GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30])
      .raw(bytes)
      .raw([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]); // print the stored symbol
  }

  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}
