import { isDate } from './period';

/** A labelled date input that passes on only whole dates (a half-typed one is ignored). */
export function DateField(props: {
  label: string;
  name: string;
  value: string;
  invalid?: boolean;
  onDate(date: string): void;
}) {
  return (
    <label class="field inline">
      <span>{props.label}</span>
      <input
        type="date"
        name={props.name}
        value={props.value}
        aria-invalid={props.invalid}
        onChange={(e) => isDate(e.currentTarget.value) && props.onDate(e.currentTarget.value)}
      />
    </label>
  );
}
