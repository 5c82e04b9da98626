import type { AppraisalRecord } from '@guichet/server/kit';
import type { ComponentChildren } from 'preact';
import { duration, hhmm, mmss, percent } from './format';
import { type RecordKey, rt } from './strings';

const LEVELS = [5, 4, 3, 2, 1] as const;

function Row({ k, children, testid }: { k: RecordKey; children: ComponentChildren; testid?: string }) {
  return (
    <div>
      <dt>{rt(k)}</dt>
      <dd data-testid={testid}>{children}</dd>
    </div>
  );
}

const roundTheClock = (r: AppraisalRecord) => r.published?.open === '00:00' && r.published.close === '24:00';
const hours = (r: AppraisalRecord) =>
  r.published ? `${r.published.open}–${r.published.close}` : rt('closedDay');

/**
 * One day's figures, in the groups a hall reads them: attendance, work, ratings (counts by
 * level only: who rated is never shown, nor is it in the record), cases.
 */
export function Figures({ r }: { r: AppraisalRecord }) {
  const pauses = Object.entries(r.pausesByReason).filter(([, s]) => s > 0);
  const good = r.ratings.good;
  return (
    <div class="record-figures">
      <section aria-labelledby="rec-att">
        <h3 id="rec-att">{rt('attendance')}</h3>
        {/* No start at 00:00, no end at 24:00: the server counts no lateness from midnight. */}
        {roundTheClock(r) && <p class="note">{rt('roundTheClock')}</p>}
        <dl>
          <Row k="published">{hours(r)}</Row>
          <Row k="signedIn">{hhmm(r.firstSignInAt)}</Row>
          <Row k="signedOut">{hhmm(r.lastSignOutAt)}</Row>
          <Row k="late" testid="rec-late">
            <span class={r.lateMinutes > 0 ? 'warn' : ''}>{rt('minutes', { n: r.lateMinutes })}</span>
          </Row>
          <Row k="earlyLeave">
            <span class={r.earlyLeaveMinutes > 0 ? 'warn' : ''}>
              {rt('minutes', { n: r.earlyLeaveMinutes })}
            </span>
          </Row>
          <Row k="session">{duration(r.sessionSeconds)}</Row>
          <Row k="paused">{duration(r.pausedSeconds)}</Row>
          {pauses.map(([reason, s]) => (
            <div key={reason} class="sub">
              <dt>{rt('pauseReason', { reason: reason || rt('pauseNoReason') })}</dt>
              <dd>{duration(s)}</dd>
            </div>
          ))}
          <Row k="longAbsences">{r.longAbsences}</Row>
        </dl>
      </section>
      <section aria-labelledby="rec-work">
        <h3 id="rec-work">{rt('work')}</h3>
        <dl>
          <Row k="served" testid="rec-served">
            {r.served}
          </Row>
          <Row k="noShows">{r.noShows}</Row>
          <Row k="transfers">{r.transfers}</Row>
          <Row k="handleMean">{mmss(r.handleMeanSeconds)}</Row>
          <Row k="handleP90">{mmss(r.handleP90Seconds)}</Row>
          <Row k="vsMedian">
            <span title={rt('vsMedianHint')}>
              {r.handleVsServiceMedian == null
                ? rt('none')
                : rt('vsMedianValue', { ratio: r.handleVsServiceMedian.toFixed(2) })}
            </span>
          </Row>
          <Row k="idleWithWork">{duration(r.idleWhileWaitingSeconds)}</Row>
        </dl>
      </section>
      <section aria-labelledby="rec-rat">
        <h3 id="rec-rat">{rt('ratings')}</h3>
        <dl>
          {LEVELS.map((l) => (
            <Row key={l} k={`level${l}`} testid={`rec-level-${l}`}>
              <span class={l <= 2 && r.ratings.byLevel[l] > 0 ? 'bad' : ''}>{r.ratings.byLevel[l]}</span>
            </Row>
          ))}
          <Row k="notRated">{r.ratings.notRated}</Row>
          <Row k="notRatedRate" testid="rec-not-rated-rate">
            {percent(r.ratings.notRatedRate.percent)}
          </Row>
          <Row k="goodRate">
            {percent(good.percent)}
            {good.denominator > 0 && (
              <small>
                {' '}
                ({good.numerator}/{good.denominator})
              </small>
            )}
          </Row>
        </dl>
        <p class="note">{rt('anonymous')}</p>
      </section>
      <section aria-labelledby="rec-cases">
        <h3 id="rec-cases">{rt('cases')}</h3>
        <dl>
          <Row k="casesOpened">{r.cases.opened}</Row>
          <Row k="casesOverdue" testid="rec-overdue">
            <span class={r.cases.overdue > 0 ? 'bad' : ''}>{r.cases.overdue}</span>
          </Row>
        </dl>
      </section>
    </div>
  );
}
