import type { TicketPrintData } from '@guichet/drivers';
import type { IssuedTicket } from '../../protocol/index.js';
import type { LedConfig, PrinterConfig } from '../../protocol/settings.js';

/** How a print went, as the kiosk's reply says it. */
export type PrintOutcome = IssuedTicket['print'];

export interface DeviceState {
  online: boolean;
  problem: string | null;
  /** Printers: tickets held (out of paper, offline…) waiting to print. */
  heldJobs?: number;
}

/** A held ticket that printed late, or expired unprinted (staff must tell the citizen). */
export interface PrintJobReport {
  type: 'printed_late' | 'expired' | 'failed';
  jobId: string;
  ticketCode: string | null;
  heldMs: number;
  reason: string | null;
}

/** What a printer reports besides its answers to print(): state transitions and held-job outcomes. */
export interface PrinterReports {
  state(s: DeviceState): void;
  job(j: PrintJobReport): void;
}

/** A kiosk's ticket printer, as the server uses it. A job id prints at most once. */
export interface TicketPrinter {
  print(jobId: string, data: TicketPrintData): Promise<PrintOutcome>;
  /** The current state, with the number of held jobs. */
  state(): DeviceState;
  stop(): Promise<void>;
}

/** The LED display above a counter, as the server uses it: it keeps the latest state and replays it. */
export interface CounterDisplayPort {
  showCalled(code: string, counterNumber: number): void;
  showText(text: string): void;
  showIdle(): void;
  showPaused(): void;
  showClosed(): void;
  readonly online: boolean;
  /** Where it is wired: bus path and address (for health and alerts). */
  readonly path: string;
  readonly address: number;
  stop(): Promise<void>;
}

/**
 * Makes the ports from a device's validated config: the hardware drivers in production, the
 * in-memory fakes in tests. `report` / `onState` get each transition of a device (once each).
 */
export interface DeviceDrivers {
  printer(deviceId: string, config: PrinterConfig, report: PrinterReports): Promise<TicketPrinter>;
  display(
    deviceId: string,
    config: LedConfig,
    onState: (s: DeviceState) => void,
  ): Promise<CounterDisplayPort>;
  /** Releases what the devices share (serial buses, the demo simulator). */
  stop(): Promise<void>;
}
