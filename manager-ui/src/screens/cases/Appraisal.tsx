import { useEffect, useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/Banner';
import { branchId } from '../../store';
import { AppraisalEntries } from './AppraisalEntries';
import {
  type AppraisalRecord,
  appraisalSheet,
  branchAppraisal,
  ct,
  minutes,
  percent,
  refusal,
  stamp,
  today,
} from './lib';
import { PrintSheet, type Sheet } from './PrintSheet';
import './cases.css';

const clock = (at: number | null) => (at === null ? '—' : stamp(at).slice(-5));

/** 逐日按人考评: every clerk's day, the inspection entries and appeals, and the printable sheet. */
export function Appraisal() {
  const bid = branchId.value!;
  const [date, setDate] = useState(today());
  const [records, setRecords] = useState<AppraisalRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openUser, setOpenUser] = useState<string | null>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const load = async (d = date) => {
    try {
      setError(null);
      setRecords((await branchAppraisal(bid, d)).records);
    } catch (e) {
      setError(refusal(e));
    }
  };
  useEffect(() => {
    void load();
  }, [bid]);
  const print = async (userId: string, month: boolean) => {
    try {
      setSheet(await appraisalSheet(userId, month ? { month: date.slice(0, 7) } : { date }));
      // The sheet renders first; the browser's print dialog then takes the page as it is.
      requestAnimationFrame(() => window.print());
    } catch (e) {
      setError(refusal(e));
    }
  };
  const open = records?.find((r) => r.userId === openUser) ?? null;
  return (
    <>
      <section class="panel appraisal no-print">
        <div class="panel-head">
          <h2>{ct('appraisalTitle')}</h2>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void load();
            }}
          >
            <label class="field">
              <span>{ct('date')}</span>
              <input
                type="date"
                value={date}
                onInput={(e) => setDate(e.currentTarget.value)}
                data-testid="appraisal-date"
              />
            </label>
            <button type="submit" class="btn btn-primary">
              {ct('apply')}
            </button>
          </form>
        </div>
        <ErrorBanner error={error} />
        {records && records.length === 0 && <p class="empty">{ct('noRecords')}</p>}
        {records && records.length > 0 && (
          <table class="grid appraisal-table" data-testid="appraisal-table">
            <thead>
              <tr>
                <th scope="col">{ct('aClerk')}</th>
                <th scope="col">{ct('aHours')}</th>
                <th scope="col">{ct('aLate')}</th>
                <th scope="col">{ct('aPaused')}</th>
                <th scope="col">{ct('aServed')}</th>
                <th scope="col">{ct('aNoShows')}</th>
                <th scope="col">{ct('aTransfers')}</th>
                <th scope="col">{ct('aHandle')}</th>
                <th scope="col">{ct('aVsMedian')}</th>
                <th scope="col">{ct('aIdle')}</th>
                <th scope="col">{ct('aRatings')}</th>
                <th scope="col">{ct('aNotRated')}</th>
                <th scope="col">{ct('aCases')}</th>
                <th scope="col">{ct('aPoints')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr
                  key={r.userId}
                  data-user={r.userId}
                  class={r.userId === openUser ? 'selected' : undefined}
                >
                  <th scope="row">
                    <button
                      type="button"
                      class="link-btn"
                      onClick={() => setOpenUser(r.userId === openUser ? null : r.userId)}
                    >
                      {r.name}
                    </button>
                    <span class="sub">{r.staffNumber ?? ''}</span>
                  </th>
                  <td>
                    {clock(r.firstSignInAt)} – {clock(r.lastSignOutAt)}
                  </td>
                  <td class="num">
                    {r.lateMinutes} / {r.earlyLeaveMinutes}
                  </td>
                  <td class="num">{minutes(r.pausedSeconds)}</td>
                  <td class="num">{r.served}</td>
                  <td class="num">{r.noShows}</td>
                  <td class="num">{r.transfers}</td>
                  <td class="num">
                    {minutes(r.handleMeanSeconds)} / {minutes(r.handleP90Seconds)}
                  </td>
                  <td class="num">
                    {r.handleVsServiceMedian === null ? '—' : `×${r.handleVsServiceMedian.toFixed(2)}`}
                  </td>
                  <td class="num">{minutes(r.idleWhileWaitingSeconds)}</td>
                  <td class="num">
                    {[5, 4, 3, 2, 1].map((l) => r.ratings.byLevel[l as 1 | 2 | 3 | 4 | 5]).join('/')}
                  </td>
                  <td class="num">{percent(r.ratings.notRatedRate)}</td>
                  <td class={r.cases.overdue > 0 ? 'num bad' : 'num'}>{r.cases.overdue}</td>
                  <td class="num">{r.points > 0 ? `+${r.points}` : r.points}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {open && (
        <section class="panel no-print" data-testid="appraisal-person">
          <div class="panel-head">
            <h2>
              {open.name} <span class="sub">{open.staffNumber ?? ''}</span>
            </h2>
            <div class="panel-tools">
              <button
                type="button"
                class="btn"
                onClick={() => void print(open.userId, false)}
                data-testid="print-day"
              >
                {ct('printDay')}
              </button>
              <button
                type="button"
                class="btn"
                onClick={() => void print(open.userId, true)}
                data-testid="print-month"
              >
                {ct('printMonth')}
              </button>
            </div>
          </div>
          <AppraisalEntries record={open} date={date} onChanged={() => void load()} />
        </section>
      )}
      {sheet && <PrintSheet sheet={sheet} />}
    </>
  );
}
