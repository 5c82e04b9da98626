import { useState } from 'preact/hooks';
import { failureText, locale, session } from '../../store';
import { type ReportKey, rt } from '../../strings/reports';
import { type CallOrderRow, getCallOrder, type CallOrderReport as Report } from './api';
import { ExportButtons } from './ExportButtons';
import { clockOf, Loadable, NoRows } from './Loadable';
import { type DatePeriod, hms } from './period';
import { useReport } from './state';

type Clerk = Report['clerks'][number];
/** The rules a call records (protocol CallRule), in the order the routing tries them. */
const RULES = ['counter_transfer', 'priority_class', 'overdue_rule', 'level_fifo', 'manual', 'callback'];
const ruleName = (rule: string) => (RULES.includes(rule) ? rt(`rule_${rule}` as ReportKey) : rule);
const share = (c: { calls: number; outOfOrder: number }) =>
  c.calls ? (Math.round((c.outOfOrder / c.calls) * 1000) / 10).toFixed(1) : '–';

/**
 * Call-order transparency (issue 11): per clerk the calls made while older eligible tickets
 * waited, by the rule recorded with each call, then those calls themselves. The server gives the
 * clerks' totals for the whole period on every page and the calls a page at a time; "more"
 * appends the next page (by `nextCursor`) so the list reads on in call order.
 */
export function CallOrderReport({ branchId, p }: { branchId: string; p: DatePeriod }) {
  const token = session.value?.token ?? '';
  const first = useReport(() => getCallOrder(token, branchId, p, null), [branchId, p.from, p.to]);
  const more = useMore(token, branchId, p, first.data);
  return (
    <section aria-labelledby="callorder-title">
      <h2 id="callorder-title">{rt('tab_callorder')}</h2>
      <div class="report-tools">
        <ExportButtons branchId={branchId} kind="call-order" query={{ ...p }} />
      </div>
      <Loadable state={first}>
        {(data) => {
          const calls = [...data.calls, ...more.rows];
          return (
            <>
              <ClerkTable data={data} />
              <CallsTable
                calls={calls}
                total={data.totalCalls}
                caption={`${rt('coListTitle')} · ${data.from} – ${data.to}`}
              />
              {more.next && (
                <div class="pager">
                  <button
                    type="button"
                    class="btn"
                    data-action="callorder-more"
                    disabled={more.busy}
                    aria-describedby="callorder-shown"
                    onClick={more.load}
                  >
                    {more.busy ? rt('coLoadingMore') : rt('coMore')}
                  </button>
                </div>
              )}
              {more.error && (
                <p class="error" role="alert">
                  {rt('loadFailed', { reason: more.error })}
                </p>
              )}
              <p class="report-notes">{rt('coNote')}</p>
            </>
          );
        }}
      </Loadable>
    </section>
  );
}

/**
 * The pages after the first, appended. They belong to the first page they followed: a new first
 * page (another period, a retry) starts over from its own `nextCursor`, with no stale rows.
 */
function useMore(token: string, branchId: string, p: DatePeriod, first: Report | null) {
  const [more, setMore] = useState<{ of: Report | null; rows: CallOrderRow[]; next: string | null }>({
    of: null,
    rows: [],
    next: null,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const own = more.of === first && first !== null;
  const rows = own ? more.rows : [];
  const next = own ? more.next : (first?.nextCursor ?? null);
  const load = async () => {
    if (!next || !first) return;
    setBusy(true);
    setError(null);
    try {
      const page = await getCallOrder(token, branchId, p, next);
      setMore({ of: first, rows: [...rows, ...page.calls], next: page.nextCursor });
    } catch (e) {
      // Kept with this first page, so the failure shows here and goes with it.
      setMore({ of: first, rows, next });
      setError(failureText(e));
    } finally {
      setBusy(false);
    }
  };
  return { rows, next, busy, error: own ? error : null, load };
}

function ClerkTable({ data }: { data: Report }) {
  const sum = (f: (c: Clerk) => number) => data.clerks.reduce((n, c) => n + f(c), 0);
  const byRule: Record<string, number> = {};
  for (const c of data.clerks)
    for (const [k, n] of Object.entries(c.byRule)) byRule[k] = (byRule[k] ?? 0) + n;
  const total = { calls: sum((c) => c.calls), outOfOrder: sum((c) => c.outOfOrder), byRule };
  return (
    <table class="grid report" data-report="callorder">
      <caption>{`${rt('tab_callorder')} · ${data.from} – ${data.to}`}</caption>
      <thead>
        <tr>
          <th scope="col">{rt('coClerk')}</th>
          <th scope="col" class="num">
            {rt('coCalls')}
          </th>
          <th scope="col" class="num">
            {rt('coOutOfOrder')}
          </th>
          <th scope="col" class="num">
            {rt('coShare')}
          </th>
          <th scope="col">{rt('coByRule')}</th>
        </tr>
      </thead>
      <tbody>
        {data.clerks.length === 0 && <NoRows cols={5} />}
        {data.clerks.map((c) => (
          <ClerkRow key={c.clerkId} id={c.clerkId} label={c.label[locale.value]} c={c} />
        ))}
        {data.clerks.length > 0 && <ClerkRow id="total" label={rt('total')} c={total} />}
      </tbody>
    </table>
  );
}

function ClerkRow({ id, label, c }: { id: string; label: string; c: Omit<Clerk, 'clerkId' | 'label'> }) {
  const rules = Object.entries(c.byRule)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => RULES.indexOf(a) - RULES.indexOf(b))
    .map(([rule, n]) => `${ruleName(rule)} ${n}`)
    .join('；');
  return (
    <tr data-key={id} class={id === 'total' ? 'total' : undefined}>
      <th scope="row">{label}</th>
      <td class="num">{c.calls}</td>
      <td class={c.outOfOrder > 0 ? 'num warn' : 'num'}>{c.outOfOrder}</td>
      <td class="num">{share(c)}</td>
      <td>{rules || '–'}</td>
    </tr>
  );
}

const CALL_COLS: ReportKey[] = [
  'coDay',
  'coTime',
  'coTicket',
  'coService',
  'coCounter',
  'coClerk',
  'coRule',
  'coOlder',
  'coOldest',
  'coOldestWaited',
];

function CallsTable({ calls, total, caption }: { calls: CallOrderRow[]; total: number; caption: string }) {
  const l = locale.value;
  return (
    <>
      <h3 id="callorder-list">{rt('coListTitle')}</h3>
      <p id="callorder-shown" class="muted" data-testid="callorder-shown">
        {rt('coShown', { shown: calls.length, total })}
      </p>
      <div class="table-scroll">
        <table class="grid report" data-report="callorder-calls">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {CALL_COLS.map((k) => (
                <th scope="col" key={k} class={k === 'coOlder' || k === 'coOldestWaited' ? 'num' : undefined}>
                  {rt(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {calls.length === 0 && <NoRows cols={CALL_COLS.length} />}
            {calls.map((r) => (
              <tr key={`${r.ticketId}-${r.calledAt}`} data-ticket={r.ticketId}>
                <td>{r.businessDay}</td>
                <td>{clockOf(r.calledAt, r.businessDay)}</td>
                <th scope="row" class="mono">
                  {r.code}
                </th>
                <td>{r.service[l]}</td>
                <td>{r.counter[l]}</td>
                <td>{r.clerk?.[l] ?? '–'}</td>
                <td data-rule={r.rule}>{r.ruleLabel[l]}</td>
                <td class="num">{r.olderWaiting}</td>
                <td class="mono">{r.oldestCode}</td>
                <td class="num">{hms(r.oldestWaitedSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
