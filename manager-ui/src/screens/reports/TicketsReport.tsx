import { useState } from 'preact/hooks';
import { locale, session, snapshot, text } from '../../store';
import { type ReportKey, rt } from '../../strings/reports';
import { getTickets, type TicketFilter } from './api';
import { ExportButtons } from './ExportButtons';
import { clockOf, Loadable, NoRows } from './Loadable';
import type { DatePeriod } from './period';
import { fig } from './period';
import { useReport } from './state';

/** The server's page of ticket rows (modules/reports/tickets.ts DEFAULT_PAGE). */
const PAGE_SIZE = 500;

/**
 * Every ticket of the period, filtered by service, counter or clerk, paged with the API's keyset
 * cursor: pages go on as far as the period does (no row cap); earlier pages are revisited by
 * keeping the cursors that led to them.
 */
export function TicketsReport({ branchId, p, clerks }: { branchId: string; p: DatePeriod; clerks: Clerk[] }) {
  const token = session.value?.token ?? '';
  const snap = snapshot.value;
  const [draft, setDraft] = useState<TicketFilter>({});
  const [filter, setFilter] = useState<TicketFilter>({});
  // cursors[i] is the cursor of page i (null for the first).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex] ?? null;
  const page = useReport(
    () => getTickets(token, branchId, p, filter, cursor),
    [branchId, p.from, p.to, filter, cursor],
  );
  const reset = (f: TicketFilter) => {
    setFilter(f);
    setCursors([null]);
  };
  const select = (name: keyof TicketFilter, label: ReportKey, options: { id: string; label: string }[]) => (
    <label class="field inline">
      <span>{rt(label)}</span>
      <select
        name={name}
        value={draft[name] ?? ''}
        onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.value || undefined })}
      >
        <option value="">{rt('any')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="tickets-title">
      <h2 id="tickets-title">{rt('tab_tickets')}</h2>
      <form
        class="report-tools"
        onSubmit={(e) => {
          e.preventDefault();
          reset(draft);
        }}
      >
        {select(
          'serviceId',
          'filterService',
          (snap?.services ?? []).map((s) => ({ id: s.id, label: `${s.prefix} ${text(s.name)}` })),
        )}
        {select(
          'counterId',
          'filterCounter',
          (snap?.counters ?? []).map((c) => ({ id: c.id, label: `${c.number} ${text(c.name)}` })),
        )}
        {select('clerkId', 'filterClerk', clerks)}
        <button type="submit" class="btn btn-primary" data-action="tickets-search">
          {rt('apply')}
        </button>
        <ExportButtons branchId={branchId} kind="tickets" query={{ ...p, ...filter }} />
      </form>
      <Loadable state={page}>
        {(data) => (
          <>
            <div class="table-scroll">
              <table class="grid report" data-report="tickets">
                <caption>{rt('pageOf', { page: pageIndex + 1, size: PAGE_SIZE })}</caption>
                <thead>
                  <tr>
                    {(
                      [
                        'tkCode',
                        'tkDay',
                        'tkService',
                        'tkIssued',
                        'tkCalled',
                        'tkStarted',
                        'tkFinished',
                        'tkOutcome',
                        'tkCounter',
                        'tkClerk',
                        'tkLegs',
                        'tkWait',
                        'tkHandle',
                        'tkPromised',
                        'tkRating',
                        'tkPerson',
                      ] as const
                    ).map((k) => (
                      <th scope="col" key={k}>
                        {rt(k)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.rows.length === 0 && <NoRows cols={16} />}
                  {data.rows.map((r) => (
                    <tr key={r.ticketId} data-ticket={r.ticketId}>
                      <th scope="row" class="mono">
                        {r.code}
                      </th>
                      <td>{r.businessDay}</td>
                      <td>{r.service[locale.value]}</td>
                      <td>{clockOf(r.issuedAt, r.businessDay)}</td>
                      <td>{clockOf(r.calledAt, r.businessDay)}</td>
                      <td>{clockOf(r.startedAt, r.businessDay)}</td>
                      <td>{clockOf(r.finishedAt, r.businessDay)}</td>
                      <td>{r.outcome ? rt(`outcome_${r.outcome}` as ReportKey) : '–'}</td>
                      <td>{r.counter?.[locale.value] ?? '–'}</td>
                      <td>{r.clerk ?? '–'}</td>
                      <td class="num">{r.legs}</td>
                      <td class="num" data-col="wait">
                        {fig(r.waitSeconds)}
                      </td>
                      <td class="num">{fig(r.handleSeconds)}</td>
                      <td class="num">{fig(r.estimatedWaitMinutes)}</td>
                      <td class="num">{r.rated === 'not_rated' ? rt('rated_not_rated') : fig(r.rating)}</td>
                      <td class="mono">{r.person ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="pager">
              <button
                type="button"
                class="btn"
                data-action="page-first"
                disabled={pageIndex === 0}
                onClick={() => setCursors([null])}
              >
                {rt('firstPage')}
              </button>
              <button
                type="button"
                class="btn"
                data-action="page-prev"
                disabled={pageIndex === 0}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                ‹ {rt('prevPage')}
              </button>
              <span data-testid="page-number">{pageIndex + 1}</span>
              <button
                type="button"
                class="btn"
                data-action="page-next"
                disabled={!data.nextCursor}
                onClick={() => data.nextCursor && setCursors([...cursors, data.nextCursor])}
              >
                {rt('nextPage')} ›
              </button>
              {!data.nextCursor && <span class="muted">{rt('lastPageNote')}</span>}
            </div>
          </>
        )}
      </Loadable>
    </section>
  );
}

export interface Clerk {
  id: string;
  label: string;
}
