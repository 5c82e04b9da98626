import iconv from 'iconv-lite';

export interface DecodedTicket {
  /**
   * Printed text, one line per LF, control sequences removed, trailing blank lines dropped.
   * A raster image (`GS v 0`) is a line `[image <width dots>x<height dots>]`.
   */
  text: string;
  /** QR payloads in print order. */
  qr: string[];
  /** Every byte of the ticket except real-time status queries, up to and including the cut. */
  raw: Buffer;
}

export interface DecoderHandlers {
  /** DLE EOT n arrived; the caller answers with one status byte. */
  onStatusQuery(n: number): void;
  onCut(ticket: DecodedTicket): void;
}

/** Parameter bytes after ESC x / FS x / GS x for the commands that are not special-cased. */
const ESC_ARGS: Record<number, number> = { 64: 0, 50: 0, 66: 2, 112: 3 };
const FS_ARGS: Record<number, number> = { 38: 0, 46: 0, 112: 2 };
const GS_ARGS: Record<number, number> = { 76: 2, 87: 2, 80: 2 };

/**
 * Decodes the ESC/POS byte stream a receipt printer receives, the way the simulator prints it:
 * text in Chinese mode as GB18030 double bytes, otherwise ASCII (CP437 above 0x7F).
 * push() keeps an incomplete command until the rest of it arrives.
 */
export class EscPosDecoder {
  private pending = Buffer.alloc(0);
  private chinese = false;
  private lines: string[] = [];
  private line = '';
  private qr: string[] = [];
  private storedQr = '';
  private raw: Buffer[] = [];

  constructor(private readonly handlers: DecoderHandlers) {}

  push(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    let i = 0;
    while (i < this.pending.length) {
      const used = this.step(this.pending.subarray(i));
      if (used === 0) break; // incomplete command: wait for more bytes
      i += used;
    }
    this.pending = this.pending.subarray(i);
  }

  /** Handles the command at the start of buf; returns bytes consumed, 0 if incomplete. */
  private step(buf: Buffer): number {
    const b = buf[0] ?? 0;
    if (b === 0x10) {
      if (buf.length < 3) return 0;
      if (buf[1] === 0x04) {
        this.handlers.onStatusQuery(buf[2] ?? 0);
        return 3; // real-time: not part of the ticket
      }
      return this.keep(buf, buf[1] === 0x14 ? 5 : 3);
    }
    if (b === 0x1b) return this.escape(buf);
    if (b === 0x1c) return this.fs(buf);
    if (b === 0x1d) return this.gs(buf);
    if (b === 0x0a) {
      this.flushLine();
      return this.keep(buf, 1);
    }
    if (b < 0x20 || b === 0x7f) return this.keep(buf, 1);
    if (this.chinese && b >= 0x81 && b <= 0xfe) {
      if (buf.length < 2) return 0;
      this.line += iconv.decode(buf.subarray(0, 2), 'gb18030');
      return this.keep(buf, 2);
    }
    this.line += b < 0x80 ? String.fromCharCode(b) : iconv.decode(buf.subarray(0, 1), 'cp437');
    return this.keep(buf, 1);
  }

  private escape(buf: Buffer): number {
    if (buf.length < 2) return 0;
    const c = buf[1] ?? 0;
    if (c === 0x40) this.chinese = false; // ESC @ resets the modes; FS & must follow it
    if (c === 0x64 && buf.length >= 3) this.flushLine(); // ESC d n prints the line buffer
    if (c === 0x2a) {
      // ESC * m nL nH: bit image, 1 byte per column for m < 2, else 3.
      if (buf.length < 5) return 0;
      const columns = (buf[3] ?? 0) + (buf[4] ?? 0) * 256;
      return this.keep(buf, 5 + columns * ((buf[2] ?? 0) < 2 ? 1 : 3));
    }
    return this.keep(buf, 2 + (ESC_ARGS[c] ?? 1));
  }

  private fs(buf: Buffer): number {
    if (buf.length < 2) return 0;
    const c = buf[1] ?? 0;
    if (c === 0x26) this.chinese = true;
    if (c === 0x2e) this.chinese = false;
    return this.keep(buf, 2 + (FS_ARGS[c] ?? 1));
  }

  private gs(buf: Buffer): number {
    if (buf.length < 2) return 0;
    const c = buf[1] ?? 0;
    if (c === 0x28) {
      if (buf.length < 5) return 0;
      const len = (buf[3] ?? 0) + (buf[4] ?? 0) * 256;
      if (buf.length < 5 + len) return 0;
      if (buf[2] === 0x6b) this.qrFunction(buf.subarray(5, 5 + len));
      return this.keep(buf, 5 + len);
    }
    if (c === 0x56) {
      if (buf.length < 3) return 0;
      const m = buf[2] ?? 0;
      const size = m === 65 || m === 66 ? 4 : 3;
      if (buf.length < size) return 0;
      this.keep(buf, size);
      this.cut();
      return size;
    }
    if (c === 0x76) {
      // GS v 0 m xL xH yL yH: raster image, xBytes × yDots of data, printed on lines of its own.
      // Its data is skipped whole: it may contain any byte, including 0A, 1B, 1D or 10 04.
      if (buf.length < 8) return 0;
      const xBytes = (buf[4] ?? 0) + (buf[5] ?? 0) * 256;
      const yDots = (buf[6] ?? 0) + (buf[7] ?? 0) * 256;
      const size = 8 + xBytes * yDots;
      if (buf.length < size) return 0;
      if (this.line) this.flushLine();
      this.lines.push(`[image ${xBytes * 8}x${yDots}]`);
      return this.keep(buf, size);
    }
    return this.keep(buf, 2 + (GS_ARGS[c] ?? 1));
  }

  /** GS ( k: fn 0x50 stores QR data (after cn fn m), fn 0x51 prints it. */
  private qrFunction(data: Buffer): void {
    if (data[0] !== 0x31) return;
    if (data[1] === 0x50) this.storedQr = data.subarray(3).toString('utf8');
    if (data[1] === 0x51) this.qr.push(this.storedQr);
  }

  private keep(buf: Buffer, size: number): number {
    if (buf.length < size) return 0;
    this.raw.push(Buffer.from(buf.subarray(0, size)));
    return size;
  }

  private flushLine(): void {
    this.lines.push(this.line);
    this.line = '';
  }

  private cut(): void {
    if (this.line) this.flushLine();
    const lines = this.lines.map((l) => l.trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    this.handlers.onCut({ text: lines.join('\n'), qr: this.qr, raw: Buffer.concat(this.raw) });
    this.lines = [];
    this.qr = [];
    this.raw = [];
  }
}
