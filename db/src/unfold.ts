/**
 * The event log stores a finish compactly (server queue projectors), and every read of event
 * rows gives it back whole:
 * - the start a finish implies (the clerk finished without pressing "start") lives inside the
 *   finish's row: `implicitStartMs`, the milliseconds before the finish, or in rows written
 *   before that `implicitStartAt`, the instant. It reads back as the row it stands for, just
 *   before the finish, with the finish's id, actor and counter, the reason `implicit start` and
 *   an empty payload;
 * - the usual outcome, `served`, is left out of the row and read back (`DEFAULT_FINISH_OUTCOME`).
 */
export const IMPLICIT_START_REASON = 'implicit start';
export const DEFAULT_FINISH_OUTCOME = 'served';

interface FoldedRow {
  type: string;
  at: number;
  reason: string | null;
  payload: unknown;
}

export function unfoldEvents<T extends FoldedRow>(rows: readonly T[]): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const raw = typeof row.payload === 'string';
    const text = raw ? (row.payload as string) : '';
    if (
      row.type !== 'ticket.finished' ||
      (raw && text.includes('"outcome"') && !text.includes('"implicitStart'))
    ) {
      out.push(row);
      continue;
    }
    const parsed = (raw ? JSON.parse(text) : row.payload) as Record<string, unknown> | null;
    const at = implicitStart(parsed, row.at);
    const payload = finishAsRead(parsed);
    if (at !== null) {
      const start = {
        ...row,
        type: 'ticket.started',
        at,
        reason: IMPLICIT_START_REASON,
        payload: raw ? '{}' : {},
      };
      // The finish is the staff action (its address); the start it implies is none.
      if ('ip' in start) (start as { ip: unknown }).ip = null;
      out.push(start);
    }
    out.push({ ...row, payload: raw ? JSON.stringify(payload) : payload });
  }
  return out;
}

/** A finish's payload as read: its outcome (the usual one when the row left it out), no start. */
export function finishAsRead(payload: Record<string, unknown> | null): Record<string, unknown> {
  const { implicitStartAt: _s, implicitStartMs: _m, ...rest } = payload ?? {};
  return { outcome: DEFAULT_FINISH_OUTCOME, ...rest };
}

/** The implied start's instant from a finish's payload, either form; null when it has none. */
function implicitStart(payload: Record<string, unknown> | null, finishedAt: number): number | null {
  if (typeof payload?.implicitStartMs === 'number') return finishedAt - payload.implicitStartMs;
  if (typeof payload?.implicitStartAt === 'number') return payload.implicitStartAt;
  return null;
}
