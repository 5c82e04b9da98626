import { branchId, locale, session } from '../../store';
import { type ReportKey, rt } from '../../strings/reports';
import { type GroupBy, getStaff, getSummary } from './api';
import { CallOrderReport } from './CallOrder';
import { ChartsPanel } from './ChartsPanel';
import { EstimatesReport, StaffReport } from './EstimatesStaff';
import { ExportButtons } from './ExportButtons';
import { Loadable } from './Loadable';
import { OpenRateReport } from './OpenRate';
import { PeriodPicker } from './PeriodPicker';
import { SummaryNotes, SummaryTable } from './SummaryTable';
import { currentPeriod, groupBy, type ReportTab, reportTab, useReport } from './state';
import { TicketsReport } from './TicketsReport';
import './reports.css';

const TABS: ReportTab[] = ['summary', 'charts', 'tickets', 'estimates', 'staff', 'openrate', 'callorder'];
const GROUPS: GroupBy[] = ['day', 'hour', 'weekday-hour', 'service', 'counter', 'clerk'];

/** /manager/reports: a period of the branch, then the summary, charts, tickets, estimates, staff, open rate or call order. */
export function Reports() {
  const bid = branchId.value;
  const p = currentPeriod();
  if (!bid) return null;
  const tab = reportTab.value;
  const bad = p.to < p.from;
  return (
    <div class="reports">
      <h1 class="screen-title">{rt('title')}</h1>
      <PeriodPicker />
      <fieldset class="segmented report-tabs">
        <legend class="visually-hidden">{rt('title')}</legend>
        {TABS.map((k) => (
          <button
            type="button"
            key={k}
            class={k === tab ? 'btn seg active' : 'btn seg'}
            aria-pressed={k === tab}
            data-tab={k}
            onClick={() => {
              reportTab.value = k;
            }}
          >
            {rt(`tab_${k}` as ReportKey)}
          </button>
        ))}
      </fieldset>
      {bad ? null : tab === 'summary' ? (
        <SummaryPanel branchId={bid} />
      ) : tab === 'charts' ? (
        <ChartsPanel branchId={bid} p={p} />
      ) : tab === 'tickets' ? (
        <TicketsWithClerks branchId={bid} />
      ) : tab === 'estimates' ? (
        <EstimatesReport branchId={bid} p={p} />
      ) : tab === 'openrate' ? (
        <OpenRateReport branchId={bid} p={p} />
      ) : tab === 'callorder' ? (
        <CallOrderReport branchId={bid} p={p} />
      ) : (
        <StaffReport branchId={bid} p={p} />
      )}
    </div>
  );
}

function SummaryPanel({ branchId: bid }: { branchId: string }) {
  const token = session.value?.token ?? '';
  const p = currentPeriod();
  const by = groupBy.value;
  const state = useReport(() => getSummary(token, bid, p, by), [bid, p.from, p.to, by]);
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{rt('tab_summary')}</h2>
      <div class="report-tools">
        <fieldset class="segmented">
          <legend class="visually-hidden">{rt('groupBy')}</legend>
          {GROUPS.map((g) => (
            <button
              type="button"
              key={g}
              class={g === by ? 'btn seg active' : 'btn seg'}
              aria-pressed={g === by}
              data-group={g}
              onClick={() => {
                groupBy.value = g;
              }}
            >
              {rt(`by_${g}`)}
            </button>
          ))}
        </fieldset>
        <ExportButtons branchId={bid} kind="summary" query={{ ...p, by }} />
      </div>
      <Loadable state={state}>
        {(r) => (
          <>
            <SummaryTable report={r} id="summary" caption={`${rt(`by_${r.by}`)} · ${r.from} – ${r.to}`} />
            <SummaryNotes report={r} />
          </>
        )}
      </Loadable>
    </section>
  );
}

/** The clerk filter lists the clerks who worked in the period (from the staff report). */
function TicketsWithClerks({ branchId: bid }: { branchId: string }) {
  const token = session.value?.token ?? '';
  const p = currentPeriod();
  const staff = useReport(() => getStaff(token, bid, p), [bid, p.from, p.to]);
  const clerks = (staff.data?.rows ?? []).map((r) => ({ id: r.clerkId, label: r.label[locale.value] }));
  return <TicketsReport branchId={bid} p={p} clerks={clerks} />;
}
