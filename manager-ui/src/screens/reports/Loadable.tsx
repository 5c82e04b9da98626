import type { ComponentChildren } from 'preact';
import { t } from '../../store';
import { rt } from '../../strings/reports';
import type { Loaded } from './state';

/** A report's answer, or its loading line, or its failure with a retry. */
export function Loadable<T>({
  state,
  children,
}: {
  state: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  if (state.error)
    return (
      <div class="banner banner-error" role="alert">
        {rt('loadFailed', { reason: state.error })}{' '}
        <button type="button" class="btn" onClick={state.reload}>
          {rt('retry')}
        </button>
      </div>
    );
  if (!state.data)
    return (
      <p class="loading" aria-busy="true">
        {t('loading')}
      </p>
    );
  return (
    <div aria-busy={state.loading} class={state.loading ? 'stale' : undefined}>
      {children(state.data)}
    </div>
  );
}

/**
 * The server gives times as the branch's local "YYYY-MM-DD HH:MM:SS" (already in its zone): the
 * clock part is shown, with the date only when it is not the ticket's business day.
 */
export function clockOf(local: string | null, businessDay: string): string {
  if (!local) return '–';
  return local.startsWith(businessDay) ? local.slice(11) : local;
}

/** The one row of a report table with nothing to show, across its `cols` columns. */
export function NoRows({ cols }: { cols: number }) {
  return (
    <tr>
      <td colSpan={cols}>{rt('noRows')}</td>
    </tr>
  );
}
