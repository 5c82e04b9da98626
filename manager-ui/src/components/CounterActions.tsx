import type { CounterView } from '@guichet/server/protocol';
import { useState } from 'preact/hooks';
import { releaseCounter } from '../api';
import { busy, canAct, failureText, session, t } from '../store';

/**
 * A supervisor's hold on an open counter (an abandoned one above all): close it — its current
 * ticket goes back to the front of its queue — or take it over as it is.
 */
export function CounterActions({ counter: c }: { counter: CounterView }) {
  const [error, setError] = useState<string | null>(null);
  const token = session.value?.token;
  if (!token) return null;
  const run = async (action: 'close' | 'take-over') => {
    const label = action === 'close' ? 'confirmCloseCounter' : 'confirmTakeOver';
    if (!window.confirm(t(label, { number: c.number }))) return;
    busy.value = true;
    setError(null);
    try {
      await releaseCounter(token, c.id, action);
    } catch (e) {
      setError(failureText(e));
    } finally {
      busy.value = false;
    }
  };
  return (
    <span class="counter-actions">
      <button
        type="button"
        class="btn btn-small"
        data-testid="close-counter"
        aria-label={t('closeCounterLabel', { number: c.number })}
        disabled={!canAct.value}
        onClick={() => void run('close')}
      >
        {t('closeCounter')}
      </button>{' '}
      <button
        type="button"
        class="btn btn-small"
        data-testid="take-over"
        aria-label={t('takeOverLabel', { number: c.number })}
        disabled={!canAct.value || c.clerkId === session.value?.user.id}
        onClick={() => void run('take-over')}
      >
        {t('takeOver')}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
