import type { CaseStore } from '@guichet/db';
import type { RatingCounts } from '../../core/rating-rates.js';
import type { RatingsReport } from '../../protocol/schemas/case-views.js';
import { type RateTallies, type RatingsQuery, ratingsReport } from '../cases/rates.js';
import { rateCounts } from './day-cells.js';
import { MAX_PERIOD_DAYS, type ReportsEngine } from './engine.js';
import { giveWay } from './give-way.js';
import { loadCells } from './rollups.js';

/**
 * The 好差评 rates report with its served and rating counts added up from daily cells
 * (day-cells.ts `rates-*`: closed days from the rollup cache, today from raw rows) instead of
 * re-reading every finish and rating of the period; the bad-rating cases, whose follow-up goes
 * on after their day, are read as they are now. A period longer than the cache covers is
 * counted from the rows.
 */
export function ratingsFromCells(engine: ReportsEngine, store: CaseStore, q: RatingsQuery): RatingsReport {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1;
  if (!(days <= MAX_PERIOD_DAYS)) return ratingsReport(store, q);
  const { ctx } = engine.context(q);
  const byDay = q.by === 'day' || q.by === 'month';
  const family = byDay ? 'rates-total' : `rates-${q.by}`;
  const { cells } = loadCells(engine.reads, engine.rollups, ctx, q.from, q.to, [family]);
  const tallies: RateTallies = { served: new Map(), rated: new Map() };
  for (const c of cells) {
    giveWay();
    const key = q.by === 'day' ? c.day : q.by === 'month' ? c.day.slice(0, 7) : c.key;
    const a = rateCounts(c.data);
    if (a[0]) tallies.served.set(key, (tallies.served.get(key) ?? 0) + a[0]);
    let rated = 0;
    for (let i = 1; i < 7; i++) rated += a[i]!;
    if (!rated) continue;
    const r: RatingCounts = tallies.rated.get(key) ?? {
      byLevel: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      notRated: 0,
    };
    for (const l of [1, 2, 3, 4, 5] as const) r.byLevel[l] += a[l]!;
    r.notRated += a[6]!;
    tallies.rated.set(key, r);
  }
  return ratingsReport(store, q, tallies);
}
