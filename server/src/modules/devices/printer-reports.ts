import type { Logger } from 'pino';
import type { DeviceState, PrinterReports, PrintJobReport } from './ports.js';

/** How long held-ticket reports are gathered into one alert. */
const GATHER_MS = 500;

/** What staff are told about held tickets: which codes expired unprinted, printed late or failed. */
export interface HeldTicketsAlert {
  type: PrintJobReport['type'];
  tickets: string[];
  /** The longest wait among them. */
  heldMs: number;
}

/**
 * Turns one printer's driver reports into staff alerts: a state alert only when online/problem
 * changes (never when only the number of held jobs does, so a silent printer gives one alert,
 * not one per ticket), and the held tickets that expired or printed late in the same poll
 * gathered into one alert that names their codes.
 */
export function printerReports(
  deviceId: string,
  log: Logger,
  alert: (s: DeviceState, held?: HeldTicketsAlert) => void,
): PrinterReports & { last(): DeviceState | null } {
  let last: DeviceState | null = null;
  const pending = new Map<PrintJobReport['type'], HeldTicketsAlert>();
  const flush = () => {
    const now = last ?? { online: false, problem: null };
    for (const held of pending.values()) alert(now, held);
    pending.clear();
  };
  return {
    last: () => last,
    state(s) {
      const changed = !last || last.online !== s.online || last.problem !== s.problem;
      last = s;
      if (!changed) return;
      if (s.online) log.info({ printer: { deviceId, ...s } }, 'printer ready');
      else log.warn({ printer: { deviceId, ...s } }, 'printer needs attention');
      alert(s);
    },
    job(j) {
      // The drivers log each expired / late ticket once; the server adds the staff alert.
      if (j.type === 'failed') log.warn({ kiosk: deviceId, job: j }, 'held ticket failed when finally sent');
      const code = j.ticketCode ?? j.jobId;
      const held = pending.get(j.type);
      if (held) {
        held.tickets.push(code);
        held.heldMs = Math.max(held.heldMs, j.heldMs);
        return;
      }
      pending.set(j.type, { type: j.type, tickets: [code], heldMs: j.heldMs });
      // The driver reports the jobs of one poll one after the other (late prints with a write
      // between them): one alert for all of them.
      setTimeout(flush, GATHER_MS).unref();
    },
  };
}
