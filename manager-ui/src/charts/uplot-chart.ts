import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSpec } from './spec';

/**
 * The lazily loaded half of the charts: uPlot and its CSS live in their own chunk, fetched the
 * first time a chart is shown, so the manager area's main bundle stays in its budget.
 * Categories are drawn at x = 0 … n−1 with their labels on the axis.
 */
export interface DrawnChart {
  setSize(width: number, height: number): void;
  destroy(): void;
}

export function drawChart(target: HTMLElement, spec: ChartSpec, width: number, height: number): DrawnChart {
  const n = spec.xLabels.length;
  const highContrast = globalThis.matchMedia?.('(prefers-contrast: more)').matches ?? false;
  const lineWidth = highContrast ? 3 : 2;
  const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
  const font = '13px system-ui, "Noto Sans CJK SC", sans-serif';
  const axisStroke = '#141c26';
  const grid = { stroke: '#d5dbe3', width: 1 };
  // Label widths, roughly (a CJK character is about twice a Latin one at 13 px).
  const textWidth = (x: string) => [...x].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 13 : 7.5), 0);
  const widest = Math.max(0, ...spec.xLabels.map(textWidth));
  const slot = (width - 70) / Math.max(n, 1);
  // Names that do not fit their slot are turned; numbers (hours, days) are thinned out instead.
  const turn = spec.xNames === true && widest + 8 > slot;
  const every = spec.xNames ? 1 : Math.max(1, Math.ceil((widest + 10) / slot));
  const opts: uPlot.Options = {
    width,
    height,
    scales: {
      x: { time: false, range: [-0.5, Math.max(n - 0.5, 0.5)] },
      y: {
        range: (_u, _min, max) => [0, spec.yMax ?? Math.max(1, Math.ceil((max || 1) * 1.1))],
      },
    },
    axes: [
      {
        stroke: axisStroke,
        font,
        grid: { show: false },
        splits: () => Array.from({ length: n }, (_, i) => i),
        values: (_u, splits) => splits.map((i) => (i % every === 0 ? (spec.xLabels[i] ?? '') : '')),
        ...(turn ? { rotate: -30, size: Math.min(110, 24 + widest * 0.55) } : {}),
        label: spec.xTitle,
        labelFont: font,
      },
      { stroke: axisStroke, font, grid, size: 52 },
    ],
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: spec.xTitle, value: (_u, i) => (i === null ? '' : (spec.xLabels[i] ?? '')) },
      ...spec.series.map(
        (s): uPlot.Series =>
          s.kind === 'bar'
            ? {
                label: s.label,
                stroke: s.color,
                fill: `${s.color}b3`,
                width: 1,
                paths: bars,
                points: { show: false },
              }
            : {
                label: s.label,
                stroke: s.color,
                width: lineWidth,
                dash: s.dash,
                points: { show: true, size: 7, stroke: s.color, fill: '#fff' },
              },
      ),
    ],
  };
  const data: uPlot.AlignedData = [
    Array.from({ length: n }, (_, i) => i),
    ...spec.series.map((s) => s.values.map((v) => (v === null ? null : v))),
  ];
  const plot = new uPlot(opts, data, target);
  return {
    setSize: (w, h) => plot.setSize({ width: w, height: h }),
    destroy: () => plot.destroy(),
  };
}
