import type { ComponentChildren, JSX, Ref } from 'preact';

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value' | 'class' | 'ref'>;

/**
 * A box with its words above it (`.field`: the whole label is the target) that reports what is
 * typed. Every other input attribute (name, type, autoComplete, maxLength…) passes through;
 * `labelClass` adds to the label's class (`grow`, `wide`), `inputRef` reaches the box (to focus
 * it), `after` sits under it inside the label (a hint).
 */
export function InputField({
  label,
  value,
  onValue,
  labelClass,
  inputRef,
  after,
  ...input
}: InputProps & {
  label: ComponentChildren;
  value: string | number;
  onValue(value: string): void;
  labelClass?: string;
  inputRef?: Ref<HTMLInputElement>;
  after?: ComponentChildren;
}) {
  return (
    <label class={labelClass ? `field ${labelClass}` : 'field'}>
      {label}
      <input {...input} ref={inputRef} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
      {after}
    </label>
  );
}
