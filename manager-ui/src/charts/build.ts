import type { SummaryReport } from '../screens/reports/api';
import { locale } from '../store';
import { rt } from '../strings/reports';
import { type ChartSpec, COLORS } from './spec';

/**
 * Chart specs from the summary reports, figures unchanged except seconds shown as minutes (one
 * decimal) on the wait chart. Hours without tickets between the first and the last are drawn
 * as zero so the day's shape is not compressed.
 */
const min1 = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
const hh = (h: number) => String(h).padStart(2, '0');

function hourSpan(keys: string[]): number[] {
  const hours = keys.map(Number).filter((h) => Number.isFinite(h));
  if (hours.length === 0) return [];
  const lo = Math.min(...hours);
  return Array.from({ length: Math.max(...hours) - lo + 1 }, (_, i) => lo + i);
}

export function arrivalsSpec(byHour: SummaryReport): ChartSpec {
  const rows = new Map(byHour.rows.map((r) => [r.key, r]));
  const hours = hourSpan(byHour.rows.map((r) => r.key));
  const issued = hours.map((h) => rows.get(hh(h))?.issued ?? 0);
  const served = hours.map((h) => rows.get(hh(h))?.served ?? 0);
  const max = Math.max(0, ...issued);
  const peak = hours[issued.indexOf(max)];
  return {
    id: 'arrivals',
    title: rt('chArrivals'),
    summary: rt('arrivalsSummary', {
      issued: byHour.totals.issued,
      served: byHour.totals.served,
      peak: peak === undefined ? '–' : hh(peak),
      max,
    }),
    xTitle: rt('hour'),
    xLabels: hours.map(hh),
    series: [
      { label: rt('seriesIssued'), values: issued, kind: 'bar', color: COLORS.a },
      { label: rt('seriesServed'), values: served, kind: 'line', color: COLORS.b },
    ],
  };
}

export function waitsSpec(byService: SummaryReport): ChartSpec {
  const target = new Map(byService.targets.map((t) => [t.serviceId, t.targetWaitMinutes]));
  const p90 = byService.rows.map((r) => min1(r.waitP90Seconds));
  const targets = byService.rows.map((r) => target.get(r.key) ?? null);
  const over = p90.filter((v, i) => v !== null && targets[i] !== null && v > (targets[i] as number)).length;
  return {
    id: 'waits',
    title: rt('chWaits'),
    summary: rt('waitsSummary', { over, total: byService.rows.length }),
    xTitle: rt('by_service'),
    xLabels: byService.rows.map((r) => r.label[locale.value]),
    xNames: true,
    series: [
      { label: rt('seriesP90'), values: p90, kind: 'bar', color: COLORS.a },
      { label: rt('seriesTarget'), values: targets, kind: 'line', color: COLORS.ink, dash: [8, 5] },
    ],
  };
}

export function slaSpec(byDay: SummaryReport): ChartSpec {
  const values = byDay.rows.map((r) => r.slaPercent);
  const known = values.filter((v): v is number => v !== null);
  return {
    id: 'sla',
    title: rt('chSla'),
    summary: rt('slaSummary', {
      days: byDay.rows.length,
      min: known.length ? Math.min(...known) : '–',
      max: known.length ? Math.max(...known) : '–',
    }),
    xTitle: rt('by_day'),
    xLabels: byDay.rows.map((r) => r.key.slice(5)),
    series: [{ label: rt('seriesSla'), values, kind: 'line', color: COLORS.a }],
    yMax: 100,
  };
}

export interface HeatmapData {
  hours: number[];
  /** counts[weekday − 1][hour index] */
  counts: number[][];
  max: number;
  summary: string;
}

export function heatmapData(byWeekdayHour: SummaryReport): HeatmapData {
  const hours = hourSpan(byWeekdayHour.rows.map((r) => r.key.split('-')[1] ?? ''));
  const counts = Array.from({ length: 7 }, () => hours.map(() => 0));
  let max = 0;
  let at = { wd: 1, h: hours[0] ?? 0 };
  for (const r of byWeekdayHour.rows) {
    const [wd, h] = r.key.split('-').map(Number) as [number, number];
    const row = counts[wd - 1];
    const col = hours.indexOf(h);
    if (!row || col < 0) continue;
    row[col] = r.issued;
    if (r.issued > max) {
      max = r.issued;
      at = { wd, h };
    }
  }
  const weekday = rt(`wd${at.wd}` as 'wd1');
  return { hours, counts, max, summary: rt('heatmapSummary', { weekday, hour: hh(at.h), max }) };
}
