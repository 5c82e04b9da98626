import type { ComponentChildren } from 'preact';
import { ct } from '../../strings/config-a';
import type { Localized } from './localized';

/** Errors by field path ("prefix", "name.en", "hours.3"), from the form's checks or the server. */
export type FieldErrors = Record<string, string>;

/** The error of a field, or of anything inside it ("hours" shows "hours.3.0.open"). */
export function errorOf(errors: FieldErrors, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const inside = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return inside ? errors[inside] : undefined;
}

interface FieldProps {
  label: string;
  name: string;
  value: string;
  onInput(value: string): void;
  errors: FieldErrors;
  /** The error key when it differs from the name (e.g. "name.zh-CN"). */
  errorKey?: string;
  hint?: string;
  lang?: string;
  type?: 'text' | 'number' | 'date';
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
  required?: boolean;
  disabled?: boolean;
  class?: string;
}

/**
 * A labelled input with its hint and its error under it: the input is marked invalid and
 * described by both, so a screen reader reads the error with the field.
 */
export function Field(p: FieldProps) {
  const error = errorOf(p.errors, p.errorKey ?? p.name);
  const id = `f-${p.name.replace(/[^\w-]/g, '_')}`;
  const described = [p.hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ');
  return (
    <div class={p.class ? `field ${p.class}` : 'field'}>
      <label for={id}>
        {p.label}
        {p.required && <span class="req"> *</span>}
      </label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        lang={p.lang}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        value={p.value}
        disabled={p.disabled}
        aria-required={p.required || undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(e) => p.onInput((e.target as HTMLInputElement).value)}
      />
      {p.hint && (
        <span id={`${id}-hint`} class="hint">
          {p.hint}
        </span>
      )}
      {error && <FieldError id={`${id}-err`}>{error}</FieldError>}
    </div>
  );
}

export function FieldError({ id, children }: { id?: string; children: ComponentChildren }) {
  return (
    <span id={id} class="error field-error" data-field-error>
      {children}
    </span>
  );
}

/** Both languages of one text, side by side: `name.zh-CN` and `name.en` for errors. */
export function LocalizedField({
  legend,
  name,
  value,
  onChange,
  errors,
  maxLength = 200,
  required = true,
}: {
  legend: string;
  name: string;
  value: Localized;
  onChange(next: Localized): void;
  errors: FieldErrors;
  maxLength?: number;
  required?: boolean;
}) {
  return (
    <fieldset class="pair">
      <legend>{legend}</legend>
      <Field
        label={ct('zhLabel')}
        name={`${name}.zh-CN`}
        lang="zh-CN"
        value={value['zh-CN']}
        maxLength={maxLength}
        required={required}
        errors={errors}
        onInput={(v) => onChange({ ...value, 'zh-CN': v })}
      />
      <Field
        label={ct('enLabel')}
        name={`${name}.en`}
        lang="en"
        value={value.en}
        maxLength={maxLength}
        required={required}
        errors={errors}
        onInput={(v) => onChange({ ...value, en: v })}
      />
    </fieldset>
  );
}

/** A whole number in [min, max], or null when empty and `optional`; undefined when wrong. */
export function wholeNumber(
  text: string,
  min: number,
  max: number,
  optional = false,
): number | null | undefined {
  const s = text.trim();
  if (s === '') return optional ? null : undefined;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}
