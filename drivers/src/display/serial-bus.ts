import { EventEmitter } from 'node:events';
import { type DriverLogger, silentLogger } from '../logger.js';
import { ReconnectingSerialPort } from '../reconnecting-port.js';
import type { PortFactory } from '../serial-port.js';
import {
  type ContentCommand,
  clearPing,
  contentToSend,
  createSlot,
  type DisplayLink,
  markContentSent,
  markForReplay,
  markSettingSent,
  type SettingCommand,
  type Slot,
} from './desired-state.js';
import { type ExchangeOutcome, FrameExchanger } from './frame-exchanger.js';
import type { DisplayCommand, DisplayProtocol, ProtocolId, ProtocolOptions } from './protocol.js';
import { createProtocol } from './protocols/index.js';
import { fileSeqStore, type SeqStore } from './seq-store.js';

export interface SerialBusOptions {
  path: string;
  baudRate?: number;
  protocol: ProtocolId | DisplayProtocol;
  protocolOptions?: ProtocolOptions;
  portFactory?: PortFactory;
  /** Pause after each exchange; default from the protocol (QLP/1 4 ms, QSystem 200 ms). */
  interFrameMs?: number;
  replyTimeoutMs?: number;
  /** Attempts per command, all with the same SEQ so the device can treat repeats as one. */
  attempts?: number;
  /** Ping period: offline displays, and online ones not heard from for this long. */
  pingIntervalMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * QLP/1: file (or store) that keeps the next SEQ per address across runs, e.g.
   * `<data dir>/qlp1-seq.json`. Optional: the session-start PING keeps displays in step anyway.
   */
  seqFile?: string | SeqStore;
  /** Gets one line per transition: port lost / reopened, display offline / back online. */
  logger?: DriverLogger;
}

export type { DisplayLink };

/** Emitted as 'link' once per change of one display's link. */
export interface LinkChange {
  path: string;
  address: number;
  link: DisplayLink;
  previous: DisplayLink;
}

export interface BusStatus {
  path: string;
  connected: boolean;
  displays: { address: number; link: DisplayLink }[];
}

type Work = { slot: Slot; cmd: DisplayCommand; done: () => void };

/**
 * One scheduler per serial port: one exchange on the wire at a time (RS-485 is half-duplex),
 * desired state per address with the latest update winning, retries, ping-based offline
 * detection and a full replay after the port or a display comes back.
 *
 * Events: 'status' (BusStatus) on every connection or display link change; 'link' (LinkChange)
 * once per display transition; 'rejected' ({address, command}) when a display refuses a command.
 */
export class SerialBus extends EventEmitter {
  readonly protocol: DisplayProtocol;
  private readonly port: ReconnectingSerialPort;
  private readonly exchanger: FrameExchanger;
  private readonly pingIntervalMs: number;
  private readonly slots = new Map<number, Slot>();
  private pumping = false;
  private kickQueued = false;
  private running = false;
  private lastServed = -1;
  private pingTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly log: DriverLogger;
  private readonly seqStore: SeqStore | null;
  /** Last port state written to the log, so a flapping reopen logs each change once. */
  private loggedConnected: boolean | null = null;

  constructor(options: SerialBusOptions) {
    super();
    this.protocol =
      typeof options.protocol === 'string'
        ? createProtocol(options.protocol, options.protocolOptions)
        : options.protocol;
    this.port = new ReconnectingSerialPort(options);
    this.exchanger = new FrameExchanger(this.port, this.protocol, {
      interFrameMs: options.interFrameMs ?? this.protocol.interFrameMs,
      replyTimeoutMs: options.replyTimeoutMs ?? this.protocol.replyTimeoutMs,
      attempts: options.attempts ?? 3,
    });
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.log = options.logger ?? silentLogger;
    const store = options.seqFile;
    this.seqStore = typeof store === 'string' ? fileSeqStore(store) : (store ?? null);
  }

