import { locale } from '../../store';
import { type ReportKey, rt } from '../../strings/reports';
import type { LabelledRow, SummaryReport } from './api';
import { NoRows } from './Loadable';
import { fig, mss, notRatedRate } from './period';

/**
 * Summary rows with exactly the API's figures (the export's columns, in the same order), the
 * total last; the one derived column, 未评率, says how it is made. Waits and handles are in
 * seconds as on the export, with m:ss in the tooltip.
 */
interface Column {
  id: string;
  title: ReportKey;
  value: (r: LabelledRow) => number | null;
  seconds?: boolean;
}
const c = (id: string, title: ReportKey, value: Column['value'], seconds = false): Column => ({
  id,
  title,
  value,
  seconds,
});

export const FULL_COLUMNS: Column[] = [
  c('issued', 'colIssued', (r) => r.issued),
  c('served', 'colServed', (r) => r.served),
  c('noShow', 'colNoShow', (r) => r.noShow),
  c('abandoned', 'colAbandoned', (r) => r.abandoned),
  c('transferred', 'colTransferred', (r) => r.transferred),
  c('waitMean', 'colWaitMean', (r) => r.waitMeanSeconds, true),
  c('waitMedian', 'colWaitMedian', (r) => r.waitMedianSeconds, true),
  c('waitP90', 'colWaitP90', (r) => r.waitP90Seconds, true),
  c('waitMax', 'colWaitMax', (r) => r.waitMaxSeconds, true),
  c('handleMean', 'colHandleMean', (r) => r.handleMeanSeconds, true),
  c('sla', 'colSla', (r) => r.slaPercent),
  c('ratings', 'colRatings', (r) => r.ratings.count),
  c('level5', 'level5', (r) => r.ratings.byLevel[5]),
  c('level4', 'level4', (r) => r.ratings.byLevel[4]),
  c('level3', 'level3', (r) => r.ratings.byLevel[3]),
  c('level2', 'level2', (r) => r.ratings.byLevel[2]),
  c('level1', 'level1', (r) => r.ratings.byLevel[1]),
  c('bad', 'colBad', (r) => r.ratings.bad),
  c('notRated', 'colNotRated', (r) => r.ratings.notRated),
  c('notRatedRate', 'colNotRatedRate', (r) => notRatedRate(r.ratings.notRated, r.served)),
  c('excludedWait', 'colExcludedWait', (r) => r.excluded.wait),
  c('excludedHandle', 'colExcludedHandle', (r) => r.excluded.handle),
];

/** The daily report's columns: what fits an A4 page upright. */
export const DAILY_COLUMNS: Column[] = FULL_COLUMNS.filter((col) =>
  ['issued', 'served', 'noShow', 'abandoned', 'waitMean', 'waitP90', 'waitMax', 'handleMean', 'sla'].includes(
    col.id,
  ),
).concat(FULL_COLUMNS.filter((col) => ['ratings', 'bad', 'notRated', 'notRatedRate'].includes(col.id)));

export function SummaryTable({
  report,
  columns = FULL_COLUMNS,
  caption,
  id,
}: {
  report: SummaryReport;
  columns?: Column[];
  caption: string;
  id: string;
}) {
  const row = (r: LabelledRow, total: boolean) => (
    <tr key={r.key} data-key={r.key} class={total ? 'total' : undefined}>
      <th scope="row">{total ? rt('total') : r.label[locale.value]}</th>
      {columns.map((col) => {
        const v = col.value(r);
        return (
          <td
            key={col.id}
            class="num"
            data-col={col.id}
            title={col.seconds && v !== null ? mss(v) : undefined}
          >
            {fig(v)}
          </td>
        );
      })}
    </tr>
  );
  return (
    <div class="table-scroll">
      <table class="grid report" data-report={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rt('colKey')}</th>
            {columns.map((col) => (
              <th scope="col" class="num" key={col.id}>
                {rt(col.title)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.length === 0 ? (
            <NoRows cols={columns.length + 1} />
          ) : (
            report.rows.map((r) => row(r, false))
          )}
        </tbody>
        <tfoot>{row(report.totals, true)}</tfoot>
      </table>
    </div>
  );
}

/** The notes every summary carries: excluded segments, the targets measured against, sources. */
export function SummaryNotes({ report }: { report: SummaryReport }) {
  const list = report.targets
    .map((t) => `${t.label[locale.value]} ${t.targetWaitMinutes}`)
    .join(locale.value === 'zh-CN' ? '，' : ', ');
  return (
    <div class="report-notes">
      <p data-testid="excluded-note">{rt('excludedNote', report.excluded)}</p>
      {list && <p>{rt('targetsNote', { list })}</p>}
      <p>{rt('notRatedNote')}</p>
      <p class="muted">{rt('daysNote', report.days)}</p>
    </div>
  );
}
