import { locale, session } from '../../store';
import { type ReportKey, rt } from '../../strings/reports';
import { getOpenRate, type OpenRateReport as Report } from './api';
import { ExportButtons } from './ExportButtons';
import { Loadable, NoRows } from './Loadable';
import { type DatePeriod, fig, hms } from './period';
import { useReport } from './state';

type Figures = Report['totals'];
const COLS: ReportKey[] = [
  'orScheduled',
  'orOpen',
  'orRate',
  'orClosed',
  'orNotOpened',
  'orReasons',
  'orCloses',
  'orNoReason',
];

/**
 * Window open rate (窗口开放率) per counter over the period, with the total: the branch's
 * scheduled hours against the time each counter was open inside them, and why it was closed.
 * The per-day rows are in the export: the JSON answer leaves them out of a period over 62 days
 * (`daysIncluded`), and this screen never asks for them.
 */
export function OpenRateReport({ branchId, p }: { branchId: string; p: DatePeriod }) {
  const token = session.value?.token ?? '';
  const state = useReport(() => getOpenRate(token, branchId, p), [branchId, p.from, p.to]);
  return (
    <section aria-labelledby="openrate-title">
      <h2 id="openrate-title">{rt('tab_openrate')}</h2>
      <div class="report-tools">
        <ExportButtons branchId={branchId} kind="open-rate" query={{ ...p }} />
      </div>
      <Loadable state={state}>
        {(data) => (
          <>
            <table class="grid report" data-report="openrate">
              <caption>{`${rt('tab_openrate')} · ${data.from} – ${data.to}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{rt('orCounter')}</th>
                  {COLS.map((k) => (
                    <th scope="col" key={k} class={k === 'orReasons' ? undefined : 'num'}>
                      {rt(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.counters.length === 0 && <NoRows cols={COLS.length + 1} />}
                {data.counters.map((r) => (
                  <Row key={r.counterId} id={r.counterId} label={r.counter[locale.value]} r={r} />
                ))}
                <Row id="total" label={rt('total')} r={data.totals} />
              </tbody>
            </table>
            <p class="report-notes">{rt('orNote')}</p>
          </>
        )}
      </Loadable>
    </section>
  );
}

function Row({ id, label, r }: { id: string; label: string; r: Figures }) {
  const reasons = Object.entries(r.closedByReason)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, s]) => `${reason || rt('orNone')} ${hms(s)}`)
    .join('；');
  return (
    <tr data-key={id} class={id === 'total' ? 'total' : undefined}>
      <th scope="row">{label}</th>
      <td class="num">{hms(r.scheduledSeconds)}</td>
      <td class="num">{hms(r.openSeconds)}</td>
      <td class="num">{fig(r.ratePercent)}</td>
      <td class="num">{hms(r.closedSeconds)}</td>
      <td class="num">{hms(r.notOpenedSeconds)}</td>
      <td>{reasons || '–'}</td>
      <td class="num">{r.closes}</td>
      <td class={r.closesWithoutReason > 0 ? 'num warn' : 'num'}>{r.closesWithoutReason}</td>
    </tr>
  );
}
