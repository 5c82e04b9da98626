import type { ComponentChildren } from 'preact';
import { ct } from '../../strings/config-a';

/** A checkbox with its words beside it (the whole line is the target). */
export function Check(props: {
  name: string;
  checked: boolean;
  onChange(checked: boolean): void;
  children: ComponentChildren;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />
      {props.children}
    </label>
  );
}

/** One radio button a line for each option of a `name`d group, with its words (the whole line is the target). */
export function Radios<T extends string>(props: {
  name: string;
  options: readonly T[];
  picked: NoInfer<T> | null;
  onPick(option: NoInfer<T>): void;
  label(option: NoInfer<T>): ComponentChildren;
}) {
  return (
    <>
      {props.options.map((o) => (
        <label key={o} class="choice">
          <input
            type="radio"
            name={props.name}
            value={o}
            checked={props.picked === o}
            onChange={() => props.onPick(o)}
          />
          {props.label(o)}
        </label>
      ))}
    </>
  );
}

/**
 * The foot of a configuration form: Close (when the form sits beside a list) and Save, which
 * reads "Saving…" while the request travels. `action` names the Save button for tests.
 */
export function SaveActions(props: {
  sending: boolean;
  disabled: boolean;
  action: string;
  onClose?(): void;
}) {
  return (
    <div class="cfg-actions">
      {props.onClose && (
        <button type="button" class="btn" onClick={props.onClose} disabled={props.sending}>
          {ct('close')}
        </button>
      )}
      <button
        type="submit"
        class="btn btn-primary btn-large"
        disabled={props.disabled}
        data-action={props.action}
      >
        {props.sending ? ct('saving') : ct('save')}
      </button>
    </div>
  );
}
