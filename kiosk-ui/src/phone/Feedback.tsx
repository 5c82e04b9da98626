import type { Locale, PublicTicketView } from '@guichet/server/protocol';
import { useState } from 'preact/hooks';
import { phone } from '../store';
import { tCode } from '../strings';
import { COMPLAINT_CATEGORIES, type ComplaintCategory, commentRating, complain } from './actions';
import './feedback.css';
import { type FeedbackKey, ft } from './feedback-strings';

const COMMENT_MAX = 500;
const COMPLAINT_MAX = 1000;
const PHONE_RE = /^[0-9 +-]{5,20}$/;

/**
 * A visit already rated: "thank you" only when this page gave the rating; otherwise where it
 * was given ("already rated on the pad"), in the page's language and the other beneath.
 */
export function Rated({ view, locale }: { view: PublicTicketView; locale: Locale }) {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const mine = phone.ratedHere.value && !phone.ratedElsewhere.value;
  const key: FeedbackKey = mine
    ? 'rated.thanks'
    : view.rating
      ? (`rated.${view.rating.channel}` as FeedbackKey)
      : 'rated.already';
  return (
    <>
      <section
        class={mine ? 'state thanks' : 'state rated-elsewhere'}
        data-rated={mine ? 'here' : 'elsewhere'}
      >
        <p>{ft(locale, key)}</p>
        {!mine && (
          <p class="rated-other" lang={other}>
            {ft(other, key)}
          </p>
        )}
      </section>
      {view.rating?.commentUntil && view.rating.commentUntil > Date.now() && (
        <Comment until={view.rating.commentUntil} locale={locale} />
      )}
    </>
  );
}

/** The one supplementary comment a rating may get within its period. */
function Comment({ until, locale }: { until: number; locale: Locale }) {
  const [text, setText] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | string>('idle');
  if (state === 'sent')
    return (
      <p class="state" role="status">
        {ft(locale, 'comment.sent')}
      </p>
    );
  const time = new Date(until).toLocaleString(locale, {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <form
      class="feedback-form"
      data-testid="comment-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim() || state === 'sending') return;
        setState('sending');
        const r = await commentRating(text.trim());
        setState(r.ok ? 'sent' : r.code);
      }}
    >
      <h2>{ft(locale, 'comment.title')}</h2>
      <p class="hint">{ft(locale, 'comment.until', { time })}</p>
      <label>
        <span>{ft(locale, 'comment.label')}</span>
        <textarea
          maxLength={COMMENT_MAX}
          rows={3}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <p class="count">{ft(locale, 'complaint.count', { n: text.length, max: COMMENT_MAX })}</p>
      <button type="submit" class="primary" disabled={!text.trim() || state === 'sending'}>
        {ft(locale, 'comment.send')}
      </button>
      {state !== 'idle' && state !== 'sending' && (
        <p class="error" role="alert">
          {tCode(locale, 'error', state) ?? ft(locale, 'comment.failed')}
        </p>
      )}
    </form>
  );
}

/** The 意见 form tied to this ticket by its key; the server limits how many a ticket and a phone may send. */
export function Complaint({ locale }: { locale: Locale }) {
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<ComplaintCategory>('attitude');
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [tel, setTel] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ reference: string } | { code: string } | null>(null);
  if (result && 'reference' in result) {
    return (
      <p class="state complaint-sent" role="status" data-testid="complaint-sent">
        {ft(locale, 'complaint.sent', { ref: result.reference })}
      </p>
    );
  }
  if (result && 'code' in result && result.code === 'COMPLAINT_LIMIT_REACHED') {
    return (
      <p class="error complaint-limit" role="alert" data-testid="complaint-limit">
        {ft(locale, 'complaint.limit')}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" class="complaint-open" onClick={() => setOpen(true)}>
        {ft(locale, 'complaint.open')}
      </button>
    );
  }
  const telBad = tel.trim() !== '' && !PHONE_RE.test(tel.trim());
  return (
    <form
      class="feedback-form complaint"
      data-testid="complaint-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim() || telBad || sending) return;
        setSending(true);
        const r = await complain(category, text.trim(), {
          ...(name.trim() ? { name: name.trim() } : {}),
          ...(tel.trim() ? { phone: tel.trim() } : {}),
        });
        setSending(false);
        setResult(r.ok ? { reference: r.reference } : { code: r.code });
      }}
    >
      <h2>{ft(locale, 'complaint.title')}</h2>
      <p class="hint">{ft(locale, 'complaint.intro')}</p>
      <fieldset class="categories">
        <legend>{ft(locale, 'complaint.category')}</legend>
        {COMPLAINT_CATEGORIES.map((c) => (
          <button
            key={c}
            type="button"
            class={category === c ? 'reason on' : 'reason'}
            aria-pressed={category === c}
            data-category={c}
            onClick={() => setCategory(c)}
          >
            {ft(locale, `complaint.cat.${c}` as FeedbackKey)}
          </button>
        ))}
      </fieldset>
      <label>
        <span>{ft(locale, 'complaint.text', { max: COMPLAINT_MAX })}</span>
        <textarea
          name="text"
          required
          maxLength={COMPLAINT_MAX}
          rows={5}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <p class="count">{ft(locale, 'complaint.count', { n: text.length, max: COMPLAINT_MAX })}</p>
      <label>
        <span>{ft(locale, 'complaint.name')}</span>
        <input name="name" maxLength={40} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        <span>{ft(locale, 'complaint.phone')}</span>
        <input
          name="phone"
          type="tel"
          inputMode="tel"
          maxLength={20}
          value={tel}
          aria-invalid={telBad}
          onInput={(e) => setTel(e.currentTarget.value)}
        />
      </label>
      {telBad && <p class="error">{ft(locale, 'complaint.phoneInvalid')}</p>}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={!text.trim() || telBad || sending}>
          {ft(locale, 'complaint.send')}
        </button>
        <button type="button" class="link" onClick={() => setOpen(false)}>
          {ft(locale, 'complaint.cancel')}
        </button>
      </div>
      {result && 'code' in result && (
        <p class="error" role="alert">
          {tCode(locale, 'error', result.code) ?? ft(locale, 'complaint.failed')}
        </p>
      )}
    </form>
  );
}
