import type { FeedbackStore } from '@guichet/db';
import { fail, ok, type QueueState, type Result } from '../core/index.js';
import type { RatingRequest } from '../protocol/index.js';

export const BAD_RATING_MAX = 2;
/** Bad ratings are followed up within 15 working days in many local rules; calendar days here. */
const FOLLOW_UP_DAYS = 15;

export interface RatingInput {
  ticketId: string;
  score: number;
  reason?: string | null | undefined;
  source: 'pad' | 'phone' | 'keypad';
}

/**
 * 好差评: one rating per ticket, bound to the ticket's clerk, counter and service; a bad one
 * opens a follow-up case in the same transaction. A pad that gets no answer in time records
 * "not rated", so every case has a rating row.
 */
export class Feedback {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly store: FeedbackStore,
    private readonly state: QueueState,
    private readonly ids: { newId(): string },
    private readonly now: () => number,
    private readonly timeoutSeconds: number,
    private readonly notify: {
      requested(counterId: string, r: RatingRequest): void;
      closed(counterId: string, ticketId: string): void;
    },
    /** Who finished the ticket: the rating is theirs even if another clerk has the counter now. */
    private readonly finishedBy: (ticketId: string) => string | null,
  ) {}

  isRated(ticketId: string): boolean {
    // Only a finished ticket can have a rating: no query for the waiting ones phones follow.
    const t = this.state.tickets.get(ticketId);
    if (t && t.status !== 'done') return false;
    return this.store.ratingOf(ticketId) !== undefined;
  }

  /** Asks the counter's pad to rate a finished ticket; "not rated" is recorded after the timeout. */
  request(ticketId: string): Result<RatingRequest> {
    const t = this.state.tickets.get(ticketId);
    if (t?.status !== 'done' || !t.counterId)
      return fail('TICKET_NOT_CURRENT', 'only a finished ticket can be rated');
    if (this.isRated(ticketId)) return fail('TICKET_ALREADY_RATED', `ticket ${t.code} is already rated`);
    const request: RatingRequest = {
      ticketId,
      code: t.code,
      counterId: t.counterId,
      serviceId: t.serviceId,
      timeoutSeconds: this.timeoutSeconds,
    };
    clearTimeout(this.pending.get(ticketId));
    const timer = setTimeout(() => this.expire(ticketId), this.timeoutSeconds * 1000);
    timer.unref();
    this.pending.set(ticketId, timer);
    this.notify.requested(t.counterId, request);
    return ok(request);
  }

  rate(input: RatingInput): Result<{ ratingId: string; caseId: string | null }> {
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
      return fail('VALIDATION_FAILED', 'score must be a whole number from 1 to 5');
    }
    return this.record(input.ticketId, input.score, input.reason ?? null, input.source);
  }

  /**
   * Finished tickets whose pad request was lost (a restart) are recorded as not rated once
   * their time is up, so that every case has a rating row.
   */
  recordUnanswered(): number {
    const before = this.now() - this.timeoutSeconds * 1000;
    const missed = this.store.unratedFinished(before - 2 * 86_400_000, before);
    const lost = missed.filter((id) => !this.pending.has(id));
    for (const ticketId of lost) this.record(ticketId, null, null, 'timeout');
    return lost.length;
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private expire(ticketId: string): void {
    this.pending.delete(ticketId);
    this.record(ticketId, null, null, 'timeout');
  }

  private record(
    ticketId: string,
    score: number | null,
    reason: string | null,
    source: string,
  ): Result<{ ratingId: string; caseId: string | null }> {
    // A ticket of an earlier day has left the live state; its row still says how it ended.
    const t = this.state.tickets.get(ticketId) ?? this.store.ticketForRating(ticketId);
    if (!t) return fail('TICKET_NOT_FOUND', `ticket ${ticketId} does not exist`);
    if (t.status !== 'done') return fail('TICKET_NOT_CURRENT', `ticket ${t.code} is not finished yet`);
    const at = this.now();
    const clerkId = this.finishedBy(ticketId);
    const ratingId = this.ids.newId();
    const bad = score !== null && score <= BAD_RATING_MAX;
    const caseId = bad ? this.ids.newId() : null;
    const inserted = this.store.insertRating(
      {
        id: ratingId,
        ticketId,
        branchId: t.branchId,
        serviceId: t.serviceId,
        counterId: t.counterId,
        clerkId,
        score,
        reason,
        source,
        at,
      },
      caseId
        ? {
            id: caseId,
            branchId: t.branchId,
            kind: 'bad_rating',
            ticketId,
            ratingId,
            status: 'open',
            summary: `${t.code}: rated ${score}/5${reason ? ` — ${reason}` : ''}`,
            assigneeId: null,
            answer: null,
            openedAt: at,
            dueAt: at + FOLLOW_UP_DAYS * 86_400_000,
            closedAt: null,
          }
        : null,
    );
    if (!inserted) return fail('TICKET_ALREADY_RATED', `ticket ${t.code} is already rated`);
    clearTimeout(this.pending.get(ticketId));
    this.pending.delete(ticketId);
    if (t.counterId) this.notify.closed(t.counterId, ticketId);
    return ok({ ratingId, caseId });
  }
}
