import { EventEmitter } from 'node:events';
import { type DriverLogger, silentLogger } from '../logger.js';
import { loadCjkFont } from './cjk-font.js';
import type {
  EscPosPrinterOptions,
  JobInfo,
  PrinterJobEvent,
  PrinterState,
  PrinterTransportConfig,
  PrintResult,
} from './printer-types.js';
import { SerialPrinterTransport } from './serial-transport.js';
import {
  dleEot,
  type HoldReason,
  holdReason,
  isDleEotReply,
  type PrinterStatus,
  parsePrinterStatus,
  sameStatus,
} from './status.js';
import { TcpPrinterTransport } from './tcp-transport.js';
import { type ChineseMode, type Paper, renderTicket, type TicketPrintData } from './ticket-layout.js';
import type { PrinterTransport } from './transport.js';

export type * from './printer-types.js';

interface HeldJob {
  data: Buffer;
  since: number;
  ticketCode: string | null;
}

function createTransport(config: PrinterTransportConfig | PrinterTransport): PrinterTransport {
  if (!('kind' in config)) return config;
  return config.kind === 'tcp' ? new TcpPrinterTransport(config) : new SerialPrinterTransport(config);
}

const UNKNOWN_STATUS: PrinterStatus = {
  online: false,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
};

/**
 * One ESC/POS printer behind one connection. Jobs and status queries take turns on it.
 * Before each job the printer is asked DLE EOT 1, 2 and 4; a job that cannot print now is
 * held and retried on each poll, and `print()` answers at once instead of blocking the kiosk.
 * A job id prints at most once: bytes that reached the transport are never resent.
 *
 * Events: 'status' (PrinterState) once per transition of connected / online / paper / cover /
 * reason (not when only `heldJobs` changes: that would be one alert per ticket); 'job'
 * (PrinterJobEvent) when a held job prints late, expires or fails.
 */
