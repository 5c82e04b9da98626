import { useEffect, useRef, useState } from 'preact/hooks';
import { rt } from '../strings/reports';
import type { ChartSpec } from './spec';

/** The chart chunk, fetched once for every chart of the page; a failed fetch is tried again next time. */
let chunk: Promise<typeof import('./uplot-chart')> | null = null;
function loadChartChunk() {
  chunk ??= import('./uplot-chart').catch((e: unknown) => {
    chunk = null;
    throw e;
  });
  return chunk;
}

/**
 * One chart as a figure: title and one-sentence summary, the canvas (role img, the summary as
 * its label), and its data table as the text alternative. uPlot is imported on first use (its
 * own chunk); while it loads, or if it cannot, the table still holds every figure.
 */
export function Chart({ spec, width, height = 240 }: { spec: ChartSpec; width?: number; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const key = JSON.stringify(spec);
  useEffect(() => {
    let live = true;
    let drawn: { setSize(w: number, h: number): void; destroy(): void } | null = null;
    let observer: ResizeObserver | null = null;
    setState('loading');
    loadChartChunk()
      .then(({ drawChart }) => {
        const el = host.current;
        if (!live || !el) return;
        drawn = drawChart(el, spec, width ?? (el.clientWidth || 600), height);
        setState('ready');
        if (width === undefined && typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => drawn?.setSize(el.clientWidth || 600, height));
          observer.observe(el);
        }
      })
      .catch(() => {
        if (live) setState('failed');
      });
    return () => {
      live = false;
      observer?.disconnect();
      drawn?.destroy();
    };
  }, [key, width, height]);
  return (
    <figure class="chart" data-chart={spec.id} data-state={state}>
      <figcaption>
        <strong>{spec.title}</strong> <span class="chart-summary">{spec.summary}</span>
      </figcaption>
      <div
        class="chart-host"
        ref={host}
        role="img"
        aria-label={`${spec.title}. ${spec.summary}`}
        style={width ? { width: `${width}px` } : undefined}
      />
      {state === 'loading' && <p class="muted">{rt('chartsLoading')}</p>}
      {state === 'failed' && <p class="error">{rt('chartsFailed')}</p>}
      <ChartData spec={spec} />
    </figure>
  );
}

/** The chart's figures as a table: what a screen reader reads, and what a reader can check. */
export function ChartData({ spec }: { spec: ChartSpec }) {
  return (
    <details class="chart-data">
      <summary>{rt('chartTableCaption', { title: spec.title })}</summary>
      <table class="grid compact">
        <thead>
          <tr>
            <th scope="col">{spec.xTitle}</th>
            {spec.series.map((s) => (
              <th scope="col" class="num" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.xLabels.map((x, i) => (
            <tr key={x}>
              <th scope="row">{x}</th>
              {spec.series.map((s) => (
                <td class="num" key={s.label}>
                  {s.values[i] ?? '–'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
