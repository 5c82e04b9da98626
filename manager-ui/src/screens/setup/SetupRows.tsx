import type { ComponentChildren } from 'preact';
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
    <label class="field">
      {props.label}
      <input
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}
export const Row = ({ children }: { children: ComponentChildren }) => <div class="form-row">{children}</div>;

/** The rows of the services and counters steps: added and removed in place. */
type Props = { draft: SetupDraft; set(patch: Partial<SetupDraft>): void };

export function ServicesStep({ draft: d, set }: Props) {
  const put = (i: number, patch: Partial<SetupDraft['services'][number]>) =>
    set({ services: d.services.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <>
      {d.services.map((s, i) => (
        <Row key={i}>
          <Text
            label={tb('servicePrefix')}
            name={`prefix-${i}`}
            value={s.prefix}
            onInput={(v) => put(i, { prefix: v.toUpperCase() })}
          />
          <Text
            label={tb('serviceNameZh')}
            name={`service-zh-${i}`}
            value={s.zh}
            onInput={(v) => put(i, { zh: v })}
          />
          <Text
            label={tb('serviceNameEn')}
            name={`service-en-${i}`}
            value={s.en}
            onInput={(v) => put(i, { en: v })}
          />
          <Text
            label={tb('targetWait')}
            name={`target-${i}`}
            type="number"
            value={s.target}
            onInput={(v) => put(i, { target: Number(v) })}
          />
          {d.services.length > 1 && (
            <button
              type="button"
              class="btn btn-small"
              onClick={() => set({ services: d.services.filter((_, j) => j !== i) })}
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
          data-action="add-service"
          onClick={() =>
            set({
              services: [
                ...d.services,
                { prefix: String.fromCharCode(65 + (d.services.length % 26)), zh: '', en: '', target: 15 },
              ],
            })
          }
        >
          {tb('addService')}
        </button>
      </div>
    </>
  );
}

export function CountersStep({ draft: d, set }: Props) {
  const put = (i: number, patch: Partial<SetupDraft['counters'][number]>) =>
    set({ counters: d.counters.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <>
      {d.counters.map((c, i) => (
        <Row key={i}>
          <Text
            label={tb('counterNumber')}
            name={`counter-${i}`}
            type="number"
            value={c.number}
            onInput={(v) => put(i, { number: Number(v) })}
          />
          <fieldset class="choices inline-choices">
            <legend>{tb('counterServices')}</legend>
            {d.services.map((s) => (
              <label class="check" key={s.prefix}>
                <input
                  type="checkbox"
                  name={`counter-${i}-service-${s.prefix}`}
                  checked={c.services.includes(s.prefix)}
                  onChange={(e) =>
                    put(i, {
                      services: (e.target as HTMLInputElement).checked
                        ? [...c.services, s.prefix]
                        : c.services.filter((p) => p !== s.prefix),
                    })
                  }
                />
                {s.prefix} · {s.zh || s.en}
              </label>
            ))}
          </fieldset>
          {d.counters.length > 1 && (
            <button
              type="button"
              class="btn btn-small"
              onClick={() => set({ counters: d.counters.filter((_, j) => j !== i) })}
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
          data-action="add-counter"
          onClick={() =>
            set({
              counters: [
                ...d.counters,
                {
                  number: Math.max(0, ...d.counters.map((c) => c.number)) + 1,
                  services: d.services.map((s) => s.prefix),
                },
              ],
            })
          }
        >
          {tb('addCounter')}
        </button>
      </div>
    </>
  );
}
