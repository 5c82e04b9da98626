import { appendCrc, hasValidCrc } from '../display/crc16.js';
import { decodeGb2312 } from '../display/gb2312.js';

/**
 * QLP/1 display firmware, written from the specification in drivers/README.md (not from the
 * host driver): receiver, repeat rule, commands, status codes, panel width. One instance stands
 * for every display on a line; `onBytes` returns the reply frames to put on the wire.
 */

export interface Qlp1PanelState {
  text: string;
  blinking: boolean;
  brightness: number;
  /** True when the text is wider than the panel: the spec says scroll it, never cut it. */
  scrolling: boolean;
  /** SHOW_FIELDS only: the fields in order. */
  fields?: string[];
}

export interface Qlp1DeviceOptions {
  /** Addresses present on the line; a function so SET_ADDR can move one. */
  present: (address: number) => boolean;
  /** Panel width in cells: an ASCII byte is one cell, a GB2312 character (2 bytes) two. */
  width: number;
  /** SET_ADDR is accepted (power-up window or jumper). */
  setupWindow: () => boolean;
  /** A command changed what an address shows. blinkSeconds: how long the blink lasts. */
  apply: (address: number, patch: Partial<Qlp1PanelState>, blinkSeconds: number) => void;
  state: (address: number) => Qlp1PanelState;
  /** SET_ADDR accepted: the display answers from `from`, then listens on `to`. */
  moveAddress: (from: number, to: number) => void;
}

const STX = 0x02;
const BROADCAST = 0xff;
const MAX_LEN = 64;
const MAX_TEXT = 48;
const Status = { OK: 0, UNKNOWN: 1, BAD_ARGUMENT: 2, NOT_ALLOWED: 4 } as const;

export class Qlp1Device {
  private rx = Buffer.alloc(0);
  /** Repeat memory per address: SEQ+CMD of the last frame and the reply it got. */
  private readonly last = new Map<number, { seq: number; cmd: number; reply: Buffer | null }>();
  private lastBroadcast: { seq: number; cmd: number } | null = null;

  constructor(private readonly o: Qlp1DeviceOptions) {}

  reset(): void {
    this.rx = Buffer.alloc(0);
  }

  /** Receiver from the spec: hunt STX, read LEN, wait for 7+LEN bytes, check the CRC. */
  onBytes(chunk: Buffer): Buffer[] {
    this.rx = Buffer.concat([this.rx, chunk]);
    const replies: Buffer[] = [];
    for (;;) {
      const start = this.rx.indexOf(STX);
      if (start < 0) {
        this.rx = Buffer.alloc(0);
        break;
      }
      this.rx = this.rx.subarray(start);
      if (this.rx.length < 5) break;
      const len = this.rx[4] ?? 0;
      if (len > MAX_LEN) {
        this.rx = this.rx.subarray(1);
        continue;
      }
      if (this.rx.length < 7 + len) break;
      const frame = this.rx.subarray(0, 7 + len);
      if (!hasValidCrc(frame.subarray(1))) {
        this.rx = this.rx.subarray(1); // drop only the STX: a false one must not eat a frame
        continue;
      }
      this.rx = this.rx.subarray(frame.length);
      const reply = this.onFrame(frame[1] ?? 0, frame[2] ?? 0, frame[3] ?? 0, frame.subarray(5, 5 + len));
      if (reply) replies.push(reply);
    }
    return replies;
  }

  private onFrame(address: number, seq: number, cmd: number, payload: Buffer): Buffer | null {
    if (cmd & 0x80) return null; // a reply (echo, or another display's answer): never act on it
    if (address === BROADCAST) {
      const b = this.lastBroadcast;
      this.lastBroadcast = { seq, cmd };
      if (b && b.seq === seq && b.cmd === cmd) return null; // the host sends broadcasts twice
      this.execute(address, cmd, payload);
      return null;
    }
    if (!this.o.present(address)) return null;
    const last = this.last.get(address);
    if (last && last.seq === seq && last.cmd === cmd) return last.reply; // retry: answer, don't apply
    const { status, data } = this.execute(address, cmd, payload);
    const reply = appendCrc(Buffer.from([address, seq, cmd | 0x80, 1 + data.length, status, ...data]));
    const framed = Buffer.concat([Buffer.from([STX]), reply]);
    this.last.set(address, { seq, cmd, reply: framed });
    if (cmd === 0x7e && status === Status.OK) {
      this.o.moveAddress(address, data[0] ?? address);
      this.last.delete(address);
    }
    return framed;
  }

  private execute(address: number, cmd: number, p: Buffer): { status: number; data: number[] } {
    const ok = { status: Status.OK, data: [] as number[] };
    const bad = { status: Status.BAD_ARGUMENT, data: [] as number[] };
    switch (cmd) {
      case 0x01: {
        if (p.length < 2 || p.length - 2 > MAX_TEXT) return bad; // over-long text: keep the old one
        const text = p.subarray(2);
        const blinkSeconds = (p[0] ?? 0) & 1 ? (p[1] ?? 0) : 0;
        this.o.apply(
          address,
          { ...this.shown(decodeGb2312(text), text.length), blinking: blinkSeconds > 0 },
          blinkSeconds,
        );
        return ok;
      }
      case 0x02:
        this.o.apply(address, { ...this.shown('', 0), blinking: false }, 0);
        return ok;
      case 0x03:
        if (p.length !== 1 || (p[0] ?? 0) > 15) return bad;
        this.o.apply(address, { brightness: p[0] ?? 15 }, 0);
        return ok;
      case 0x04: {
        if (p.length !== 3 || (p[0] ?? 0) > 1) return bad;
        const [on = 0, period = 50, count = 0] = p;
        const seconds = count === 0 ? 255 : Math.max(1, Math.round((count * period) / 100));
        this.o.apply(address, { blinking: on === 1 }, on === 1 ? seconds : 0);
        return ok;
      }
      case 0x05: {
        const s = this.o.state(address);
        return { status: Status.OK, data: [1, 1, s.brightness, (s.blinking ? 1 : 0) | (s.text ? 2 : 0)] };
      }
      case 0x06:
        return this.showFields(address, p) ? ok : bad;
      case 0x7e: {
        const to = p[0] ?? 0;
        if (p.length !== 1 || to < 1 || to > 247) return bad;
        if (!this.o.setupWindow()) return { status: Status.NOT_ALLOWED, data: [] };
        return { status: Status.OK, data: [to] };
      }
      default:
        return { status: Status.UNKNOWN, data: [] };
    }
  }

  /** SHOW_FIELDS: n (1..4), then n × (len, bytes); fields shown steady, left to right. */
  private showFields(address: number, p: Buffer): boolean {
    const n = p[0] ?? 0;
    if (n < 1 || n > 4) return false;
    const fields: string[] = [];
    let at = 1;
    let cells = 0;
    for (let i = 0; i < n; i++) {
      const len = p[at] ?? 0;
      if (at + 1 + len > p.length || len > MAX_TEXT) return false;
      const bytes = p.subarray(at + 1, at + 1 + len);
      fields.push(decodeGb2312(bytes));
      cells += bytes.length;
      at += 1 + len;
    }
    if (at !== p.length) return false;
    this.o.apply(address, { ...this.shown(fields.join(' '), cells + n - 1), fields, blinking: false }, 0);
    return true;
  }

  private shown(text: string, cells: number): Partial<Qlp1PanelState> {
    return { text, scrolling: cells > this.o.width, fields: undefined };
  }
}
