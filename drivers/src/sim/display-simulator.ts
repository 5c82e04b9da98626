import { EventEmitter } from 'node:events';
import { appendCrc } from '../display/crc16.js';
import type { Framer, ProtocolId } from '../display/protocol.js';
import { LED485_REG_SEGMENTS, ModbusRtuFramer, segmentsToText } from '../display/protocols/modbus-led485.js';
import { QSYSTEM_BEL, QSYSTEM_SOH } from '../display/protocols/qsystem.js';
import { ReconnectingSerialPort } from '../reconnecting-port.js';
import type { PortFactory } from '../serial-port.js';
import { Qlp1Device, type Qlp1PanelState } from './qlp1-device.js';

export type SimulatedDisplayState = Qlp1PanelState;

export interface DisplaySimulatorOptions {
  path: string;
  protocol: ProtocolId;
  baudRate?: number;
  portFactory?: PortFactory;
  /** Addresses that answer; default: every address. */
  addresses?: number[];
  /** Panel width: QLP/1 cells (default 8), Modbus digits (default 4), QSystem characters. */
  width?: number;
  /** Modbus: 'ignore' simulates a module that only accepts writes (no FC03 answer). */
  modbusReads?: 'answer' | 'ignore';
  /** QLP/1: SET_ADDR accepted (power-up window or jumper closed). */
  setupWindow?: boolean;
}

/** Splits SOH addr text BEL frames (QSystem has no length and no checksum). */
class QsystemFramer implements Framer {
  private buffer = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const start = this.buffer.indexOf(QSYSTEM_SOH);
      if (start < 0) break;
      const end = this.buffer.indexOf(QSYSTEM_BEL, start + 2); // byte 1 is the address
      if (end < 0) break;
      frames.push(Buffer.from(this.buffer.subarray(start, end + 1)));
      this.buffer = this.buffer.subarray(end + 1);
    }
    return frames;
  }
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}

/**
 * A serial LED display (or a whole RS-485 line of them) on the far end of a port: decodes the
 * frames, keeps what each address shows, and answers like firmware would. QLP/1 behaviour is
 * in qlp1-device.ts, written from the spec.
 * Events: 'changed' (address, SimulatedDisplayState).
 */
export class DisplaySimulator extends EventEmitter {
  readonly current = new Map<number, SimulatedDisplayState>();
  /** Every frame received, in order (retries included). */
  readonly received: Buffer[] = [];
  private readonly port: ReconnectingSerialPort;
  private readonly framer: Framer | null;
  private readonly qlp: Qlp1Device | null;
  private readonly silent = new Set<number>();
  private readonly moved = new Map<number, number>();
  private readonly blinkTimers = new Map<number, NodeJS.Timeout>();
  private setupWindow: boolean;

  constructor(private readonly options: DisplaySimulatorOptions) {
    super();
    this.port = new ReconnectingSerialPort({ ...options, minBackoffMs: 100, maxBackoffMs: 1000 });
    this.setupWindow = options.setupWindow ?? false;
    this.qlp =
      options.protocol === 'qlp1'
        ? new Qlp1Device({
            present: (a) => this.answers(a),
            width: options.width ?? 8,
            setupWindow: () => this.setupWindow,
            apply: (a, patch, blinkSeconds) => this.applyTo(a, patch, blinkSeconds),
            state: (a) => this.state(a),
            moveAddress: (from, to) => this.moveAddress(from, to),
          })
        : null;
    this.framer =
      options.protocol === 'modbus-led485'
        ? new ModbusRtuFramer('request')
        : options.protocol === 'qsystem'
          ? new QsystemFramer()
          : null;
  }

  async start(): Promise<void> {
    this.port.on('data', (chunk: Buffer) => this.onData(chunk));
    this.port.on('connected', () => {
      this.framer?.reset();
      this.qlp?.reset();
    });
    await this.port.start();
  }

  get connected(): boolean {
    return this.port.connected;
  }

  async stop(): Promise<void> {
    for (const t of this.blinkTimers.values()) clearTimeout(t);
    await this.port.stop();
  }

