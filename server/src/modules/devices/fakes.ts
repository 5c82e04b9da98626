import type { TicketPrintData } from '@guichet/drivers';
import type { LedConfig, PrinterConfig } from '../../protocol/settings.js';
import type {
  CounterDisplayPort,
  DeviceDrivers,
  DeviceState,
  PrinterReports,
  PrintOutcome,
  TicketPrinter,
} from './ports.js';

/**
 * An in-memory printer: records each job once, and can be put out of paper or offline. Like
 * the driver, it holds jobs while not online, prints them when back online (reported as
 * printed late), and `expireHeld()` gives up on them as the driver does past `maxHoldMs`.
 */
export class FakeTicketPrinter implements TicketPrinter {
  readonly jobs: { jobId: string; data: TicketPrintData }[] = [];
  readonly held = new Map<string, { data: TicketPrintData; since: number }>();
  private current: DeviceState = { online: true, problem: null };
  stopped = false;

  constructor(
    readonly deviceId: string,
    readonly config: PrinterConfig,
    private readonly report: PrinterReports,
  ) {}

  /** Changes the printer's state as the hardware would report it (e.g. `{online: false, problem: 'paper_out'}`). */
  set(state: DeviceState): void {
    this.current = state;
    this.report.state(this.state());
    if (!state.online) return;
    for (const [jobId, job] of this.held) {
      this.held.delete(jobId);
      this.jobs.push({ jobId, data: job.data });
      const heldMs = Date.now() - job.since;
      this.report.job({ type: 'printed_late', jobId, ticketCode: job.data.code, heldMs, reason: null });
    }
  }

  /** The held jobs passed their limit: dropped and reported as expired, as the driver does. */
  expireHeld(): void {
    for (const [jobId, job] of this.held) {
      this.held.delete(jobId);
      const heldMs = Date.now() - job.since;
      this.report.job({
        type: 'expired',
        jobId,
        ticketCode: job.data.code,
        heldMs,
        reason: this.current.problem,
      });
    }
  }

  state(): DeviceState {
    return { ...this.current, heldJobs: this.held.size };
  }

  async print(jobId: string, data: TicketPrintData): Promise<PrintOutcome> {
    if (!this.current.online) {
      if (!this.held.has(jobId)) this.held.set(jobId, { data, since: Date.now() });
      return { status: 'held', reason: this.current.problem };
    }
    if (!this.jobs.some((j) => j.jobId === jobId)) this.jobs.push({ jobId, data });
    return { status: 'printed', reason: null };
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}

/** An in-memory LED display: keeps what it shows now and everything it was told. */
export class FakeCounterDisplay implements CounterDisplayPort {
  readonly shown: string[] = [];
  online = true;
  stopped = false;
  readonly path: string;
  readonly address: number;

  constructor(
    readonly deviceId: string,
    config: LedConfig,
    private readonly onState: (s: DeviceState) => void,
  ) {
    this.path = config.bus.path;
    this.address = config.address;
  }

  get current(): string | undefined {
    return this.shown.at(-1);
  }
  setOnline(online: boolean): void {
    this.online = online;
    this.onState({ online, problem: online ? null : 'offline' });
  }
  showCalled(code: string, counterNumber: number): void {
    this.shown.push(`called ${code} → ${counterNumber}`);
  }
  showText(text: string): void {
    this.shown.push(`text ${text}`);
  }
  showIdle(): void {
    this.shown.push('idle');
  }
  showPaused(): void {
    this.shown.push('paused');
  }
  showClosed(): void {
    this.shown.push('closed');
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

/** Drivers that make fakes, and keep them by device id for the test to look at and drive. */
export function fakeDrivers(): DeviceDrivers & {
  printers: Map<string, FakeTicketPrinter>;
  displays: Map<string, FakeCounterDisplay>;
} {
  const printers = new Map<string, FakeTicketPrinter>();
  const displays = new Map<string, FakeCounterDisplay>();
  return {
    printers,
    displays,
    async printer(deviceId, config, report) {
      const p = new FakeTicketPrinter(deviceId, config, report);
      printers.set(deviceId, p);
      return p;
    },
    async display(deviceId, config, onState) {
      const d = new FakeCounterDisplay(deviceId, config, onState);
      displays.set(deviceId, d);
      return d;
    },
    async stop() {},
  };
}
