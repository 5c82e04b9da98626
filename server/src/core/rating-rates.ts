import type { FollowUpCase } from './cases.js';

/**
 * The rates the 好差评 practice publishes (GB/T 39734/39735-2020), each as an exact fraction so
 * a report can show "37 / 40" beside "92.5 %" and a test can check it to the unit.
 *
 * - 好评率 good rate         = good ÷ rated (good levels configurable, default 3–5)
 * - 未评率 not-rated rate    = not rated ÷ served
 * - 回复率 answer rate       = bad-rating cases with feedback ÷ bad ratings
 * - 回访整改率 follow-up rate = bad-rating cases with a callback and a resolution ÷ bad ratings
 * - 回访整改满意率            = cases whose citizen was satisfied or basically satisfied with
 *                              the answer ÷ cases called back
 */
export interface Fraction {
  numerator: number;
  denominator: number;
  /** One decimal, or null when the denominator is 0 (no figure rather than a false 0 % or 100 %). */
  percent: number | null;
}

export const fraction = (numerator: number, denominator: number): Fraction => ({
  numerator,
  denominator,
  percent: denominator ? Math.round((numerator / denominator) * 1000) / 10 : null,
});

export interface RatingFacts {
  /** 1–5, or null when recorded as not rated. */
  level: number | null;
}

export interface RatingRates {
  served: number;
  rated: number;
  byLevel: Record<1 | 2 | 3 | 4 | 5, number>;
  bad: number;
  good: Fraction;
  notRated: Fraction;
  answered: Fraction;
  followedUp: Fraction;
  followUpSatisfied: Fraction;
  overdueCases: number;
}

export const BAD_LEVELS = [1, 2] as const;
export const DEFAULT_GOOD_LEVELS = [3, 4, 5] as const;

/** Ratings already counted: by level, and "not rated" records. */
export interface RatingCounts {
  byLevel: Record<1 | 2 | 3 | 4 | 5, number>;
  notRated: number;
}

/** Counts ratings by level (the same counting `ratingRates` does over a list). */
export function countRatings(ratings: readonly RatingFacts[]): RatingCounts {
  const byLevel = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let notRated = 0;
  for (const r of ratings) {
    if (r.level === null) notRated++;
    else byLevel[r.level as 1 | 2 | 3 | 4 | 5]++;
  }
  return { byLevel, notRated };
}

export function ratingRates(input: {
  served: number;
  /** The ratings, or their counts (a year's report adds up daily counts). */
  ratings: readonly RatingFacts[] | RatingCounts;
  badRatingCases: readonly FollowUpCase[];
  overdueCases: number;
  goodLevels?: readonly number[];
}): RatingRates {
  const goodLevels = input.goodLevels ?? DEFAULT_GOOD_LEVELS;
  const { byLevel, notRated } = Array.isArray(input.ratings)
    ? countRatings(input.ratings as readonly RatingFacts[])
    : (input.ratings as RatingCounts);
  const rated = byLevel[1] + byLevel[2] + byLevel[3] + byLevel[4] + byLevel[5];
  const good = Object.entries(byLevel).reduce((n, [l, c]) => (goodLevels.includes(Number(l)) ? n + c : n), 0);
  const bad = byLevel[1] + byLevel[2];
  const cases = input.badRatingCases;
  const stepped = (c: FollowUpCase, k: string) => c.steps.some((s) => s.kind === k);
  const calledBack = cases.filter((c) => stepped(c, 'callback'));
  const satisfied = cases.filter((c) =>
    c.steps.some((s) => s.satisfaction === 'satisfied' || s.satisfaction === 'basically_satisfied'),
  );
  return {
    served: input.served,
    rated,
    byLevel: { ...byLevel },
    bad,
    good: fraction(good, rated),
    notRated: fraction(notRated, input.served),
    answered: fraction(cases.filter((c) => stepped(c, 'feedback')).length, bad),
    followedUp: fraction(calledBack.filter((c) => stepped(c, 'resolution')).length, bad),
    followUpSatisfied: fraction(satisfied.length, calledBack.length),
    overdueCases: input.overdueCases,
  };
}
