import { rt } from '../../strings/reports';
import { DateField } from './DateField';
import { type DatePeriod, type PeriodKind, periodOf, shiftPeriod, todayIn } from './period';
import { branchZone, currentPeriod, period, periodKind } from './state';

const KINDS: PeriodKind[] = ['day', 'week', 'month', 'custom'];
const KIND_LABEL = {
  day: 'periodDay',
  week: 'periodWeek',
  month: 'periodMonth',
  custom: 'periodCustom',
} as const;

/** Day / week / month around a date, or any custom range; dates are the branch's local dates. */
export function PeriodPicker() {
  const kind = periodKind.value;
  const p = currentPeriod();
  const set = (next: DatePeriod) => {
    period.value = next;
  };
  const pickKind = (k: PeriodKind) => {
    periodKind.value = k;
    if (k !== 'custom') set(periodOf(k, p.from === p.to ? p.from : todayIn(branchZone())));
  };
  const bad = p.to < p.from;
  return (
    <fieldset class="period-picker" data-testid="period-picker">
      <legend>{rt('period')}</legend>
      <fieldset class="segmented">
        <legend class="visually-hidden">{rt('period')}</legend>
        {KINDS.map((k) => (
          <button
            type="button"
            key={k}
            class={k === kind ? 'btn seg active' : 'btn seg'}
            aria-pressed={k === kind}
            data-period={k}
            onClick={() => pickKind(k)}
          >
            {rt(KIND_LABEL[k])}
          </button>
        ))}
      </fieldset>
      {kind === 'custom' ? (
        <>
          <DateField label={rt('from')} name="from" value={p.from} onDate={(from) => set({ ...p, from })} />
          <DateField
            label={rt('to')}
            name="to"
            value={p.to}
            invalid={bad}
            onDate={(to) => set({ ...p, to })}
          />
        </>
      ) : (
        <DateField label={rt('date')} name="anchor" value={p.from} onDate={(d) => set(periodOf(kind, d))} />
      )}
      <button
        type="button"
        class="btn"
        data-action="period-prev"
        onClick={() => set(shiftPeriod(kind, p, -1))}
      >
        ‹ {rt('previous')}
      </button>
      <button
        type="button"
        class="btn"
        data-action="period-next"
        onClick={() => set(shiftPeriod(kind, p, 1))}
      >
        {rt('next')} ›
      </button>
      <span class="period-shown" data-testid="period-shown">
        {p.from === p.to ? p.from : `${p.from} – ${p.to}`}
      </span>
      <span class="muted">{rt('zoneNote', { zone: branchZone() })}</span>
      {bad && (
        <p class="error" role="alert">
          {rt('badPeriod')}
        </p>
      )}
    </fieldset>
  );
}
