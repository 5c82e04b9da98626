/**
 * The event log stores the start a finish implies (the clerk finished without pressing "start")
 * inside the finish's row, as `implicitStartAt` in its payload (server queue projectors): every
 * read of event rows gives it back as the row it stands for, just before the finish, with the
 * finish's id, actor and counter, the reason `implicit start` and an empty payload.
 */
export const IMPLICIT_START_REASON = 'implicit start';

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
    if (row.type !== 'ticket.finished' || (raw && !(row.payload as string).includes('"implicitStartAt"'))) {
      out.push(row);
      continue;
    }
    const parsed = (raw ? JSON.parse(row.payload as string) : row.payload) as Record<string, unknown> | null;
    const at = parsed?.implicitStartAt;
    if (typeof at !== 'number') {
      out.push(row);
      continue;
    }
    const { implicitStartAt: _s, ...payload } = parsed as Record<string, unknown>;
    const empty = raw ? '{}' : {};
    const start = { ...row, type: 'ticket.started', at, reason: IMPLICIT_START_REASON, payload: empty };
    // The finish is the staff action (its address); the start it implies is none.
    if ('ip' in start) (start as { ip: unknown }).ip = null;
    out.push(start);
    out.push({ ...row, payload: raw ? JSON.stringify(payload) : payload });
  }
  return out;
}
