import { EventEmitter } from 'node:events';
import { appendCrc } from '../display/crc16.js';
import type { Framer, ProtocolId } from '../display/protocol.js';
import { LED485_REG_SEGMENTS, ModbusRtuFramer, segmentsToText } from '../display/protocols/modbus-led485.js';
import {
  decodeQlpFrame,
  decodeQlpText,
  encodeQlpFrame,
  QLP_BROADCAST,
  QlpCommand,
  QlpFrameParser,
  QlpStatus,
} from '../display/protocols/qlp1.js';
import { QSYSTEM_BEL, QSYSTEM_SOH } from '../display/protocols/qsystem.js';
import { ReconnectingSerialPort } from '../reconnecting-port.js';
import type { PortFactory } from '../serial-port.js';

export interface SimulatedDisplayState {
  text: string;
  blinking: boolean;
  brightness: number;
}

export interface DisplaySimulatorOptions {
  path: string;
  protocol: ProtocolId;
  baudRate?: number;
  portFactory?: PortFactory;
  /** Addresses that answer; default: every address. */
  addresses?: number[];
}

/** Splits SOH addr blink text BEL frames (QSystem has no length and no checksum). */
class QsystemFramer implements Framer {
  private buffer = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const start = this.buffer.indexOf(QSYSTEM_SOH);
      if (start < 0) break;
      const end = this.buffer.indexOf(QSYSTEM_BEL, start + 3);
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
 * frames, keeps what each address shows, and answers like firmware would.
 * Events: 'changed' (address, SimulatedDisplayState).
 */
export class DisplaySimulator extends EventEmitter {
  readonly current = new Map<number, SimulatedDisplayState>();
  /** Every well-formed frame received, in order (retries included). */
  readonly received: Buffer[] = [];
  private readonly port: ReconnectingSerialPort;
  private readonly framer: Framer;
  private readonly silent = new Set<number>();
  private readonly blinkTimers = new Map<number, NodeJS.Timeout>();
  /** Last frame applied per address: a retry (same SEQ, same frame) is ACKed, not re-applied. */
  private readonly lastFrame = new Map<number, Buffer>();

  constructor(private readonly options: DisplaySimulatorOptions) {
    super();
    this.port = new ReconnectingSerialPort({ ...options, minBackoffMs: 100, maxBackoffMs: 1000 });
    this.framer =
      options.protocol === 'qlp1'
        ? new QlpFrameParser()
        : options.protocol === 'modbus-led485'
          ? new ModbusRtuFramer('request')
          : new QsystemFramer();
  }

  async start(): Promise<void> {
    this.port.on('data', (chunk: Buffer) => {
      for (const frame of this.framer.push(chunk)) this.onFrame(frame);
    });
    this.port.on('connected', () => this.framer.reset());
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

  private answers(address: number): boolean {
    if (this.silent.has(address)) return false;
    return this.options.addresses ? this.options.addresses.includes(address) : true;
  }

  private onFrame(frame: Buffer): void {
    this.received.push(frame);
    if (this.options.protocol === 'qlp1') this.onQlp(frame);
    else if (this.options.protocol === 'modbus-led485') this.onModbus(frame);
    else this.onQsystem(frame);
  }

  private state(address: number): SimulatedDisplayState {
    return this.current.get(address) ?? { text: '', blinking: false, brightness: 15 };
  }

  private update(address: number, patch: Partial<SimulatedDisplayState>, blinkSeconds = 0): void {
    const next = { ...this.state(address), ...patch };
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

  private onQlp(raw: Buffer): void {
    const frame = decodeQlpFrame(raw);
    if (!frame || frame.command & 0x80) return;
    const broadcast = frame.address === QLP_BROADCAST;
    if (!broadcast && !this.answers(frame.address)) return;
    const targets = broadcast ? [...this.current.keys()] : [frame.address];
    const repeat = !broadcast && this.lastFrame.get(frame.address)?.equals(raw) === true;
    if (!broadcast) this.lastFrame.set(frame.address, raw);
    if (repeat && frame.command !== QlpCommand.PING) {
      this.ackQlp(frame.address, frame.seq, frame.command, QlpStatus.OK, Buffer.alloc(0));
      return;
    }
    let status: number = QlpStatus.OK;
    let data = Buffer.alloc(0);
    const p = frame.payload;
    switch (frame.command) {
      case QlpCommand.SHOW: {
        if (p.length < 2) status = QlpStatus.BAD_ARGUMENT;
        const blinkSeconds = p[1] ?? 0;
        const blinking = ((p[0] ?? 0) & 1) === 1 && blinkSeconds > 0;
        if (status === QlpStatus.OK)
          for (const a of targets)
            this.update(a, { text: decodeQlpText(p.subarray(2)), blinking }, blinkSeconds);
        break;
      }
      case QlpCommand.CLEAR:
        for (const a of targets) this.update(a, { text: '', blinking: false });
        break;
      case QlpCommand.BRIGHTNESS:
        if ((p[0] ?? 99) > 15) status = QlpStatus.BAD_ARGUMENT;
        else for (const a of targets) this.update(a, { brightness: p[0] ?? 15 });
        break;
      case QlpCommand.BLINK: {
        if (p.length < 3) {
          status = QlpStatus.BAD_ARGUMENT;
          break;
        }
        const [on = 0, period = 50, count = 0] = p;
        const seconds = count === 0 ? 255 : Math.max(1, Math.round((count * period) / 100));
        for (const a of targets) this.update(a, { blinking: on === 1 }, seconds);
        break;
      }
      case QlpCommand.PING: {
        const s = this.state(frame.address);
        data = Buffer.from([1, 0, s.brightness, (s.blinking ? 1 : 0) | (s.text ? 2 : 0)]);
        break;
      }
      default:
        status = QlpStatus.UNKNOWN_COMMAND;
    }
    if (!broadcast) this.ackQlp(frame.address, frame.seq, frame.command, status, data);
  }

  private ackQlp(address: number, seq: number, command: number, status: number, data: Buffer): void {
    const payload = Buffer.concat([Buffer.from([status]), data]);
    const reply = encodeQlpFrame({ address, seq, command: command | 0x80, payload });
    void this.port.write(reply).catch(() => undefined);
  }

  private onModbus(frame: Buffer): void {
    const unit = frame[0] ?? 0;
    const fc = frame[1] ?? 0;
    if (unit === 0 || !this.answers(unit)) return;
    let reply: Buffer;
    if (fc === 0x10 && frame.readUInt16BE(2) === LED485_REG_SEGMENTS) {
      this.update(unit, { text: segmentsToText(frame.subarray(7, frame.length - 2)).trimStart() });
      reply = appendCrc(Buffer.from(frame.subarray(0, 6)));
    } else if (fc === 0x03) {
      reply = appendCrc(Buffer.from([unit, 0x03, 0x02, 0x00, unit]));
    } else if (fc === 0x06) {
      reply = appendCrc(Buffer.from(frame.subarray(0, 6)));
    } else {
      reply = appendCrc(Buffer.from([unit, fc | 0x80, 0x01])); // illegal function
    }
    void this.port.write(reply).catch(() => undefined);
  }

  private onQsystem(frame: Buffer): void {
    const address = frame[1] ?? 0;
    if (!this.answers(address)) return;
    const blink = frame[2] ?? 0;
    const text = frame
      .subarray(3, frame.length - 1)
      .toString('latin1')
      .trimEnd();
    this.update(address, { text, blinking: blink > 0 }, blink === 125 ? 255 : blink);
  }
}
