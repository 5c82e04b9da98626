import { useState } from 'preact/hooks';
import { branchId, locale, session, snapshot, text } from '../../store';
import { rt } from '../../strings/reports';
import { getSummary } from './api';
import { ChartsPanel } from './ChartsPanel';
import { DateField } from './DateField';
import { Loadable } from './Loadable';
import { addDays, fig, isDate, notRatedRate, todayIn } from './period';
import { DAILY_COLUMNS, SummaryNotes, SummaryTable } from './SummaryTable';
import { branchZone, useReport } from './state';
import './reports.css';

/** Chart width that fits an A4 page upright with 15 mm margins (180 mm at 96 dpi ≈ 680 px). */
const PRINT_WIDTH = 660;

/**
 * /manager/daily: the 日报 of one day, laid out for A4 (print CSS in reports.css): header with
 * branch, date and time generated, the day's figures, per-service and per-counter tables, and
 * the day's charts. "Print" is the browser's own (save as PDF included).
 */
export function Daily() {
  const bid = branchId.value;
  const zone = branchZone();
  const [day, setDay] = useState(() => {
    // A link may name the day (/manager/daily?day=2026-11-30); otherwise today in the branch's zone.
    const asked = new URLSearchParams(globalThis.location?.search ?? '').get('day') ?? '';
    return isDate(asked) ? asked : todayIn(zone);
  });
  const [generatedAt] = useState(() => new Date());
  const token = session.value?.token ?? '';
  const p = { from: day, to: day };
  const deps = [bid, day];
  const byService = useReport(bid ? () => getSummary(token, bid, p, 'service') : null, deps);
  const byCounter = useReport(bid ? () => getSummary(token, bid, p, 'counter') : null, deps);
  if (!bid) return null;
  const branchName = text(snapshot.value?.branch.name);
  const stamp = new Intl.DateTimeFormat(locale.value, {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(generatedAt);
  return (
    <article class="daily" data-testid="daily">
      <div class="daily-tools no-print">
        <button type="button" class="btn" data-action="day-prev" onClick={() => setDay(addDays(day, -1))}>
          ‹ {rt('previous')}
        </button>
        <DateField label={rt('date')} name="day" value={day} onDate={setDay} />
        <button type="button" class="btn" data-action="day-next" onClick={() => setDay(addDays(day, 1))}>
          {rt('next')} ›
        </button>
        <button type="button" class="btn btn-primary" data-action="print" onClick={() => window.print()}>
          {rt('print')}
        </button>
      </div>
      <header class="daily-head">
        <h1>{rt('dailyFor', { branch: branchName })}</h1>
        <p class="daily-date" data-testid="daily-date">
          {day} · {rt('zoneNote', { zone })}
        </p>
        <p class="muted">{rt('generatedAt', { at: stamp })}</p>
      </header>
      <Loadable state={byService}>
        {(r) => (
          <>
            <section class="daily-section" aria-labelledby="day-figures">
              <h2 id="day-figures">{rt('dayFigures')}</h2>
              <dl class="figures" data-testid="day-figures">
                {(
                  [
                    ['colIssued', r.totals.issued],
                    ['colServed', r.totals.served],
                    ['colNoShow', r.totals.noShow],
                    ['colAbandoned', r.totals.abandoned],
                    ['colWaitMean', r.totals.waitMeanSeconds],
                    ['colWaitP90', r.totals.waitP90Seconds],
                    ['colSla', r.totals.slaPercent],
                    ['colRatings', r.totals.ratings.count],
                    ['level5', r.totals.ratings.byLevel[5]],
                    ['level4', r.totals.ratings.byLevel[4]],
                    ['level3', r.totals.ratings.byLevel[3]],
                    ['level2', r.totals.ratings.byLevel[2]],
                    ['level1', r.totals.ratings.byLevel[1]],
                    ['colBad', r.totals.ratings.bad],
                    ['colNotRatedRate', notRatedRate(r.totals.ratings.notRated, r.totals.served)],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k} data-figure={k}>
                    <dt>{rt(k)}</dt>
                    <dd>{fig(v)}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <section class="daily-section">
              <SummaryTable
                report={r}
                id="daily-service"
                columns={DAILY_COLUMNS}
                caption={rt('perService')}
              />
              <SummaryNotes report={r} />
            </section>
          </>
        )}
      </Loadable>
      <Loadable state={byCounter}>
        {(r) => (
          <section class="daily-section">
            <SummaryTable report={r} id="daily-counter" columns={DAILY_COLUMNS} caption={rt('perCounter')} />
          </section>
        )}
      </Loadable>
      <section class="daily-section daily-charts">
        <ChartsPanel branchId={bid} p={p} daily width={PRINT_WIDTH} />
      </section>
    </article>
  );
}
