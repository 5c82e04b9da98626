import type { AppraisalEntry } from '@guichet/server/kit';
import { useState } from 'preact/hooks';
import { failureText, session } from '../store';
import { answerEntry } from './api';
import { hhmm } from './format';
import { rt } from './strings';

/**
 * One inspection entry (巡查) about the clerk: what was observed, the points, who recorded it;
 * her answer or appeal (once), then the manager's decision. The form is hers alone: the server
 * answers 403 to anyone else.
 */
export function EntryCard({
  entry,
  onChanged,
}: {
  entry: AppraisalEntry;
  onChanged(e: AppraisalEntry): void;
}) {
  const [text, setText] = useState('');
  const [appeal, setAppeal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `entry-${entry.id}`;

  const send = async (e: Event) => {
    e.preventDefault();
    const token = session.value?.token;
    if (!token || busy) return;
    if (!text.trim()) {
      setError(rt('answerEmpty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChanged(await answerEntry(token, entry.id, text.trim(), appeal));
      // The form is gone: the focus goes to what replaced it, so the keyboard keeps its place.
      requestAnimationFrame(() => document.getElementById(`${id}-answer`)?.focus());
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="entry" data-testid="record-entry" aria-labelledby={`${id}-obs`}>
      <div class="entry-head">
        <p id={`${id}-obs`} class="observation">
          {entry.observation}
        </p>
        <span class={entry.points < 0 ? 'points bad' : 'points'}>
          <span class="sr-only">{rt('points')} </span>
          {entry.points > 0 ? `+${entry.points}` : entry.points}
        </span>
      </div>
      {entry.evidence && <p class="evidence">{rt('evidence', { evidence: entry.evidence })}</p>}
      <p class="meta">
        {rt('by', { name: entry.authorName ?? rt('none') })} · {hhmm(entry.at)}
      </p>
      {entry.answer ? (
        <div class="answer" data-testid="entry-answer" id={`${id}-answer`} tabIndex={-1}>
          <p>
            <strong>{entry.answer.appeal ? rt('appealed') : rt('myAnswer')}</strong>{' '}
            <small>{rt('answered', { at: hhmm(entry.answer.at) })}</small>
          </p>
          <p>{entry.answer.text}</p>
          {entry.appeal && (
            <p class={`appeal-status ${entry.appeal.status}`} data-testid="appeal-status">
              {rt(`appeal_${entry.appeal.status}`)}
              {entry.appeal.decision && <> · {rt('decision', { text: entry.appeal.decision })}</>}
            </p>
          )}
        </div>
      ) : (
        <form class="answer-form" onSubmit={send} aria-label={`${rt('myAnswer')}: ${entry.observation}`}>
          <label for={`${id}-text`}>{rt('myAnswer')}</label>
          <textarea
            id={`${id}-text`}
            rows={2}
            maxLength={1000}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <label class="check">
            <input type="checkbox" checked={appeal} onChange={(e) => setAppeal(e.currentTarget.checked)} />
            {rt('appeal')}
          </label>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? rt('sending') : appeal ? rt('sendAppeal') : rt('send')}
          </button>
        </form>
      )}
    </li>
  );
}
