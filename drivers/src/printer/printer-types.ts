import type { DriverLogger } from '../logger.js';
import type { PortFactory } from '../serial-port.js';
import type { HoldReason, PrinterStatus } from './status.js';
import type { ChineseMode, Paper } from './ticket-layout.js';
import type { PrinterTransport } from './transport.js';

/** Options, results and events of EscPosPrinter (printer-connection.ts). */

export type PrinterTransportConfig =
  | { kind: 'tcp'; host: string; port?: number }
  | { kind: 'serial'; path: string; baudRate?: number; portFactory?: PortFactory };

export interface EscPosPrinterOptions {
  transport: PrinterTransportConfig | PrinterTransport;
  paper?: Paper;
  chinese?: ChineseMode;
  /** chinese: 'image' only: CJK font file (see TicketLayoutOptions.imageFont). */
  imageFont?: string;
  /** Wait for each DLE EOT reply byte. */
  statusTimeoutMs?: number;
  /** Status poll period; held jobs are retried on each poll. */
  pollIntervalMs?: number;
  /** False for printers that never answer DLE EOT: only the connection is checked then. */
  checkStatus?: boolean;
  /**
   * A held job older than this is not printed any more (a ticket printed an hour late helps
   * nobody): it is reported as a 'job' event { type: 'expired', ticketCode } for staff.
   */
  maxHoldMs?: number;
  maxHeldJobs?: number;
  /** How many printed job ids are remembered for de-duplication. */
  rememberJobs?: number;
  /** One line per status transition, expired ticket and late print. */
  logger?: DriverLogger;
  /** Names this printer in log lines (e.g. the kiosk id). */
  name?: string;
}

/** What print() can be told about a job besides its bytes; printTicket fills it in. */
export interface JobInfo {
  ticketCode?: string;
}

/**
 * Emitted as 'job' for a job that was held: it printed late, expired unprinted, or failed when
 * it was finally sent. `heldMs` is how long it waited; `reason` for 'expired' is why it was held.
 */
export type PrinterJobEvent =
  | { type: 'printed_late'; jobId: string; ticketCode: string | null; heldMs: number; printed: true }
  | {
      type: 'expired';
      jobId: string;
      ticketCode: string | null;
      heldMs: number;
      printed: false;
      reason: HoldReason;
    }
  | {
      type: 'failed';
      jobId: string;
      ticketCode: string | null;
      heldMs: number;
      printed: false;
      reason: 'write_failed';
      error: string;
    };

export interface PrinterState extends PrinterStatus {
  connected: boolean;
  /** Why jobs are held right now, or null when the printer takes jobs. */
  reason: HoldReason | null;
  heldJobs: number;
}

export type PrintResult =
  | { jobId: string; printed: true; duplicate?: boolean }
  | { jobId: string; printed: false; held: true; reason: HoldReason }
  | {
      jobId: string;
      printed: false;
      held: false;
      reason: 'write_failed' | 'expired' | 'queue_full';
      error?: string;
    };
