import { rt } from '../strings/reports';
import type { HeatmapData } from './build';

/**
 * Weekday × hour as a small SVG grid (no chart library): one cell per weekday and hour, its
 * count written inside, so the figure never depends on telling shades apart. Shades run from
 * near-white to dark blue; text switches to white on the dark half.
 */
const CELL_W = 40;
const CELL_H = 26;
const LEFT = 44;
const TOP = 22;

function shade(v: number, max: number): string {
  const f = max ? v / max : 0;
  // #f4f7fb → #0a3a75
  const mix = (a: number, b: number) => Math.round(a + (b - a) * f);
  return `rgb(${mix(244, 10)},${mix(247, 58)},${mix(251, 117)})`;
}

export function Heatmap({ data }: { data: HeatmapData }) {
  const width = LEFT + data.hours.length * CELL_W;
  const height = TOP + 7 * CELL_H;
  const title = rt('chHeatmap');
  const hh = (h: number) => String(h).padStart(2, '0');
  return (
    <figure class="chart" data-chart="heatmap" data-state="ready">
      <figcaption>
        <strong>{title}</strong> <span class="chart-summary">{data.summary}</span>
      </figcaption>
      <svg
        class="heatmap"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={`${title}. ${data.summary}`}
      >
        {data.hours.map((h, i) => (
          <text key={h} x={LEFT + i * CELL_W + CELL_W / 2} y={15} text-anchor="middle" class="hm-axis">
            {hh(h)}
          </text>
        ))}
        {data.counts.map((row, wd) => (
          <g key={wd}>
            <text x={LEFT - 6} y={TOP + wd * CELL_H + CELL_H / 2 + 4} text-anchor="end" class="hm-axis">
              {rt(`wd${wd + 1}` as 'wd1')}
            </text>
            {row.map((v, i) => (
              <g key={data.hours[i]}>
                <rect
                  x={LEFT + i * CELL_W}
                  y={TOP + wd * CELL_H}
                  width={CELL_W - 2}
                  height={CELL_H - 2}
                  fill={shade(v, data.max)}
                  stroke="#b9c3cf"
                >
                  <title>
                    {rt('heatmapCell', {
                      weekday: rt(`wd${wd + 1}` as 'wd1'),
                      hour: hh(data.hours[i] ?? 0),
                      count: v,
                    })}
                  </title>
                </rect>
                <text
                  x={LEFT + i * CELL_W + CELL_W / 2 - 1}
                  y={TOP + wd * CELL_H + CELL_H / 2 + 4}
                  text-anchor="middle"
                  class="hm-count"
                  fill={data.max && v / data.max > 0.5 ? '#fff' : '#141c26'}
                >
                  {v}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <details class="chart-data">
        <summary>{rt('chartTableCaption', { title })}</summary>
        <table class="grid compact">
          <thead>
            <tr>
              <th scope="col">{rt('weekday')}</th>
              {data.hours.map((h) => (
                <th scope="col" class="num" key={h}>
                  {hh(h)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.counts.map((row, wd) => (
              <tr key={wd}>
                <th scope="row">{rt(`wd${wd + 1}` as 'wd1')}</th>
                {row.map((v, i) => (
                  <td class="num" key={data.hours[i]}>
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
