import type { CaseRow, RatingRow } from '@guichet/db';
import { badRatingSummary, openCaseRow } from '../cases/deadlines.js';

const BAD_RATING_MAX = 2;

interface TicketFacts {
  code: string;
  branchId: string;
  serviceId: string;
  counterId: string | null;
}

/**
 * The rating row (who rated is never part of it) and, for a bad rating, its case with
 * working-day deadlines and a system summary in both languages; the citizen's text stays apart.
 */
export function ratingRows(a: {
  ticket: TicketFacts & { id?: string };
  input: {
    ticketId: string;
    score: number | null;
    source: string;
    reason?: string | null | undefined;
    reasons?: readonly string[] | undefined;
    dimensions?: Record<string, number> | undefined;
    text?: string | undefined;
  };
  at: number;
  ids: () => string;
  clerkId: string | null;
  dates: (at: number) => { openedDay: string; callbackDay: string; resolutionDay: string; dueAt: number };
}): { rating: RatingRow; followUp: CaseRow | null } {
  const { ticket: t, input, at } = a;
  const given = input.score !== null;
  const reasons = given
    ? [...new Set([...(input.reasons ?? []), ...(input.reason ? [input.reason] : [])])]
    : [];
  const text = given ? input.text?.trim() || null : null;
  const rating: RatingRow = {
    id: a.ids(),
    ticketId: input.ticketId,
    branchId: t.branchId,
    serviceId: t.serviceId,
    counterId: t.counterId,
    clerkId: a.clerkId,
    score: input.score,
    reason: reasons[0] ?? null,
    reasons: reasons.length ? reasons : null,
    dimensions: given && input.dimensions && Object.keys(input.dimensions).length ? input.dimensions : null,
    text,
    source: input.source,
    at,
    comment: null,
    commentAt: null,
  };
  if (input.score === null || input.score > BAD_RATING_MAX) return { rating, followUp: null };
  const d = a.dates(at);
  const summary = badRatingSummary(t.code, input.score, reasons);
  const followUp = openCaseRow(
    {
      id: a.ids(),
      branchId: t.branchId,
      kind: 'bad_rating',
      ticketId: input.ticketId,
      ratingId: rating.id,
      channel: input.source,
      category: null,
      citizenText: text,
      serviceId: t.serviceId,
      counterId: t.counterId,
      clerkId: a.clerkId,
      contactName: null,
      contactMasked: null,
      contactPhone: null,
      originHash: null,
    },
    summary,
    at,
    d,
  );
  return { rating, followUp };
}
