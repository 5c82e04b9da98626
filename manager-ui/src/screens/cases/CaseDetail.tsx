import { BAD_RATING_REASONS } from '@guichet/server/protocol';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBanner } from '../../components/Banner';
import { locale, text } from '../../store';
import type { CaseStringKey } from '../../strings/cases';
import { DeadlineBadge } from './DeadlineBadge';
import { type CaseView, caseStep, counterName, ct, getCase, refusal, serviceName, stamp } from './lib';
import { StepForm } from './StepForm';

const STEPS = ['callback', 'resolution', 'feedback', 'satisfaction'] as const;
type StepKind = (typeof STEPS)[number];

/** One case: what the citizen said, its deadlines, and the workflow step by step up to 办结. */
export function CaseDetail({
  id,
  clerkName,
  onBack,
}: {
  id: string;
  clerkName: (id: string | null) => string;
  onBack: () => void;
}) {
  const [c, setCase] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getCase(id).then(setCase, (e) => setError(refusal(e)));
  }, [id]);

  const run = async (step: Parameters<typeof caseStep>[0], body: object) => {
    setBusy(true);
    setError(null);
    try {
      setCase(await caseStep(step, id, body as never));
    } catch (e) {
      setError(refusal(e));
    }
    setBusy(false);
  };
  if (!c) {
    return (
      <section class="panel">
        <button type="button" class="btn btn-ghost" onClick={onBack}>
          ← {ct('backToList')}
        </button>
        {error ? (
          <p class="banner banner-error" role="alert">
            {error}
          </p>
        ) : (
          <p class="loading">…</p>
        )}
      </section>
    );
  }
  // The latest of each step counts (a reopened case is worked again).
  const reopenedAt = Math.max(0, ...c.steps.filter((s) => s.kind === 'reopened').map((s) => s.at));
  const current = c.steps.filter((s) => s.at >= reopenedAt);
  const done = (k: StepKind) => current.findLast((s) => s.kind === k);
  const next = c.status === 'closed' ? null : STEPS.find((k) => !done(k));
  const hasFeedback = Boolean(done('feedback'));
  const rating = c.rating;
  return (
    <div class="case-detail" data-testid="case-detail" data-status={c.status}>
      <button type="button" class="btn btn-ghost" onClick={onBack}>
        ← {ct('backToList')}
      </button>
      <section class="panel case-head">
        <h2>
          {ct('caseTitle', { kind: ct(`kind_${c.kind}`), ticket: c.ticket?.code ?? '' })}{' '}
          <span class={`status status-${c.status}`} data-testid="case-status">
            {ct(`status_${c.status}`)}
          </span>
        </h2>
        <p class="case-summary">{text(c.summary)}</p>
        <dl class="facts">
          <dt>{ct('colChannel')}</dt>
          <dd>{ct(`ch_${c.channel}`)}</dd>
          <dt>{ct('colService')}</dt>
          <dd>{serviceName(c.serviceId)}</dd>
          <dt>{ct('colCounter')}</dt>
          <dd>{counterName(c.counterId)}</dd>
          <dt>{ct('colClerk')}</dt>
          <dd>{clerkName(c.clerkId)}</dd>
          <dt>{ct('colOpened')}</dt>
          <dd>{stamp(c.openedAt)}</dd>
          {rating && (
            <>
              <dt>{ct('level')}</dt>
              <dd data-testid="case-level">{rating.level} / 5</dd>
              {rating.reasons.length > 0 && (
                <>
                  <dt>{ct('reasons')}</dt>
                  <dd>
                    {rating.reasons
                      .map(
                        (r) => BAD_RATING_REASONS[r as keyof typeof BAD_RATING_REASONS]?.[locale.value] ?? r,
                      )
                      .join('、')}
                  </dd>
                </>
              )}
              {Object.keys(rating.dimensions).length > 0 && (
                <>
                  <dt>{ct('dimensions')}</dt>
                  <dd>
                    {Object.entries(rating.dimensions)
                      .map(([d, v]) => `${ct(`dim_${d}` as CaseStringKey)} ${v}`)
                      .join(' · ')}
                  </dd>
                </>
              )}
            </>
          )}
          {(c.citizenText ?? rating?.text) && (
            <>
              <dt>{ct('citizenText')}</dt>
              <dd class="citizen-words">{c.citizenText ?? rating?.text}</dd>
            </>
          )}
          {c.contact && (
            <>
              <dt>{ct('contact')}</dt>
              <dd>{[c.contact.name, c.contact.phone].filter(Boolean).join(' · ')}</dd>
            </>
          )}
          <dt>{ct('deadlines')}</dt>
          <dd data-testid="case-deadlines">
            {ct('callbackBy', { day: c.deadlines.callbackDay })}{' '}
            <DeadlineBadge state={c.deadlineState.callback} />
            <br />
            {ct('resolutionBy', { day: c.deadlines.resolutionDay })}{' '}
            <DeadlineBadge state={c.deadlineState.resolution} />
          </dd>
        </dl>
      </section>
      <section class="panel">
        <h2>{ct('workflow')}</h2>
        <ErrorBanner error={error} testId="case-error" />
        <ol class="workflow">
          {STEPS.map((k) => {
            const s = done(k);
            return (
              <li key={k} class={s ? 'step done' : k === next ? 'step current' : 'step'} data-step={k}>
                <h3>
                  {ct(`step_${k}`)}{' '}
                  <span class="step-state">{s ? `✓ ${ct('stepDone')}` : ct('stepTodo')}</span>
                </h3>
                {s && (
                  <div class="step-record">
                    <p class="by">{ct('by', { name: s.byName ?? s.by, time: stamp(s.at) })}</p>
                    {s.method && <p>{`${ct('method')}: ${ct(`m_${s.method}`)}`}</p>}
                    {s.resolution && <p>{`${ct('resolution')}: ${ct(`r_${s.resolution}`)}`}</p>}
                    {s.dueDay && <p>{`${ct('dueDay')}: ${s.dueDay}`}</p>}
                    {s.satisfaction && <p>{ct(`s_${s.satisfaction}`)}</p>}
                    {s.text && <p class="citizen-words">{s.text}</p>}
                  </div>
                )}
                {!s && k === next && <StepForm step={k} busy={busy} onSubmit={run} />}
              </li>
            );
          })}
          <li class={c.status === 'closed' ? 'step done' : 'step current'} data-step="close">
            <h3>{ct('step_close')}</h3>
            {c.status === 'closed' ? (
              <>
                <p>{ct('closed', { time: c.closedAt ? stamp(c.closedAt) : '' })}</p>
                <StepForm step="reopen" busy={busy} onSubmit={run} />
              </>
            ) : (
              <>
                <button
                  type="button"
                  class="btn btn-primary btn-large"
                  data-testid="close-case"
                  disabled={!hasFeedback || busy}
                  aria-describedby={hasFeedback ? undefined : 'close-why'}
                  onClick={() => void run('case:close', {})}
                >
                  {ct('closeCase')}
                </button>
                {!hasFeedback && (
                  <p id="close-why" class="why" data-testid="close-why">
                    {ct('closeNeedsFeedback')}
                  </p>
                )}
              </>
            )}
          </li>
        </ol>
      </section>
    </div>
  );
}
