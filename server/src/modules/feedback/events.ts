import type { CaseRow, RatingRow } from '@guichet/db';
import type { EventBase } from '../../kernel/events.js';

/** A citizen's rating (or "not rated" after the pad's timeout), and the follow-up case of a bad one. */
export interface RatingRecorded extends EventBase {
  type: 'rating.recorded';
  rating: RatingRow;
  followUp: CaseRow | null;
}
/** The citizen's supplementary comment (补充评价) on a rating. */
export interface RatingCommented extends EventBase {
  type: 'rating.commented';
  ticketId: string;
  text: string;
}
/** Staff asked the counter's pad to rate a finished ticket. */
export interface RatingRequested extends EventBase {
  type: 'rating.requested';
  ticketId: string;
  counterId: string;
}

declare module '../../kernel/events.js' {
  interface EventCatalog {
    'rating.recorded': RatingRecorded;
    'rating.requested': RatingRequested;
    'rating.commented': RatingCommented;
  }
}
