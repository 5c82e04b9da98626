/**
 * What a chart shows, independent of how it is drawn: categories on x, one or more series of
 * numbers (null: no figure). The uPlot module draws it; the same spec feeds the text alternative
 * (a data table), so what a screen reader hears is what the chart shows.
 */
export interface SeriesSpec {
  label: string;
  values: (number | null)[];
  kind: 'bar' | 'line';
  /** Dark, distinct colours on white; a dash pattern too, so colour is never the only cue. */
  color: string;
  dash?: number[];
}
export interface ChartSpec {
  /** Stable name for tests and print checks. */
  id: string;
  title: string;
  /** One short sentence with the chart's point, for aria-label and the caption. */
  summary: string;
  xTitle: string;
  xLabels: string[];
  /** The categories are names (services): all are labelled, turned when they do not fit. */
  xNames?: boolean;
  series: SeriesSpec[];
  /** Fix the top of the y axis (e.g. 100 for a percentage). */
  yMax?: number;
}

/** High-contrast palette (≥ 4.5:1 on white): blue, dark orange, near-black. */
export const COLORS = { a: '#0a58b0', b: '#a34700', ink: '#141c26' } as const;