  /** A silent display receives but never answers, as if unplugged from the bus. */
  setSilent(address: number, silent: boolean): void {
    if (silent) this.silent.add(address);
    else this.silent.delete(address);
  }

  /** QLP/1: open or close the SET_ADDR window (power-up / jumper). */
  setSetupWindow(open: boolean): void {
    this.setupWindow = open;
  }

  private answers(address: number): boolean {
    if (this.silent.has(address)) return false;
    const moved = [...this.moved.values()].includes(address);
    if (this.moved.has(address) && !moved) return false; // it moved away
    if (moved) return true;
    return this.options.addresses ? this.options.addresses.includes(address) : true;
  }

  private moveAddress(from: number, to: number): void {
    this.moved.set(from, to);
    const s = this.current.get(from);
    this.current.delete(from);
    if (s) this.current.set(to, s);
  }

  private onData(chunk: Buffer): void {
    if (this.qlp) {
      this.received.push(Buffer.from(chunk));
      for (const reply of this.qlp.onBytes(chunk)) void this.port.write(reply).catch(() => undefined);
      return;
    }
    for (const frame of this.framer?.push(chunk) ?? []) {
      this.received.push(frame);
      if (this.options.protocol === 'modbus-led485') this.onModbus(frame);
      else this.onQsystem(frame);
    }
  }

  private state(address: number): SimulatedDisplayState {
    return this.current.get(address) ?? { text: '', blinking: false, brightness: 15, scrolling: false };
  }

  /** Broadcast (0xFF) reaches every display the line knows about. */
  private applyTo(address: number, patch: Partial<SimulatedDisplayState>, blinkSeconds: number): void {
    const targets = address === 0xff ? [...this.current.keys()] : [address];
    for (const a of targets) this.update(a, patch, blinkSeconds);
  }

  private update(address: number, patch: Partial<SimulatedDisplayState>, blinkSeconds = 0): void {
    const next = { ...this.state(address), ...patch };
    if (next.fields === undefined) delete next.fields;
    this.current.set(address, next);
    const timer = this.blinkTimers.get(address);
    if (timer) clearTimeout(timer);
    if (next.blinking && blinkSeconds > 0 && blinkSeconds < 255) {
      this.blinkTimers.set(
        address,
        setTimeout(() => this.update(address, { blinking: false }), blinkSeconds * 1000),
      );
    }
    this.emit('changed', address, next);
  }

  private onModbus(frame: Buffer): void {
    const unit = frame[0] ?? 0;
    const fc = frame[1] ?? 0;
    if (unit === 0 || !this.answers(unit)) return;
    let reply: Buffer;
    if (fc === 0x10 && frame.readUInt16BE(2) === LED485_REG_SEGMENTS) {
      // Registers fill the digits from the left; digits past the module's width are not shown.
      const digits = this.options.width ?? 4;
      const text = segmentsToText(frame.subarray(7, Math.min(7 + digits, frame.length - 2)));
      this.update(unit, { text: text.trimEnd(), scrolling: false });
      reply = appendCrc(Buffer.from(frame.subarray(0, 6)));
    } else if (fc === 0x03) {
      if (this.options.modbusReads === 'ignore') return;
      reply = appendCrc(Buffer.from([unit, 0x03, 0x02, 0x00, unit]));
    } else if (fc === 0x06) {
      reply = appendCrc(Buffer.from(frame.subarray(0, 6)));
    } else {
      reply = appendCrc(Buffer.from([unit, fc | 0x80, 0x01])); // illegal function
    }
    void this.port.write(reply).catch(() => undefined);
  }

  /** QIndicatorBoardRS frames: SOH, address, the text, BEL; no blink byte, no reply. */
  private onQsystem(frame: Buffer): void {
    const address = frame[1] ?? 0;
    if (!this.answers(address)) return;
    const text = frame.subarray(2, frame.length - 1).toString('latin1');
    const width = this.options.width;
    this.update(address, { text: text.trim(), scrolling: width !== undefined && text.length > width });
  }
}
