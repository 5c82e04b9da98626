import { InputField } from '@guichet/counter-ui/staff';
import { CASE_CHANNELS, CASE_STATUSES } from '@guichet/server/kit';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/Banner';
import { branchId, snapshot, text } from '../../store';
import { CaseDetail } from './CaseDetail';
import { ComplaintEntry } from './ComplaintEntry';
import { DeadlineBadge } from './DeadlineBadge';
import {
  branchAppraisal,
  type CaseFilters,
  type CaseView,
  counterName,
  ct,
  downloadLedger,
  listCases,
  refusal,
  serviceName,
  stamp,
  today,
} from './lib';
import './cases.css';

/** The case ledger (台账) with its filters, XLSX export and staff entry; a row opens the case. */
export function Cases() {
  const bid = branchId.value!;
  const [filters, setFilters] = useState<CaseFilters>({});
  const [cases, setCases] = useState<CaseView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [entering, setEntering] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [clerks, setClerks] = useState<Map<string, string>>(new Map());

  const load = async (f: CaseFilters = filters) => {
    try {
      setError(null);
      setCases(await listCases(bid, f));
    } catch (e) {
      setError(refusal(e));
    }
  };
  useEffect(() => {
    void load();
    // Clerks by name for the filter and the table: the day's appraisal lists every clerk.
    branchAppraisal(bid, today())
      .then((r) => setClerks(new Map(r.records.map((x) => [x.userId, x.name]))))
      .catch(() => {});
  }, [bid]);

  // The day's records name every clerk; a clerk at a counter now is named by the live snapshot too.
  const clerkName = (id: string | null) =>
    id ? (clerks.get(id) ?? snapshot.value?.counters.find((c) => c.clerkId === id)?.clerkName ?? id) : '—';
  const set = (k: keyof CaseFilters, v: string) => setFilters({ ...filters, [k]: v === '' ? undefined : v });
  const snap = snapshot.value!;
  if (openId) {
    return (
      <CaseDetail
        id={openId}
        clerkName={clerkName}
        onBack={() => {
          setOpenId(null);
          void load();
        }}
      />
    );
  }
  const select = (k: keyof CaseFilters, label: string, options: [string, string][]) => (
    <label class="field">
      <span>{label}</span>
      <select
        value={(filters[k] as string | undefined) ?? ''}
        onChange={(e) => set(k, e.currentTarget.value)}
        data-filter={k}
      >
        <option value="">{ct('any')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div class="cases">
      <section class="panel">
        <div class="panel-head">
          <h2>{ct('casesTitle')}</h2>
          <div class="panel-tools">
            <button type="button" class="btn" onClick={() => setEntering(true)} data-testid="new-complaint">
              {ct('newComplaint')}
            </button>
            <button
              type="button"
              class="btn"
              disabled={exporting}
              data-testid="export-xlsx"
              onClick={async () => {
                setExporting(true);
                try {
                  await downloadLedger(bid, filters);
                } catch (e) {
                  setError(refusal(e));
                }
                setExporting(false);
              }}
            >
              {exporting ? ct('exporting') : ct('exportXlsx')}
            </button>
          </div>
        </div>
        <form
          class="case-filters"
          aria-label={ct('filters')}
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          {select(
            'status',
            ct('fStatus'),
            CASE_STATUSES.map((s) => [s, ct(`status_${s}`)]),
          )}
          {select('deadline', ct('fDeadline'), [
            ['due_soon', ct('dl_due_soon')],
            ['overdue', ct('dl_overdue')],
          ])}
          {select('kind', ct('fKind'), [
            ['bad_rating', ct('kind_bad_rating')],
            ['complaint', ct('kind_complaint')],
          ])}
          {select(
            'serviceId',
            ct('fService'),
            snap.services.map((s) => [s.id, text(s.name)]),
          )}
          {select(
            'counterId',
            ct('fCounter'),
            snap.counters.map((c) => [c.id, text(c.name)]),
          )}
          {select(
            'clerkId',
            ct('fClerk'),
            [...clerks].map(([id, name]) => [id, name]),
          )}
          {select(
            'channel',
            ct('fChannel'),
            CASE_CHANNELS.map((c) => [c, ct(`ch_${c}`)]),
          )}
          <InputField
            label={<span>{ct('fFrom')}</span>}
            type="date"
            value={filters.from ?? ''}
            onValue={(v) => set('from', v)}
          />
          <InputField
            label={<span>{ct('fTo')}</span>}
            type="date"
            value={filters.to ?? ''}
            onValue={(v) => set('to', v)}
          />
          <div class="filter-actions">
            <button type="submit" class="btn btn-primary" data-testid="apply-filters">
              {ct('apply')}
            </button>
            <button
              type="button"
              class="btn btn-ghost"
              onClick={() => {
                setFilters({});
                void load({});
              }}
            >
              {ct('reset')}
            </button>
          </div>
        </form>
        <ErrorBanner error={error} />
        {cases && <p class="summary">{ct('casesCount', { n: cases.length })}</p>}
        {cases && cases.length === 0 && <p class="empty">{ct('noCases')}</p>}
        {cases && cases.length > 0 && (
          <table class="grid case-table" data-testid="case-table">
            <thead>
              <tr>
                <th scope="col">{ct('colOpened')}</th>
                <th scope="col">{ct('colKind')}</th>
                <th scope="col">{ct('colTicket')}</th>
                <th scope="col">{ct('colService')}</th>
                <th scope="col">{ct('colCounter')}</th>
                <th scope="col">{ct('colClerk')}</th>
                <th scope="col">{ct('colSummary')}</th>
                <th scope="col">{ct('colStatus')}</th>
                <th scope="col">{ct('colCallbackDue')}</th>
                <th scope="col">{ct('colResolutionDue')}</th>
                <th scope="col">
                  <span class="sr-only">{ct('open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} data-case={c.id}>
                  <td>{stamp(c.openedAt).slice(0, 10)}</td>
                  <td>
                    {ct(`kind_${c.kind}`)}
                    <span class="sub">{ct(`ch_${c.channel}`)}</span>
                  </td>
                  <td class="code">{c.ticket?.code ?? '—'}</td>
                  <td>{serviceName(c.serviceId)}</td>
                  <td>{counterName(c.counterId)}</td>
                  <td>{clerkName(c.clerkId)}</td>
                  <td class="summary-cell">{text(c.summary)}</td>
                  <td>
                    <span class={`status status-${c.status}`}>{ct(`status_${c.status}`)}</span>
                  </td>
                  <td>
                    {c.deadlines.callbackDay} <DeadlineBadge state={c.deadlineState.callback} />
                  </td>
                  <td>
                    {c.deadlines.resolutionDay} <DeadlineBadge state={c.deadlineState.resolution} />
                  </td>
                  <td>
                    <button type="button" class="btn btn-small" onClick={() => setOpenId(c.id)}>
                      {ct('open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {entering && (
        <ComplaintEntry
          onClose={(created) => {
            setEntering(false);
            if (created) void load();
          }}
        />
      )}
    </div>
  );
}
