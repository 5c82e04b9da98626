import { BranchStream, followPad } from '@guichet/server/kit';

export type { PadHandlers } from '@guichet/server/kit';

import { connection, endSession, notice, resetLive, snapshot, synced, t } from './store';

/**
 * The console's branch stream, from the client kit (which alone calls `io()`): a snapshot on
 * every (re)connect, then versioned deltas; commands stay blocked (`synced` false) from a
 * disconnect until the new snapshot is in. A refused token goes back to sign-in.
 */
export interface ConsoleStream {
  /** Ask for a fresh snapshot (after a refusal that suggests the local copy is stale). */
  resync(): void;
  close(): void;
}

export function connectBranch(token: string, branchId: string): ConsoleStream {
  const stream = new BranchStream(
    { token, branchId },
    {
      onSnapshot: (s) => {
        snapshot.value = s;
      },
      onDelta: (s) => {
        snapshot.value = s;
      },
      onStatus: (s) => {
        connection.value = s.connected ? 'online' : 'offline';
        synced.value = s.synced;
      },
      // The session expired or was revoked: back to sign-in instead of "reconnecting…" for ever.
      onRejected: () => {
        endSession();
        resetLive();
        connection.value = 'connecting';
      },
      extra: {
        // A kiosk printer out of paper or an LED display gone: every clerk of the hall sees it.
        'device:status': (d) => {
          // Held tickets given up (or printed late): name them so the clerk can tell the citizens.
          if (d.held) {
            const params = { device: d.deviceId, tickets: d.held.tickets.join(', ') };
            notice.value =
              d.held.type === 'printed_late'
                ? { kind: 'info', text: t('ticketsPrintedLate', params) }
                : { kind: 'warn', text: t('ticketsNotPrinted', params) };
            return;
          }
          notice.value = d.online
            ? { kind: 'info', text: t('deviceBack', { device: d.deviceId }) }
            : {
                kind: 'warn',
                text: t('deviceProblem', { device: d.deviceId, problem: problemText(d.problem) }),
              };
        },
      },
    },
  ).start();
  return { resync: () => stream.resync(), close: () => stream.stop() };
}

const KNOWN_PROBLEMS = ['paper_out', 'cover_open', 'offline', 'disconnected', 'no_status_reply'] as const;
/** A device problem in the clerk's language; one the console does not know reads as a generic one. */
export function problemText(problem: string | null): string {
  const known = KNOWN_PROBLEMS.find((k) => k === (problem ?? 'offline'));
  return known ? t(`problem_${known}`) : t('problem_unknown');
}

/** The rating pad joins its counter's room (the kit's `followPad`). */
export const connectPad = followPad;
