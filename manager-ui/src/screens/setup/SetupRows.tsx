import { InputField } from '@guichet/counter-ui/staff';
import type { ComponentChildren } from 'preact';
import { Check } from '../../components/form/Check';
import { tb } from '../../strings/config-b';
import type { SetupDraft } from './SetupSteps';

export function Text(props: {
  label: string;
  name: string;
  value: string | number;
  type?: string;
  onInput(v: string): void;
}) {
  return (
    <InputField
      label={props.label}
      name={props.name}
      type={props.type ?? 'text'}
      value={props.value}
      onValue={props.onInput}
    />
  );
}
export const Row = ({ children }: { children: ComponentChildren }) => <div class="form-row">{children}</div>;

/**
 * Rows added and removed in place: each row's fields (`children`, given a `put` for a patch of
 * that row), a Remove button while more than `min` (1) are left, and an Add button under them.
 * `removeLabel` names a row's Remove button for a screen reader (several read "Remove" alike).
 */
export function EditableRows<T>(props: {
  rows: T[];
  onChange(rows: T[]): void;
  blank(): T;
  addLabel: string;
  addAction: string;
  min?: number;
  removeLabel?(row: T, i: number): string;
  children(row: T, put: (patch: Partial<T>) => void, i: number): ComponentChildren;
}) {
  const { rows, onChange } = props;
  const put = (i: number) => (patch: Partial<T>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      {rows.map((row, i) => (
        <Row key={i}>
          {props.children(row, put(i), i)}
          {rows.length > (props.min ?? 1) && (
            <button
              type="button"
              class="btn btn-small"
              aria-label={props.removeLabel?.(row, i)}
              data-action="remove-row"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              {tb('removeRow')}
            </button>
          )}
        </Row>
      ))}
      <div>
        <button
          type="button"
          class="btn"
          data-action={props.addAction}
          onClick={() => onChange([...rows, props.blank()])}
        >
          {props.addLabel}
        </button>
      </div>
    </>
  );
}

/** The rows of the services and counters steps. */
type Props = { draft: SetupDraft; set(patch: Partial<SetupDraft>): void };

export function ServicesStep({ draft: d, set }: Props) {
  return (
    <EditableRows
      rows={d.services}
      onChange={(services) => set({ services })}
      blank={() => ({
        prefix: String.fromCharCode(65 + (d.services.length % 26)),
        zh: '',
        en: '',
        target: 15,
      })}
      addLabel={tb('addService')}
      addAction="add-service"
    >
      {(s, put, i) => (
        <>
          <Text
            label={tb('servicePrefix')}
            name={`prefix-${i}`}
            value={s.prefix}
            onInput={(v) => put({ prefix: v.toUpperCase() })}
          />
          <Text
            label={tb('serviceNameZh')}
            name={`service-zh-${i}`}
            value={s.zh}
            onInput={(v) => put({ zh: v })}
          />
          <Text
            label={tb('serviceNameEn')}
            name={`service-en-${i}`}
            value={s.en}
            onInput={(v) => put({ en: v })}
          />
          <Text
            label={tb('targetWait')}
            name={`target-${i}`}
            type="number"
            value={s.target}
            onInput={(v) => put({ target: Number(v) })}
          />
        </>
      )}
    </EditableRows>
  );
}

export function CountersStep({ draft: d, set }: Props) {
  return (
    <EditableRows
      rows={d.counters}
      onChange={(counters) => set({ counters })}
      blank={() => ({
        number: Math.max(0, ...d.counters.map((c) => c.number)) + 1,
        services: d.services.map((s) => s.prefix),
      })}
      addLabel={tb('addCounter')}
      addAction="add-counter"
    >
      {(c, put, i) => (
        <>
          <Text
            label={tb('counterNumber')}
            name={`counter-${i}`}
            type="number"
            value={c.number}
            onInput={(v) => put({ number: Number(v) })}
          />
          <fieldset class="choices inline-choices">
            <legend>{tb('counterServices')}</legend>
            {d.services.map((s) => (
              <Check
                key={s.prefix}
                name={`counter-${i}-service-${s.prefix}`}
                checked={c.services.includes(s.prefix)}
                onChange={(on) =>
                  put({ services: on ? [...c.services, s.prefix] : c.services.filter((p) => p !== s.prefix) })
                }
              >
                {s.prefix} · {s.zh || s.en}
              </Check>
            ))}
          </fieldset>
        </>
      )}
    </EditableRows>
  );
}
