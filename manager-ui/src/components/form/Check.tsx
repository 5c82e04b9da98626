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
