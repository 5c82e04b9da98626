import type { FeedbackStore } from '@guichet/db';
import type { CaseRules } from '../../core/cases.js';
import { fail, ok, type QueueState, type Result } from '../../core/index.js';
import type { CommandBus, CommittedBatch, Decide } from '../../kernel/command-bus.js';
import type { CommandMeta } from '../../kernel/events.js';
import type { Registry } from '../../kernel/registry.js';
import type { PublicRating, RatingRequest } from '../../protocol/index.js';
import { caseDates } from '../cases/deadlines.js';
import './events.js';
import { ratingRows } from './rows.js';

export const BAD_RATING_MAX = 2;
const SYSTEM: CommandMeta = { actor: { kind: 'system', id: 'system' } };

export interface RatingInput {
  ticketId: string;
  score: number;
  /** The single reason older pads send; merged into `reasons`. */
  reason?: string | null | undefined;
  reasons?: readonly string[] | undefined;
  dimensions?: Record<string, number> | undefined;
  text?: string | undefined;
  source: 'pad' | 'phone' | 'keypad' | 'kiosk';
}

const CHANNEL_NAMES: Record<string, string> = {
  pad: 'on the pad (评价器)',
  phone: 'on the phone page (扫码)',
  keypad: 'on the keypad (评价键盘)',
  kiosk: 'at the kiosk (自助机)',
};

export interface PadNotifier {
  requested(counterId: string, r: RatingRequest): void;
  closed(counterId: string, ticketId: string): void;
}

export interface FeedbackDeps {
  bus: CommandBus;
  store: FeedbackStore;
  timeoutSeconds: number;
  pads: PadNotifier;
  /** Working days to the callback and the resolution of a bad rating's case. */
  caseRules: CaseRules;
  /** Hours after a rating during which a supplementary comment is accepted. */
  commentHours: number;
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

  /** Whether a rating was given (not merely recorded as not rated). */
  private given(ticketId: string) {
    const r = this.deps.store.ratingOf(ticketId);
    return r && r.score !== null ? r : null;
  }

  /** The given rating of a ticket as its phone page shows it ("already rated on the pad"). */
  publicRating(ticketId: string): PublicRating | null {
    const t = this.state.tickets.get(ticketId);
    if (t && t.status !== 'done') return null;
    const r = this.given(ticketId);
    if (!r) return null;
    const until = r.at + this.deps.commentHours * 3_600_000;
    const open = r.comment === null && this.deps.bus.now() < until;
    return { channel: r.source as PublicRating['channel'], at: r.at, commentUntil: open ? until : null };
  }

  /** A supplementary comment (补充评价): once, within the period; the rating itself stays as given. */
  comment(meta: CommandMeta, ticketId: string, text: string): Promise<Result<{ ok: true }>> {
    return this.deps.bus.run(meta, (_state, ctx) => {
      if (text.trim() === '') return fail('VALIDATION_FAILED', 'the comment is empty');
      const r = this.given(ticketId);
      if (!r) return fail('RATING_NOT_FOUND', 'this ticket has not been rated');
      if (r.comment !== null) return fail('RATING_COMMENT_CLOSED', 'a comment was already added');
      if (ctx.now > r.at + this.deps.commentHours * 3_600_000)
        return fail(
          'RATING_COMMENT_CLOSED',
          `comments are accepted for ${this.deps.commentHours} h after rating`,
        );
      return ok({
        events: [
          { type: 'rating.commented', at: ctx.now, actor: ctx.actor, branchId: r.branchId, ticketId, text },
        ],
        reply: () => ({ ok: true as const }),
      });
    });
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
    return this.deps.bus.run(meta, this.record(input));
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
      lost.map((ticketId) =>
        this.deps.bus.run(SYSTEM, this.record({ ticketId, score: null, source: 'timeout' })),
      ),
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
      void this.deps.bus.run(SYSTEM, this.record({ ticketId, score: null, source: 'timeout' }));
    }, this.deps.timeoutSeconds * 1000);
    timer.unref();
    this.pending.set(ticketId, timer);
    this.deps.pads.requested(request.counterId, request);
  }

  private record(
    input: Omit<RatingInput, 'score' | 'source'> & { score: number | null; source: string },
  ): Decide<{ ratingId: string; caseId: string | null }> {
    const { ticketId, score } = input;
    return (state, ctx) => {
      // A ticket of an earlier day has left the live state; its row still says how it ended.
      const t = state.tickets.get(ticketId) ?? this.deps.store.ticketForRating(ticketId);
      if (!t) return fail('TICKET_NOT_FOUND', `ticket ${ticketId} does not exist`);
      if (t.status !== 'done') return fail('TICKET_NOT_CURRENT', `ticket ${t.code} is not finished yet`);
      const existing = this.deps.store.ratingOf(ticketId);
      // One rating per ticket across every channel; a "not rated" record gives way to a rating.
      if (existing && (existing.score !== null || score === null)) {
        const where = CHANNEL_NAMES[existing.source] ?? existing.source;
        return fail('TICKET_ALREADY_RATED', `ticket ${t.code} is already rated ${where}`);
      }
      const branch = state.branches.get(t.branchId);
      if (!branch) return fail('BRANCH_NOT_FOUND', `branch ${t.branchId} does not exist`);
      const built = ratingRows({
        ticket: t,
        input,
        at: ctx.now,
        ids: () => ctx.newId(),
        clerkId: this.deps.finishedBy(ticketId),
        dates: (at) => caseDates(branch, at, this.deps.caseRules),
      });
      return ok({
        events: [
          {
            type: 'rating.recorded',
            at: ctx.now,
            actor: ctx.actor,
            branchId: t.branchId,
            rating: built.rating,
            followUp: built.followUp,
          },
        ],
        reply: () => ({ ratingId: built.rating.id, caseId: built.followUp?.id ?? null }),
      });
    };
  }
}

/** Rating and case rows; staff requests to the pad are audited. */
export function registerFeedbackProjections(registry: Registry, store: FeedbackStore): void {
  registry
    .project('rating.recorded', (e) => store.insertRating(e.rating, e.followUp))
    .project('rating.commented', (e) => store.commentRating(e.ticketId, e.text, e.at))
    .audit('rating.commented', { target: (e) => e.ticketId, detail: () => null })
    .audit('rating.requested', { target: (e) => e.counterId, detail: (e) => ({ ticketId: e.ticketId }) });
}
