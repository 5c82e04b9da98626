import type { ComponentChildren } from 'preact';
import { canAct } from '../../store';
import { ct } from '../../strings/config-a';
import { Check, SaveActions } from './Check';
import type { FieldErrors } from './Field';
import { HoursEditor } from './HoursEditor';
import type { WeekText } from './hours';
import { Outcome } from './Outcome';
import type { SaveState } from './useSave';

/**
 * The edit form beside a configuration list (ConfigList's `editor`): its title, an optional
 * `note` under it, the last save's outcome, the fields (disabled while saving or for a user who
 * may not act), then Close and Save. `name` names the form and its Save button for tests
 * (`data-form`, `save-<name>`).
 */
export function SideForm(props: {
  title: string;
  name: string;
  save: SaveState;
  onSubmit(e: Event): Promise<void>;
  onClose(): void;
  note?: ComponentChildren;
  children: ComponentChildren;
}) {
  const disabled = props.save.sending || !canAct.value;
  return (
    <form
      class="panel cfg-side"
      onSubmit={(e) => void props.onSubmit(e)}
      noValidate
      aria-label={props.title}
      data-form={props.name}
    >
      <h2>{props.title}</h2>
      {props.note}
      <Outcome result={props.save.result} />
      <fieldset class="cfg-fields" disabled={disabled}>
        {props.children}
      </fieldset>
      <SaveActions
        sending={props.save.sending}
        disabled={disabled}
        action={`save-${props.name}`}
        onClose={props.onClose}
      />
    </form>
  );
}

/**
 * "Own hours" of a service or a counter: the box, why one would tick it, and the weekly hours
 * once ticked (otherwise the branch's hours apply).
 */
export function OwnHours(props: {
  checked: boolean;
  label: string;
  hint: string;
  hours: WeekText;
  errors: FieldErrors;
  onToggle(checked: boolean): void;
  onHours(hours: WeekText): void;
}) {
  return (
    <>
      <Check name="ownHours" checked={props.checked} onChange={props.onToggle}>
        {props.label}
      </Check>
      <p class="hint">{props.hint}</p>
      {props.checked && (
        <HoursEditor
          legend={ct('weeklyHours')}
          name="hours"
          value={props.hours}
          errors={props.errors}
          onChange={props.onHours}
        />
      )}
    </>
  );
}
