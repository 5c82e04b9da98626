import { arrivalsSpec, heatmapData, slaSpec, waitsSpec } from '../../charts/build';
import { Chart } from '../../charts/Chart';
import { Heatmap } from '../../charts/Heatmap';
import { session } from '../../store';
import { getSummary } from './api';
import { Loadable } from './Loadable';
import type { DatePeriod } from './period';
import { useReport } from './state';

/**
 * The period's charts, each from a summary report of its own grouping: issued and served per
 * hour, wait P90 against target by service, the weekday × hour heatmap, SL % by day. The daily
 * report asks for the first two only (one day has no trend), at a fixed print width.
 */
export function ChartsPanel({
  branchId,
  p,
  daily = false,
  width,
}: {
  branchId: string;
  p: DatePeriod;
  daily?: boolean;
  width?: number;
}) {
  const token = session.value?.token ?? '';
  const deps = [branchId, p.from, p.to];
  const byHour = useReport(() => getSummary(token, branchId, p, 'hour'), deps);
  const byService = useReport(() => getSummary(token, branchId, p, 'service'), deps);
  const byDay = useReport(daily ? null : () => getSummary(token, branchId, p, 'day'), deps);
  const byWeekdayHour = useReport(daily ? null : () => getSummary(token, branchId, p, 'weekday-hour'), deps);
  return (
    <div class={daily ? 'charts charts-daily' : 'charts'} data-testid="charts">
      <Loadable state={byHour}>{(r) => <Chart spec={arrivalsSpec(r)} width={width} />}</Loadable>
      <Loadable state={byService}>{(r) => <Chart spec={waitsSpec(r)} width={width} />}</Loadable>
      {!daily && (
        <>
          <Loadable state={byDay}>{(r) => <Chart spec={slaSpec(r)} width={width} />}</Loadable>
          <Loadable state={byWeekdayHour}>{(r) => <Heatmap data={heatmapData(r)} />}</Loadable>
        </>
      )}
    </div>
  );
}
