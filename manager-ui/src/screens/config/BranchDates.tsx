import { errorOf, FieldError, type FieldErrors } from '../../components/form/Field';
import { formatIntervals, type Interval, parseIntervals } from '../../components/form/hours';
import type { HallConfig } from '../../config-api';
import { snapshot } from '../../store';
import { ct } from '../../strings/config-a';

/** One of the branch's own dates as edited: closed, or open with typed hours. */
export interface OwnDate {
  date: string;
  open: boolean;
  hours: string;
  note: string;
}
type Exception = { date: string; intervals: Interval[]; note?: string };

export const ownDatesOf = (list: Exception[]): OwnDate[] =>
  list.map((e) => ({
    date: e.date,
    open: e.intervals.length > 0,
    hours: formatIntervals(e.intervals),
    note: e.note ?? '',
  }));

/** The exceptions to send, with the problems of each row keyed `exceptions.<i>`. */
export function parseOwnDates(rows: OwnDate[], errors: FieldErrors): Exception[] {
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const hours = r.open ? parseIntervals(r.hours) : [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date)) errors[`exceptions.${i}`] = ct('dateBad');
    else if (seen.has(r.date)) errors[`exceptions.${i}`] = ct('dateTwice');
    else if (!hours || (r.open && hours.length === 0)) errors[`exceptions.${i}`] = ct('hoursBad');
    seen.add(r.date);
    const note = r.note.trim();
    return { date: r.date, intervals: hours ?? [], ...(note && { note }) };
  });
}

/** The branch's own closed and open days: a list the manager adds to and removes from. */
export function OwnDates({
  value,
  errors,
  onChange,
}: {
  value: OwnDate[];
  errors: FieldErrors;
  onChange(next: OwnDate[]): void;
}) {
  const edit = (i: number, patch: Partial<OwnDate>) =>
    onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="own-dates">
      <legend>{ct('ownExceptions')}</legend>
      <p class="hint">{ct('ownExceptionsHint')}</p>
      {value.length === 0 && <p class="muted">{ct('noExceptions')}</p>}
      {value.map((r, i) => {
        const error = errorOf(errors, `exceptions.${i}`);
        const id = `exc-${i}`;
        return (
          <div key={i} class="own-date" data-exception={i}>
            <label class="field">
              {ct('exceptionDate')}
              <input
                type="date"
                name={`${id}-date`}
                value={r.date}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${id}-err` : undefined}
                onInput={(e) => edit(i, { date: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class="field">
              {ct('exceptionKind')}
              <select
                name={`${id}-kind`}
                value={r.open ? 'open' : 'closed'}
                onChange={(e) => edit(i, { open: (e.target as HTMLSelectElement).value === 'open' })}
              >
                <option value="closed">{ct('exceptionClosed')}</option>
                <option value="open">{ct('exceptionOpen')}</option>
              </select>
            </label>
            <label class="field">
              {ct('exceptionHours')}
              <input
                name={`${id}-hours`}
                value={r.hours}
                disabled={!r.open}
                placeholder="09:00-17:00"
                onInput={(e) => edit(i, { hours: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class="field grow">
              {ct('exceptionNote')}
              <input
                name={`${id}-note`}
                value={r.note}
                maxLength={200}
                onInput={(e) => edit(i, { note: (e.target as HTMLInputElement).value })}
              />
            </label>
            <button
              type="button"
              class="btn"
              aria-label={ct('removeException', { date: r.date || '—' })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              {ct('remove')}
            </button>
            {error && <FieldError id={`${id}-err`}>{error}</FieldError>}
          </div>
        );
      })}
      <button
        type="button"
        class="btn"
        data-action="add-exception"
        onClick={() => onChange([...value, { date: '', open: false, hours: '', note: '' }])}
      >
        {ct('addException')}
      </button>
    </fieldset>
  );
}

/** The next dated days the branch runs on, as the server computed them from the calendar. */
export function Upcoming({ config }: { config: HallConfig }) {
  const today = snapshot.value?.branch.businessDay ?? new Date().toISOString().slice(0, 10);
  const s = config.branch.settings;
  const own = new Set((s.ownExceptions ?? []).map((e) => e.date));
  const next = s.exceptions.filter((e) => e.date >= today).slice(0, 10);
  const weekday = (d: string) => ct(`wd_${((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1}` as 'wd_1');
  return (
    <div class="upcoming">
      <h2>{ct('upcoming')}</h2>
      {next.length === 0 ? (
        <p class="muted">{ct('upcomingNone')}</p>
      ) : (
        <table class="grid" data-testid="upcoming">
          <tbody>
            {next.map((e) => {
              const kind = own.has(e.date) ? 'kind_own' : e.intervals.length ? 'kind_makeup' : 'kind_holiday';
              return (
                <tr key={e.date} data-kind={kind}>
                  <td class="nowrap mono">{e.date}</td>
                  <td class="nowrap">{weekday(e.date)}</td>
                  <td class="nowrap">
                    <span class={e.intervals.length ? 'state-badge idle' : 'state-badge closed'}>
                      {ct(kind)}
                    </span>
                  </td>
                  <td class="nowrap mono">{formatIntervals(e.intervals) || '—'}</td>
                  <td>{e.note ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
