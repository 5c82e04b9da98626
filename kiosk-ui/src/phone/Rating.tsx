import { BAD_RATING_REASONS, type BadRatingReason, type Locale } from '@guichet/server/protocol';
import { useState } from 'preact/hooks';
import { errorText, type StringKey, t } from '../strings';
import { BAD_RATING_REASON_KEYS, rateTicket } from './actions';

const SCORES = [5, 4, 3, 2, 1] as const;
type Score = (typeof SCORES)[number];

/** The five-level 好差评 rating; the two lowest may say why. */
export function Rating({ locale }: { locale: Locale }) {
  const [score, setScore] = useState<Score | null>(null);
  const [reason, setReason] = useState<BadRatingReason | null>(null);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const submit = async () => {
    if (score === null || sending) return;
    setSending(true);
    setFailed(null);
    const result = await rateTicket(score, reason);
    setSending(false);
    if (!result.ok) setFailed(result.code);
  };
  return (
    <section class="rating" aria-labelledby="rating-title">
      <h2 id="rating-title">{t(locale, 'rating.title')}</h2>
      <div class="scores" role="radiogroup" aria-labelledby="rating-title">
        {SCORES.map((s) => (
          // biome-ignore lint/a11y/useSemanticElements: a large tappable button reads better than a radio here
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={score === s}
            class={`score score-${s}${score === s ? ' on' : ''}`}
            data-score={s}
            onClick={() => {
              setScore(s);
              if (s > 2) setReason(null);
            }}
          >
            {t(locale, `rating.${s}` as StringKey)}
          </button>
        ))}
      </div>
      {score !== null && score <= 2 && (
        <fieldset class="reasons">
          <legend>{t(locale, 'rating.reasonTitle')}</legend>
          {BAD_RATING_REASON_KEYS.map((r) => (
            <button
              key={r}
              type="button"
              class={reason === r ? 'reason on' : 'reason'}
              aria-pressed={reason === r}
              data-reason={r}
              onClick={() => setReason(reason === r ? null : r)}
            >
              {BAD_RATING_REASONS[r][locale]}
            </button>
          ))}
        </fieldset>
      )}
      <button type="button" class="primary submit" disabled={score === null || sending} onClick={submit}>
        {t(locale, 'rating.submit')}
      </button>
      {failed && (
        <p class="error" role="alert">
          {errorText(locale, failed, 'rating.failed')}
        </p>
      )}
    </section>
  );
}
