import { t } from '../../store';

/** The answer of a save above its form: a status line, or an alert read out at once. */
export function Outcome({ result }: { result: { kind: 'ok' | 'error'; text: string } | null }) {
  if (!result) return null;
  return (
    <p
      class={result.kind === 'ok' ? 'notice-ok' : 'error'}
      role={result.kind === 'ok' ? 'status' : 'alert'}
      data-outcome={result.kind}
    >
      {result.text}
    </p>
  );
}

/** What a configuration screen shows until its data is in: the failure (an alert), or "Loading…". */
export function NotReady({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : (
    <p class="loading">{t('loading')}</p>
  );
}
