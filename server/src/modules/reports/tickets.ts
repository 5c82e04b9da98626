import type { DayTicketRow, ReportReads } from '@guichet/db';
import { ticketDetails } from './day-facts.js';
import type { Labels } from './labels.js';
import { localDateTime } from './period.js';
import { ReportError, type TicketReportRow, type TicketsPage, type TicketsQuery } from './protocol.js';

/**
 * Ticket detail, keyset-paged with no row cap: ordered by business day, then the order the
 * tickets were written (rowid); the cursor is the last (day, rowid) returned. Filters match any
 * leg of the ticket (a ticket transferred from service A to B matches both).
 */
export const DEFAULT_PAGE = 500;
export const MAX_PAGE = 5000;

export function encodeCursor(day: string, rowid: number): string {
  return Buffer.from(JSON.stringify([day, rowid])).toString('base64url');
}

export function decodeCursor(cursor: string): { day: string; rowid: number } {
  try {
    const [day, rowid] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && Number.isSafeInteger(rowid)) {
      return { day, rowid: rowid as number };
    }
  } catch {
    // falls through to the refusal
  }
  throw new ReportError({ code: 'VALIDATION_FAILED', message: 'cursor is not one this report returned' });
}

export function ticketsPage(
  reads: ReportReads,
  q: TicketsQuery,
  timezone: string,
  labels: Labels,
): TicketsPage {
  const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_PAGE), MAX_PAGE);
  return reads.snapshot(() => {
    const raw = reads.ticketsPage({
      branchId: q.branchId,
      fromDay: q.from,
      toDay: q.to,
      after: q.cursor ? decodeCursor(q.cursor) : null,
      serviceId: q.serviceId ?? null,
      counterId: q.counterId ?? null,
      clerkId: q.clerkId ?? null,
      limit,
    });
    const ids = raw.map((r) => r.id);
    const details = ticketDetails(raw, reads.eventsOfTickets(ids), reads.ratingsOfTickets(ids));
    const rows: TicketReportRow[] = [];
    for (const { row, legs, facts } of details) {
      const match =
        (!q.serviceId || legs.some((l) => l.serviceId === q.serviceId)) &&
        (!q.counterId || legs.some((l) => l.counterId === q.counterId)) &&
        (!q.clerkId || legs.some((l) => l.clerkId === q.clerkId));
      if (match) rows.push(toRow(row, legs, facts.rating, timezone, labels));
    }
    const last = raw.at(-1);
    return {
      timezone,
      rows,
      nextCursor: raw.length === limit && last ? encodeCursor(last.businessDay, last.rowid) : null,
    };
  });
}

function toRow(
  row: DayTicketRow,
  legs: ReturnType<typeof ticketDetails>[number]['legs'],
  rating: number | null | undefined,
  tz: string,
  labels: Labels,
): TicketReportRow {
  const last = legs.at(-1);
  const handles = legs.map((l) => l.handleSeconds).filter((h): h is number => h !== null);
  const at = (t: number | null) => localDateTime(t, tz);
  return {
    ticketId: row.id,
    code: row.code,
    businessDay: row.businessDay,
    serviceId: row.serviceId,
    service: labels.of('service', row.serviceId),
    issuedAt: at(row.issuedAt) ?? '',
    calledAt: at(last?.calledAt ?? row.calledAt),
    startedAt: at(last?.serviceStartAt ?? row.startedAt),
    finishedAt: at(row.finishedAt),
    outcome: row.outcome,
    counterId: last?.counterId ?? row.counterId,
    counter:
      (last?.counterId ?? row.counterId) ? labels.of('counter', (last?.counterId ?? row.counterId)!) : null,
    clerkId: last?.clerkId ?? null,
    clerk: last?.clerkId ? labels.of('clerk', last.clerkId).en : null,
    legs: legs.length,
    waitSeconds: legs[0]?.calledAt == null ? null : (legs[0]?.waitSeconds ?? null),
    handleSeconds: handles.length ? handles.reduce((a, b) => a + b, 0) : null,
    estimatedWaitMinutes: row.estimatedWaitAtIssue,
    rating: rating ?? null,
    rated: rating === undefined ? 'none' : rating === null ? 'not_rated' : 'rated',
    // Stored masked at issue (app/auth.ts maskNumber); the raw number is never stored.
    person: row.personMasked,
  };
}
