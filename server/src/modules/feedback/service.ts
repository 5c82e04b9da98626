import type { FeedbackStore } from '@guichet/db';
import { fail, ok, type QueueState, type Result } from '../../core/index.js';
import type { CommandBus, CommittedBatch, Decide } from '../../kernel/command-bus.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import type { PublicRating, RatingRequest } from '../../protocol/index.js';
import './events.js';

export const BAD_RATING_MAX = 2;
/** Bad ratings are followed up within 15 working days in many local rules; calendar days here. */
const FOLLOW_UP_DAYS = 15;
const SYSTEM: CommandMeta = { actor: { kind: 'system', id: 'system' } };

export interface RatingInput {
  ticketId: string;
  score: number;
  reason?: string | null | undefined;
  source: 'pad' | 'phone' | 'keypad' | 'kiosk';
}

export interface PadNotifier {
  requested(counterId: string, r: RatingRequest): void;
  closed(counterId: string, ticketId: string): void;
}

export interface FeedbackDeps {
  bus: CommandBus;
  store: FeedbackStore;
  timeoutSeconds: number;
  pads: PadNotifier;
  /** Who finished the ticket: the rating is theirs even if another clerk has the counter now. */
  finishedBy: (ticketId: string) => string | null;
}

/**
 * 好差评: one rating per ticket, bound to the ticket's clerk, counter and service; a bad one
 * opens a follow-up case in the same commit. A pad that gets no answer in time records
 * "not rated", so every case has a rating row. Every record is a command on the bus; the pad
 * is prompted and released by effects after the commit.
 */
export class Feedback {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: FeedbackDeps) {}

  private get state(): QueueState {
    return this.deps.bus.state;
  }

  isRated(ticketId: string): boolean {
    // Only a finished ticket can have a rating: no query for the waiting ones phones follow.
    const t = this.state.tickets.get(ticketId);
    if (t && t.status !== 'done') return false;
    return this.deps.store.ratingOf(ticketId) !== undefined;
  }

  /** The given rating of a ticket as its phone page shows it ("already rated on the pad"). */
  publicRating(ticketId: string): PublicRating | null {
    if (!this.isRated(ticketId)) return null;
    const r = this.deps.store.ratingOf(ticketId);
    if (!r || r.score === null) return null;
    return { channel: r.source as PublicRating['channel'], at: r.at, commentUntil: null };
  }

  /** Staff ask the counter's pad to rate a finished ticket; "not rated" is recorded after the timeout. */
  request(meta: CommandMeta, ticketId: string): Promise<Result<RatingRequest>> {
    return this.deps.bus.run(meta, (state, ctx) => {
      const t = state.tickets.get(ticketId);
      if (t?.status !== 'done' || !t.counterId)
        return fail('TICKET_NOT_CURRENT', 'only a finished ticket can be rated');
      if (this.isRated(ticketId)) return fail('TICKET_ALREADY_RATED', `ticket ${t.code} is already rated`);
      const { counterId } = t;
      return ok({
        events: [
          {
            type: 'rating.requested',
            at: ctx.now,
            actor: ctx.actor,
            branchId: t.branchId,
            ticketId,
            counterId,
          },
        ],
        reply: () => this.requestOf(ticketId)!,
      });
    });
  }

  rate(meta: CommandMeta, input: RatingInput): Promise<Result<{ ratingId: string; caseId: string | null }>> {
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
      return Promise.resolve(fail('VALIDATION_FAILED', 'score must be a whole number from 1 to 5'));
    }
    return this.deps.bus.run(
      meta,
      this.record(input.ticketId, input.score, input.reason ?? null, input.source),
    );
  }

  /**
   * Finished tickets whose pad request was lost (a restart) are recorded as not rated once
   * their time is up, so that every case has a rating row.
   */
  async recordUnanswered(): Promise<number> {
    const before = this.deps.bus.now() - this.deps.timeoutSeconds * 1000;
    const missed = this.deps.store.unratedFinished(before - 2 * 86_400_000, before);
    const lost = missed.filter((id) => !this.pending.has(id));
    const results = await Promise.all(
      lost.map((ticketId) => this.deps.bus.run(SYSTEM, this.record(ticketId, null, null, 'timeout'))),
    );
    return results.filter((r) => r.ok).length;
  }

  /** After each commit: prompt the pad for finished or requested tickets, release it once rated. */
  onCommitted(batch: CommittedBatch): void {
    for (const e of batch.events) {
      if (e.type === 'ticket.finished' || e.type === 'rating.requested') this.prompt(e.ticketId!);
      else if (e.type === 'rating.recorded') {
        clearTimeout(this.pending.get(e.rating.ticketId));
        this.pending.delete(e.rating.ticketId);
        if (e.rating.counterId) this.deps.pads.closed(e.rating.counterId, e.rating.ticketId);
      }
    }
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private requestOf(ticketId: string): RatingRequest | null {
    const t = this.state.tickets.get(ticketId);
    if (!t?.counterId) return null;
    const { code, counterId, serviceId } = t;
    return { ticketId, code, counterId, serviceId, timeoutSeconds: this.deps.timeoutSeconds };
  }

  private prompt(ticketId: string): void {
    const request = this.requestOf(ticketId);
    if (!request || this.isRated(ticketId)) return;
    clearTimeout(this.pending.get(ticketId));
    const timer = setTimeout(() => {
      this.pending.delete(ticketId);
      void this.deps.bus.run(SYSTEM, this.record(ticketId, null, null, 'timeout'));
    }, this.deps.timeoutSeconds * 1000);
    timer.unref();
    this.pending.set(ticketId, timer);
    this.deps.pads.requested(request.counterId, request);
  }

  private record(
    ticketId: string,
    score: number | null,
    reason: string | null,
    source: string,
  ): Decide<{ ratingId: string; caseId: string | null }> {
    return (state, ctx) => {
      // A ticket of an earlier day has left the live state; its row still says how it ended.
      const t = state.tickets.get(ticketId) ?? this.deps.store.ticketForRating(ticketId);
      if (!t) return fail('TICKET_NOT_FOUND', `ticket ${ticketId} does not exist`);
      if (t.status !== 'done') return fail('TICKET_NOT_CURRENT', `ticket ${t.code} is not finished yet`);
      if (this.deps.store.ratingOf(ticketId))
        return fail('TICKET_ALREADY_RATED', `ticket ${t.code} is already rated`);
      const at = ctx.now;
      const ratingId = ctx.newId();
      const bad = score !== null && score <= BAD_RATING_MAX;
      const caseId = bad ? ctx.newId() : null;
      const { branchId, serviceId, counterId } = t;
      const rating = { id: ratingId, ticketId, branchId, serviceId, counterId, score, reason, source, at };
      const followUp = caseId
        ? {
            id: caseId,
            branchId,
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
        : null;
      const clerkId = this.deps.finishedBy(ticketId);
      return ok({
        events: [
          {
            type: 'rating.recorded',
            at,
            actor: ctx.actor,
            branchId,
            rating: { ...rating, clerkId },
            followUp,
          },
        ],
        reply: () => ({ ratingId, caseId }),
      });
    };
  }
}

/** Rating and case rows; staff requests to the pad are audited. */
export function registerFeedbackProjections(registry: Registry, store: FeedbackStore): void {
  registry
    .project('rating.recorded', (e) => store.insertRating(e.rating, e.followUp))
    .audit('rating.requested', { target: (e) => e.counterId, detail: (e) => ({ ticketId: e.ticketId }) });
}
