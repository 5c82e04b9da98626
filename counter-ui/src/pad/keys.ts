import { BAD_RATING_REASONS, type BadRatingReason } from '@guichet/server/protocol';

/**
 * Keyboard-wedge rating keypads send the digits 1–5 from left to right, and the faces are laid
 * out the same way, most satisfied first: key 1 = 非常满意 (score 5) … key 5 = 非常不满意
 * (score 1). So score = 6 − key. Scores are what the server stores (5 best, 1–2 bad).
 */
export const FACE_SCORES = [5, 4, 3, 2, 1] as const;

export function scoreForKey(key: string): number | null {
  const n = Number(key);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? 6 - n : null;
}

export const isBadScore = (score: number): boolean => score <= 2;

/** Reasons a citizen may give with a bad rating (optional): the protocol's list, sent as its keys. */
export const BAD_REASONS = Object.keys(BAD_RATING_REASONS) as BadRatingReason[];

/** The in-person dimensions a rating may carry (整体满意度, 服务效率, 服务水平, 服务态度), each 1–5. */
export const DIMENSIONS = ['overall', 'efficiency', 'quality', 'attitude'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What a rating may carry beyond its score; all of it optional. */
export interface RatingDetail {
  reasons: BadRatingReason[];
  dimensions: Partial<Record<Dimension, number>>;
}
export const NO_DETAIL: RatingDetail = { reasons: [], dimensions: {} };
