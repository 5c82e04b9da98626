/**
 * Printer status from the real-time DLE EOT n command (10 04 n). Real-time commands run from
 * the receive buffer even while the printer is offline, unlike GS r, which is why we use them
 * (devices.md §1.6; Epson TM-U220 / TM-L60II references).
 */

export interface PrinterStatus {
  /** False when DLE EOT 1 reports offline (bit 3): paper end, cover open or an error. */
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
}

export type StatusQuery = 1 | 2 | 4;
export const STATUS_QUERIES: readonly StatusQuery[] = [1, 2, 4];

export function dleEot(n: StatusQuery): Buffer {
  return Buffer.from([0x10, 0x04, n]);
}

/** A DLE EOT reply has bits 1 and 4 set and bits 0 and 7 clear. */
export function isDleEotReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export interface StatusReplies {
  printer: number; // n = 1
  offlineCause: number; // n = 2
  paper: number; // n = 4
}

export function parsePrinterStatus(replies: StatusReplies): PrinterStatus {
  return {
    online: (replies.printer & 0x08) === 0,
    coverOpen: (replies.offlineCause & 0x04) !== 0,
    // Paper end shows both in the offline cause (bit 5) and in the roll sensor (bits 5+6).
    paperOut: (replies.offlineCause & 0x20) !== 0 || (replies.paper & 0x60) !== 0,
    paperNearEnd: (replies.paper & 0x0c) !== 0,
  };
}

export function sameStatus(a: PrinterStatus, b: PrinterStatus): boolean {
  return (
    a.online === b.online &&
    a.coverOpen === b.coverOpen &&
    a.paperOut === b.paperOut &&
    a.paperNearEnd === b.paperNearEnd
  );
}

export type HoldReason = 'disconnected' | 'no_status_reply' | 'offline' | 'cover_open' | 'paper_out';

/** Why a job must wait, or null when the printer can take it. Most specific cause first. */
export function holdReason(status: PrinterStatus): HoldReason | null {
  if (status.paperOut) return 'paper_out';
  if (status.coverOpen) return 'cover_open';
  if (!status.online) return 'offline';
  return null;
}
