import { text } from '../../store';
import { type appraisalSheet, ct, minutes, percent, stamp } from './lib';

export type Sheet = Awaited<ReturnType<typeof appraisalSheet>>;

/**
 * The per-clerk appraisal sheet on A4 (print CSS in cases.css): only this is printed; on screen
 * it sits below the page as a preview. One row per day, totals, the entries, two signatures.
 */
export function PrintSheet({ sheet }: { sheet: Sheet }) {
  const { user, branch, totals } = sheet;
  const entries = sheet.days.flatMap((d) => d.entries);
  return (
    <article class="print-sheet" data-testid="print-sheet" aria-label={ct('sheetTitle')}>
      <header>
        <h1>
          {text(branch.name)} · {ct('sheetTitle')}
        </h1>
        <p>
          {user.name} {user.staffNumber ? `（${user.staffNumber}）` : ''} ·{' '}
          {ct('sheetPeriod', { from: sheet.from, to: sheet.to })}
        </p>
      </header>
      <table class="sheet-table">
        <thead>
          <tr>
            <th>{ct('date')}</th>
            <th>{ct('aHours')}</th>
            <th>{ct('aLate')}</th>
            <th>{ct('aPaused')}</th>
            <th>{ct('aServed')}</th>
            <th>{ct('aNoShows')}</th>
            <th>{ct('aTransfers')}</th>
            <th>{ct('aHandle')}</th>
            <th>{ct('aRatings')}</th>
            <th>{ct('aNotRated')}</th>
            <th>{ct('aCases')}</th>
            <th>{ct('aPoints')}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.days.map((d) => (
            <tr key={d.date}>
              <td>{d.date}</td>
              <td>
                {d.firstSignInAt ? stamp(d.firstSignInAt).slice(-5) : '—'}–
                {d.lastSignOutAt ? stamp(d.lastSignOutAt).slice(-5) : '—'}
              </td>
              <td>
                {d.lateMinutes}/{d.earlyLeaveMinutes}
              </td>
              <td>{minutes(d.pausedSeconds)}</td>
              <td>{d.served}</td>
              <td>{d.noShows}</td>
              <td>{d.transfers}</td>
              <td>
                {minutes(d.handleMeanSeconds)}/{minutes(d.handleP90Seconds)}
              </td>
              <td>{[5, 4, 3, 2, 1].map((l) => d.ratings.byLevel[l as 1 | 2 | 3 | 4 | 5]).join('/')}</td>
              <td>{percent(d.ratings.notRatedRate)}</td>
              <td>{d.cases.overdue}</td>
              <td>{d.points}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>{ct('total')}</th>
            <td />
            <td />
            <td>{minutes(totals.pausedSeconds)}</td>
            <td>{totals.served}</td>
            <td>{totals.noShows}</td>
            <td>{totals.transfers}</td>
            <td />
            <td>
              {totals.ratings} ({ct('rBad')} {totals.bad}, {ct('rGood')} {percent(totals.good)})
            </td>
            <td>{totals.notRated}</td>
            <td>{totals.casesOverdue}</td>
            <td>{totals.points}</td>
          </tr>
        </tfoot>
      </table>
      {entries.length > 0 && (
        <section>
          <h2>{ct('entries')}</h2>
          <ol class="sheet-entries">
            {entries.map((e) => (
              <li key={e.id}>
                {e.date} · {e.points > 0 ? `+${e.points}` : e.points} · {e.observation}
                {e.answer ? ` — ${e.answer.appeal ? ct('appeal') : ct('answer')}: ${e.answer.text}` : ''}
                {e.appeal && e.appeal.status !== 'pending'
                  ? ` — ${e.appeal.status === 'upheld' ? ct('appealUpheld') : ct('appealOverturned')}`
                  : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
      <footer class="sheet-sign">
        <span>{ct('sheetSignClerk')}</span>
        <span>{ct('sheetSignSupervisor')}</span>
        <span class="generated">{ct('sheetGenerated', { time: stamp(sheet.generatedAt) })}</span>
      </footer>
    </article>
  );
}
