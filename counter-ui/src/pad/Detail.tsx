import { BAD_RATING_REASONS, type BadRatingReason } from '@guichet/server/protocol';
import { STRINGS, type StringKey } from '../strings';
import { Face } from './Face';
import { BAD_REASONS, DIMENSIONS, type Dimension, FACE_SCORES, isBadScore, type RatingDetail } from './keys';

function Both({ k }: { k: StringKey }) {
  return (
    <>
      <span class="zh">{STRINGS['zh-CN'][k]}</span>
      <span class="en">{STRINGS.en[k]}</span>
    </>
  );
}

/**
 * After a face is touched: the four in-person dimensions (整体满意度, 服务效率, 服务水平,
 * 服务态度), each optional, and for the two lowest scores any of the bad-rating reasons. One
 * large button sends; nothing here is required.
 */
export function Detail({
  score,
  detail,
  onChange,
  onSubmit,
  onBack,
}: {
  score: number;
  detail: RatingDetail;
  onChange: (detail: RatingDetail) => void;
  onSubmit: () => void;
  onBack: () => void;
}) {
  const { reasons, dimensions: dims } = detail;
  const bad = isBadScore(score);
  const toggle = (r: BadRatingReason) =>
    onChange({ ...detail, reasons: reasons.includes(r) ? reasons.filter((x) => x !== r) : [...reasons, r] });
  const setDim = (d: Dimension, s: number) =>
    onChange({ ...detail, dimensions: { ...dims, [d]: dims[d] === s ? undefined : s } });
  return (
    <div class="detail-grid">
      <div class="detail-score">
        <Face score={score} />
        <p>
          <Both k="padYourRating" />
        </p>
        <p class="detail-level" data-testid="detail-level">
          <Both k={`rate_${score}` as StringKey} />
        </p>
        <button type="button" class="change-btn" onClick={onBack}>
          <Both k="padChangeScore" />
        </button>
      </div>
      <div class="detail-body">
        {bad && (
          <fieldset class="detail-reasons">
            <legend>
              <Both k="padReasonsTitle" />
            </legend>
            {BAD_REASONS.map((r) => (
              <button
                key={r}
                type="button"
                class={reasons.includes(r) ? 'reason-btn on' : 'reason-btn'}
                aria-pressed={reasons.includes(r)}
                data-reason={r}
                onClick={() => toggle(r)}
              >
                <span class="zh">{BAD_RATING_REASONS[r]['zh-CN']}</span>
                <span class="en">{BAD_RATING_REASONS[r].en}</span>
              </button>
            ))}
          </fieldset>
        )}
        <fieldset class="detail-dims">
          <legend>
            <Both k="padDetailTitle" />
          </legend>
          {DIMENSIONS.map((d) => (
            <div
              key={d}
              class="dim-row"
              role="radiogroup"
              aria-label={`${STRINGS['zh-CN'][`dim_${d}`]} ${STRINGS.en[`dim_${d}`]}`}
            >
              <span class="dim-name">
                <Both k={`dim_${d}`} />
              </span>
              {FACE_SCORES.map((s) => (
                // biome-ignore lint/a11y/useSemanticElements: a large face to touch reads better than a radio dot
                <button
                  key={s}
                  type="button"
                  role="radio"
                  aria-checked={dims[d] === s}
                  aria-label={`${STRINGS['zh-CN'][`rate_${s}` as StringKey]} ${STRINGS.en[`rate_${s}` as StringKey]}`}
                  class={dims[d] === s ? 'dim-btn on' : 'dim-btn'}
                  data-dim={d}
                  data-score={s}
                  onClick={() => setDim(d, s)}
                >
                  <Face score={s} />
                </button>
              ))}
            </div>
          ))}
        </fieldset>
        <button type="button" class="skip-btn submit-btn" data-testid="pad-submit" onClick={onSubmit}>
          <Both k="padSubmit" />
        </button>
      </div>
    </div>
  );
}