export class EscPosPrinter extends EventEmitter {
  readonly paper: Paper;
  readonly chinese: ChineseMode;
  readonly imageFont: string | undefined;
  private readonly transport: PrinterTransport;
  private readonly statusTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly checkStatus: boolean;
  private readonly maxHoldMs: number;
  private readonly maxHeldJobs: number;
  private readonly rememberJobs: number;
  private readonly printed = new Map<string, number>();
  private readonly held = new Map<string, HeldJob>();
  private lock: Promise<unknown> = Promise.resolve();
  private pendingStatus: ((byte: number | null) => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private pollWaiting = false;
  private started = false;
  private state: PrinterState = { ...UNKNOWN_STATUS, connected: false, reason: 'disconnected', heldJobs: 0 };
  private readonly log: DriverLogger;
  private readonly logFields: { printer: string };
  /** Last reason written to the log: null = ready; undefined = nothing logged yet. */
  private loggedReason: HoldReason | null | undefined = undefined;

  constructor(options: EscPosPrinterOptions) {
    super();
    this.paper = options.paper ?? '80mm';
    this.chinese = options.chinese ?? 'native';
    this.imageFont = options.imageFont;
    // Fail at configuration time, not on the first ticket, when image mode has no font.
    if (this.chinese === 'image') loadCjkFont(this.imageFont);
    this.transport = createTransport(options.transport);
    this.statusTimeoutMs = options.statusTimeoutMs ?? 400;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.checkStatus = options.checkStatus ?? true;
    this.maxHoldMs = options.maxHoldMs ?? 10 * 60_000;
    this.maxHeldJobs = options.maxHeldJobs ?? 100;
    this.rememberJobs = options.rememberJobs ?? 1000;
    this.log = options.logger ?? silentLogger;
    this.logFields = { printer: options.name ?? this.transport.description };
  }

  get status(): PrinterState {
    return { ...this.state };
  }

  get heldJobIds(): string[] {
    return [...this.held.keys()];
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.transport.on('data', (chunk: Buffer) => this.onData(chunk));
    this.transport.on('connected', () => this.schedulePoll());
    this.transport.on('disconnected', () => {
      this.pendingStatus?.(null);
      this.update(UNKNOWN_STATUS, false);
    });
    await this.transport.start();
    this.pollTimer = setInterval(() => this.schedulePoll(), this.pollIntervalMs);
    await this.exclusive(() => this.poll());
  }

  async stop(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    await this.lock;
    await this.transport.stop();
    this.transport.removeAllListeners();
    this.started = false;
  }

  /** Renders with this printer's paper and Chinese settings, then prints. */
  printTicket(jobId: string, ticket: TicketPrintData): Promise<PrintResult> {
    return this.print(
      jobId,
      renderTicket(ticket, { paper: this.paper, chinese: this.chinese, imageFont: this.imageFont }),
      { ticketCode: ticket.code },
    );
  }

  print(jobId: string, data: Buffer, info: JobInfo = {}): Promise<PrintResult> {
    return this.exclusive(async (): Promise<PrintResult> => {
      if (this.printed.has(jobId)) return { jobId, printed: true, duplicate: true };
      const reason = (await this.readiness()) ?? (await this.printHeld());
      if (reason) return this.hold(jobId, data, reason, info.ticketCode ?? null);
      return this.send(jobId, data);
    });
  }

  /** Forgets a held job (e.g. the ticket was cancelled); true when it was held. */
  cancel(jobId: string): boolean {
    const removed = this.held.delete(jobId);
    this.state.heldJobs = this.held.size;
    return removed;
  }

  /** Runs fn when the previous operation on this printer has finished. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Holding a job changes no status: the reason was set by the query that found it. */
  private hold(jobId: string, data: Buffer, reason: HoldReason, ticketCode: string | null): PrintResult {
    if (!this.held.has(jobId) && this.held.size >= this.maxHeldJobs) {
      this.log.warn({ ...this.logFields, jobId, ticketCode }, 'held-job queue full: ticket not printed');
      return { jobId, printed: false, held: false, reason: 'queue_full' };
    }
    if (!this.held.has(jobId)) this.held.set(jobId, { data, since: Date.now(), ticketCode });
    this.state.heldJobs = this.held.size;
    return { jobId, printed: false, held: true, reason };
  }

  private async send(jobId: string, data: Buffer): Promise<PrintResult> {
    this.held.delete(jobId);
    this.state.heldJobs = this.held.size;
    try {
      await this.transport.write(data);
    } catch (err) {
      // Some bytes may have reached the printer; resending could print the ticket twice.
      this.update(this.state, this.transport.connected);
      return { jobId, printed: false, held: false, reason: 'write_failed', error: String(err) };
    }
    this.printed.set(jobId, Date.now());
    if (this.printed.size > this.rememberJobs) {
      const oldest = this.printed.keys().next().value;
      if (oldest !== undefined) this.printed.delete(oldest);
    }
    this.update(this.state, true);
    return { jobId, printed: true };
  }

  /** Queries the printer (inside the lock) and returns why a job cannot print, or null. */
  private async readiness(): Promise<HoldReason | null> {
    if (!this.transport.connected) {
      this.update(UNKNOWN_STATUS, false);
      return 'disconnected';
    }
    if (!this.checkStatus) {
      this.update({ ...UNKNOWN_STATUS, online: true }, true);
      return null;
    }
    // The three bytes are read one after another, so a reading can straddle a change (paper
    // loaded between DLE EOT 1 and 2 reads as "offline" with no cause). A reading that differs
    // from the state in force is taken only when the next one agrees; after three readings that
    // keep changing, the last. Only a first reading without a reply means "no status reply".
    let reading = await this.readStatus();
    if (!reading) {
      const connected = this.transport.connected;
      this.update(UNKNOWN_STATUS, connected, connected ? 'no_status_reply' : undefined);
      return connected ? 'no_status_reply' : 'disconnected';
    }
    for (let tries = 1; tries < 3 && holdReason(reading) !== this.state.reason; tries++) {
      const again = await this.readStatus();
      // A confirming reading lost: the state stays as it was, and the job is held if either
      // says so (it prints on the next poll that finds the printer ready).
      if (!again) return holdReason(reading) ?? this.state.reason;
      const agrees = sameStatus(again, reading);
      reading = again;
      if (agrees) break;
    }
    this.update(reading, true);
    return holdReason(reading);
  }

  /** One reading of DLE EOT 1, 2 and 4, or null when any of them got no reply. */
  private async readStatus(): Promise<PrinterStatus | null> {
    const replies: number[] = [];
    for (const n of [1, 2, 4] as const) {
      const byte = await this.queryStatusByte(n);
      if (byte === null) return null;
      replies.push(byte);
    }
    return parsePrinterStatus({
      printer: replies[0] ?? 0,
      offlineCause: replies[1] ?? 0,
      paper: replies[2] ?? 0,
    });
  }

  private queryStatusByte(n: 1 | 2 | 4): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), this.statusTimeoutMs);
      const finish = (byte: number | null) => {
        clearTimeout(timer);
        if (this.pendingStatus === finish) this.pendingStatus = null;
        resolve(byte);
      };
      this.pendingStatus = finish;
      this.transport.write(dleEot(n)).catch(() => finish(null));
    });
  }

  /** Only bytes shaped like a DLE EOT reply count; anything else unsolicited is skipped. */
  private onData(chunk: Buffer): void {
    for (const byte of chunk) {
      if (this.pendingStatus && isDleEotReply(byte)) this.pendingStatus(byte);
    }
  }

  /**
   * Queues a poll unless one is already waiting its turn: a printer slower to answer than the
   * poll interval (silent, each query timing out) would otherwise pile polls up behind the lock
   * and keep every new ticket waiting behind all of them.
   */
  private schedulePoll(): void {
    if (this.pollWaiting) return;
    this.pollWaiting = true;
    void this.exclusive(() => {
      this.pollWaiting = false;
      return this.poll();
    });
  }

  /** Refreshes status; prints held jobs in arrival order while the printer stays ready. */
  private async poll(): Promise<void> {
    this.expireHeldJobs();
    if (!(await this.readiness())) await this.printHeld();
  }

  /**
   * Prints held jobs oldest first (the printer was just found ready), checking the status again
   * between jobs. Returns why it stopped, or null when none is left; a new job waits behind them.
   */
  private async printHeld(): Promise<HoldReason | null> {
    for (const [jobId, job] of this.held) {
      const result = await this.send(jobId, job.data);
      const base = { jobId, ticketCode: job.ticketCode, heldMs: Date.now() - job.since };
      const event: PrinterJobEvent = result.printed
        ? { ...base, type: 'printed_late', printed: true }
        : {
            ...base,
            type: 'failed',
            printed: false,
            reason: 'write_failed',
            error: 'error' in result ? String(result.error) : '',
          };
      if (event.type === 'printed_late')
        this.log.info({ ...this.logFields, ...base }, 'held ticket printed late');
      else this.log.warn({ ...this.logFields, ...base }, 'held ticket failed to print');
      this.emit('job', event);
      const reason = await this.readiness();
      if (reason) return reason;
    }
    return null;
  }

  private expireHeldJobs(): void {
    const now = Date.now();
    for (const [jobId, job] of this.held) {
      if (now - job.since <= this.maxHoldMs) continue;
      this.held.delete(jobId);
      this.state.heldJobs = this.held.size;
      const event: PrinterJobEvent = {
        type: 'expired',
        jobId,
        ticketCode: job.ticketCode,
        heldMs: now - job.since,
        printed: false,
        reason: this.state.reason ?? 'offline',
      };
      this.log.warn(
        { ...this.logFields, jobId, ticketCode: job.ticketCode, heldMs: event.heldMs, reason: event.reason },
        'held ticket expired unprinted: tell the citizen',
      );
      this.emit('job', event);
    }
  }

  private update(status: PrinterStatus, connected: boolean, forced?: HoldReason): void {
    const next: PrinterState = {
      ...status,
      connected,
      reason: forced ?? (connected ? holdReason(status) : 'disconnected'),
      heldJobs: this.held.size,
    };
    const prev = this.state;
    this.state = next;
    const changed = (Object.keys(next) as (keyof PrinterState)[]).some(
      (k) => k !== 'heldJobs' && next[k] !== prev[k],
    );
    if (!changed) return;
    this.logReason(next);
    this.emit('status', { ...next });
  }

  private logReason(state: PrinterState): void {
    if (state.reason === this.loggedReason) return;
    const first = this.loggedReason === undefined;
    this.loggedReason = state.reason;
    const fields = { ...this.logFields, reason: state.reason, heldJobs: state.heldJobs };
    if (state.reason) this.log.warn(fields, 'printer cannot print; tickets are held');
    else if (!first) this.log.info(fields, 'printer ready again');
  }
}
