import { countersById, locale, session } from '../../store';
import { type ReportKey, rt } from '../../strings/reports';
import { getEstimates, getStaff } from './api';
import { Loadable, NoRows } from './Loadable';
import { type DatePeriod, fig, hms } from './period';
import { estimatesBy, useReport } from './state';

/** How honest the promised wait was, by service or by hour of issue (the API's figures). */
export function EstimatesReport({ branchId, p }: { branchId: string; p: DatePeriod }) {
  const token = session.value?.token ?? '';
  const by = estimatesBy.value;
  const state = useReport(() => getEstimates(token, branchId, p, by), [branchId, p.from, p.to, by]);
  const cols: [ReportKey, (r: NonNullable<typeof state.data>['totals']) => number | null][] = [
    ['estN', (r) => r.n],
    ['estMae', (r) => r.meanAbsoluteErrorMinutes],
    ['estWithin5', (r) => r.within5MinutesPercent],
    ['estBias', (r) => r.biasMinutes],
    ['estInRange', (r) => r.inRangePercent],
    ['estExcluded', (r) => r.excluded],
  ];
  return (
    <section aria-labelledby="est-title">
      <h2 id="est-title">{rt('tab_estimates')}</h2>
      <fieldset class="segmented report-tools">
        <legend class="visually-hidden">{rt('estBy')}</legend>
        {(['service', 'hour'] as const).map((b) => (
          <button
            type="button"
            key={b}
            class={b === by ? 'btn seg active' : 'btn seg'}
            aria-pressed={b === by}
            data-est-by={b}
            onClick={() => {
              estimatesBy.value = b;
            }}
          >
            {rt(`by_${b}`)}
          </button>
        ))}
      </fieldset>
      <Loadable state={state}>
        {(data) => (
          <>
            <table class="grid report" data-report="estimates">
              <caption>{rt('tab_estimates')}</caption>
              <thead>
                <tr>
                  <th scope="col">{rt(`by_${data.by}`)}</th>
                  {cols.map(([k]) => (
                    <th scope="col" class="num" key={k}>
                      {rt(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && <NoRows cols={cols.length + 1} />}
                {[...data.rows, data.totals].map((r) => (
                  <tr key={r.key} data-key={r.key} class={r.key === 'total' ? 'total' : undefined}>
                    <th scope="row">{r.key === 'total' ? rt('total') : r.label[locale.value]}</th>
                    {cols.map(([k, v]) => (
                      <td class="num" key={k}>
                        {fig(v(r))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="report-notes">{rt('estNote')}</p>
          </>
        )}
      </Loadable>
    </section>
  );
}

/** Per clerk: session, paused by reason, serving, idle, utilisation, idle while tickets waited. */
export function StaffReport({ branchId, p }: { branchId: string; p: DatePeriod }) {
  const token = session.value?.token ?? '';
  const state = useReport(() => getStaff(token, branchId, p), [branchId, p.from, p.to]);
  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title">{rt('tab_staff')}</h2>
      <Loadable state={state}>
        {(data) => (
          <>
            <table class="grid report" data-report="staff">
              <caption>{rt('tab_staff')}</caption>
              <thead>
                <tr>
                  {(
                    [
                      'stClerk',
                      'stCounters',
                      'stSession',
                      'stPaused',
                      'stPausedBy',
                      'stServing',
                      'stIdle',
                      'stUtil',
                      'stIdleWork',
                    ] as const
                  ).map((k) => (
                    <th scope="col" key={k} class={k === 'stClerk' || k === 'stPausedBy' ? undefined : 'num'}>
                      {rt(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && <NoRows cols={9} />}
                {data.rows.map((r) => (
                  <tr key={r.clerkId} data-key={r.clerkId}>
                    <th scope="row">{r.label[locale.value]}</th>
                    <td class="num">
                      {r.counterIds.map((id) => countersById.value.get(id)?.number ?? id).join(', ')}
                    </td>
                    <td class="num" title={`${r.sessionSeconds} s`}>
                      {hms(r.sessionSeconds)}
                    </td>
                    <td class="num">{hms(r.pausedSeconds)}</td>
                    <td>
                      {Object.entries(r.pausedByReason)
                        .sort(([a], [b]) => (a < b ? -1 : 1))
                        .map(([reason, s]) => `${reason} ${hms(s)}`)
                        .join('；') || '–'}
                    </td>
                    <td class="num">{hms(r.servingSeconds)}</td>
                    <td class="num">{hms(r.idleSeconds)}</td>
                    <td class="num">{fig(r.utilisationPercent)}</td>
                    <td class="num">{hms(r.idleWithWorkSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="report-notes">{rt('stNote')}</p>
          </>
        )}
      </Loadable>
    </section>
  );
}
