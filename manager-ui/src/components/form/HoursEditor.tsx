import { ct } from '../../strings/config-a';
import { errorOf, FieldError, type FieldErrors } from './Field';
import { WEEKDAYS, type WeekText } from './hours';

/**
 * Weekly hours as one line per weekday ("09:00-12:00, 13:30-17:00"; empty: closed): typed,
 * so several intervals a day need no extra buttons; errors are keyed `${name}.${weekday}`.
 */
export function HoursEditor({
  legend,
  name,
  value,
  onChange,
  errors,
  disabled,
}: {
  legend: string;
  name: string;
  value: WeekText;
  onChange(next: WeekText): void;
  errors: FieldErrors;
  disabled?: boolean;
}) {
  return (
    <fieldset class="hours" data-hours={name}>
      <legend>{legend}</legend>
      <p class="hint" id={`${name}-hint`}>
        {ct('hoursHint')}
      </p>
      {WEEKDAYS.map((d) => {
        const error = errorOf(errors, `${name}.${d}`);
        const id = `${name}-${d}`;
        return (
          <div key={d} class="hours-row">
            <label for={id}>{ct(`wd_${d}`)}</label>
            <input
              id={id}
              name={id}
              value={value[d]}
              disabled={disabled}
              placeholder="09:00-17:00"
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${id}-err ${name}-hint` : `${name}-hint`}
              onInput={(e) => onChange({ ...value, [d]: (e.target as HTMLInputElement).value })}
            />
            {error && <FieldError id={`${id}-err`}>{error}</FieldError>}
          </div>
        );
      })}
    </fieldset>
  );
}