  get path(): string {
    return this.port.path;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.seqStore) this.exchanger.seedSeqs(this.seqStore.load(this.port.path));
    this.port.on('data', (chunk: Buffer) => this.exchanger.onData(chunk));
    this.port.on('connected', () => this.onConnected());
    this.port.on('disconnected', (reason: string) => this.onDisconnected(reason));
    this.pingTimer = setInterval(() => this.schedulePings(), this.pingIntervalMs);
    await this.port.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.exchanger.cancel();
    await this.port.stop();
    this.port.removeAllListeners();
    this.saveSeqs();
    this.resolveIdle();
  }

  /** Sets what a display should show; replaces any update not yet sent. */
  setContent(address: number, cmd: ContentCommand): void {
    const slot = this.slot(address);
    slot.content = cmd;
    const blink = cmd.kind === 'show' ? (cmd.blinkSeconds ?? 0) : 0;
    // Remembered as a deadline so a replay after an unplug blinks only for the time left.
    slot.blinkUntil = blink > 0 && blink < 255 ? Date.now() + blink * 1000 : null;
    slot.contentVersion++;
    slot.settings.delete('blink'); // SHOW carries its own blink flags
    this.kick();
  }

  setBrightness(address: number, level: number): void {
    this.setSetting(address, { kind: 'brightness', level });
  }

  /** QLP/1 BLINK on the text already shown; a later SHOW cancels it. */
  setBlink(address: number, on: boolean, periodMs = 500, count = 0): void {
    this.setSetting(address, { kind: 'blink', on, periodMs, count });
  }

  private setSetting(address: number, cmd: SettingCommand): void {
    const settings = this.slot(address).settings;
    const previous = settings.get(cmd.kind);
    settings.set(cmd.kind, {
      cmd,
      version: (previous?.version ?? 0) + 1,
      sentVersion: previous?.sentVersion ?? 0,
    });
    this.kick();
  }

  link(address: number): DisplayLink {
    return this.slots.get(address)?.link ?? 'unknown';
  }

  getStatus(): BusStatus {
    return {
      path: this.port.path,
      connected: this.port.connected,
      displays: [...this.slots.values()].map((s) => ({ address: s.address, link: s.link })),
    };
  }

  /** Resolves when nothing is left to send to reachable displays (tests, CLI). */
  whenIdle(): Promise<void> {
    if (!this.pumping && !this.kickQueued && !this.pickWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private slot(address: number): Slot {
    if (!Number.isInteger(address) || address < 0 || address > 255)
      throw new RangeError(`bad address ${address}`);
    let slot = this.slots.get(address);
    if (!slot) {
      slot = createSlot(address);
      this.slots.set(address, slot);
    }
    return slot;
  }

  /** Deferred to a microtask so a burst of updates in one tick collapses into one frame. */
  private kick(): void {
    if (this.kickQueued) return;
    this.kickQueued = true;
    queueMicrotask(() => {
      this.kickQueued = false;
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.running && this.port.connected) {
        const work = this.pickWork();
        if (!work) break;
        const outcome = await this.exchanger.exchange(work.slot.address, work.cmd);
        this.saveSeqs();
        if (outcome === 'disconnected') break;
        this.afterExchange(work, outcome);
      }
    } finally {
      this.pumping = false;
      if (!this.kickQueued) this.resolveIdle();
    }
  }

  /** Round-robin over addresses so one chatty display cannot starve the others. */
  private pickWork(): Work | null {
    if (!this.port.connected) return null;
    const slots = [...this.slots.values()].sort((a, b) => a.address - b.address);
    const start = slots.findIndex((s) => s.address > this.lastServed);
    const ordered = start < 0 ? slots : [...slots.slice(start), ...slots.slice(0, start)];
    for (const slot of ordered) {
      const work = this.workFor(slot);
      if (work) {
        this.lastServed = slot.address;
        return work;
      }
    }
    return null;
  }

  private workFor(slot: Slot): Work | null {
    const canPing =
      this.protocol.supports('ping') && this.protocol.expectsReply({ kind: 'ping' }, slot.address);
    if (!slot.sessionOpen && canPing && this.protocol.sessionStartsWithPing) {
      return { slot, cmd: { kind: 'ping' }, done: () => clearPing(slot) };
    }
    if (slot.link === 'offline') {
      // An offline display only gets pings; its state is replayed once it answers.
      return slot.pingDue && canPing ? { slot, cmd: { kind: 'ping' }, done: () => clearPing(slot) } : null;
    }
    if (slot.content && slot.sentContentVersion !== slot.contentVersion) {
      const version = slot.contentVersion;
      return {
        slot,
        cmd: contentToSend(slot, slot.content, Date.now()),
        done: () => markContentSent(slot, version),
      };
    }
    for (const setting of slot.settings.values()) {
      if (setting.sentVersion === setting.version) continue;
      const version = setting.version;
      if (this.protocol.supports(setting.cmd.kind)) {
        return { slot, cmd: setting.cmd, done: () => markSettingSent(setting, version) };
      }
      setting.sentVersion = version; // e.g. brightness on a Modbus digit board: nothing to send
    }
    if (slot.pingDue && canPing) return { slot, cmd: { kind: 'ping' }, done: () => clearPing(slot) };
    slot.pingDue = false;
    return null;
  }

  private afterExchange(work: Work, outcome: ExchangeOutcome): void {
    const { slot } = work;
    if (outcome === 'ok' || outcome === 'rejected') {
      const wasOffline = slot.link === 'offline';
      work.done();
      if (work.cmd.kind === 'ping') slot.sessionOpen = true;
      slot.lastOkAt = Date.now();
      if (this.protocol.expectsReply(work.cmd, slot.address)) this.setLink(slot, 'online');
      if (wasOffline) markForReplay(slot);
      if (outcome === 'rejected') this.emit('rejected', { address: slot.address, command: work.cmd.kind });
    } else {
      if (work.cmd.kind === 'ping') slot.pingDue = false;
      this.setLink(slot, 'offline');
    }
  }

  private onConnected(): void {
    this.logPort(true);
    this.exchanger.reset();
    for (const slot of this.slots.values()) {
      markForReplay(slot);
      if (slot.link === 'offline') slot.link = 'unknown';
    }
    this.emitStatus();
    this.kick();
  }

  private onDisconnected(reason: string): void {
    this.logPort(false, reason);
    this.exchanger.cancel();
    this.emitStatus();
  }

  private schedulePings(): void {
    const now = Date.now();
    for (const slot of this.slots.values()) {
      if (slot.link === 'offline' || now - slot.lastOkAt >= this.pingIntervalMs) slot.pingDue = true;
    }
    this.kick();
  }

  private setLink(slot: Slot, link: DisplayLink): void {
    if (slot.link === link) return;
    const change: LinkChange = { path: this.port.path, address: slot.address, link, previous: slot.link };
    slot.link = link;
    const fields = { path: change.path, address: change.address, protocol: this.protocol.id };
    if (link === 'offline') this.log.warn(fields, 'LED display offline: no answer after every attempt');
    else if (link === 'online')
      this.log.info(fields, change.previous === 'offline' ? 'LED display back online' : 'LED display online');
    this.emit('link', change);
    this.emitStatus();
  }

  private logPort(connected: boolean, reason?: string): void {
    if (this.loggedConnected === connected) return;
    const path = this.port.path;
    // The first successful open is routine; a failed first open and every later change are not.
    if (connected && this.loggedConnected !== null) this.log.info({ path }, 'LED bus port reopened');
    if (!connected && this.loggedConnected === null)
      this.log.warn({ path, reason }, 'LED bus port cannot be opened; retrying');
    else if (!connected) this.log.warn({ path, reason }, 'LED bus port lost; reopening');
    this.loggedConnected = connected;
  }

  private saveSeqs(): void {
    if (!this.seqStore) return;
    try {
      this.seqStore.save(this.port.path, this.exchanger.nextSeqs);
    } catch (err) {
      this.log.warn(
        { err, path: this.port.path },
        'could not save QLP/1 SEQ; the next run opens with a PING anyway',
      );
    }
  }

  private emitStatus(): void {
    this.emit('status', this.getStatus());
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
