import { useState } from 'preact/hooks';
import { Field, type FieldErrors, LocalizedField, wholeNumber } from '../../components/form/Field';
import { parseWeek, weekText } from '../../components/form/hours';
import { requiredText } from '../../components/form/localized';
import { OwnHours, SideForm } from '../../components/form/SideForm';
import { useSave } from '../../components/form/useSave';
import { createCounter, type HallConfig, updateCounter } from '../../config-api';
import { branchId, countersById, text } from '../../store';
import { ct } from '../../strings/config-a';

export type ConfigCounter = HallConfig['counters'][number];
const LEVELS = [1, 2, 3] as const;

/**
 * A counter's number, names, work profile (each service ticked with its level 1–3) and its own
 * published hours (else the branch's). The server applies a new profile to an open counter at
 * once: the form says so before saving.
 */
export function CounterForm({
  config,
  counter,
  onDone,
  onCancel,
}: {
  config: HallConfig;
  counter: ConfigCounter | null;
  onDone(): void;
  onCancel(): void;
}) {
  const services = [...config.services].sort((a, b) => a.sortOrder - b.sortOrder);
  const levels = new Map(counter?.profile.services.map((p) => [p.serviceId, p.level]));
  const own = counter ? config.branch.settings.counterHours?.[counter.id] : undefined;
  const nextNumber = Math.max(0, ...config.counters.map((c) => c.number)) + 1;
  const [f, setF] = useState({
    number: String(counter?.number ?? nextNumber),
    name: counter ? { ...counter.name } : { 'zh-CN': `${nextNumber}号窗口`, en: `Counter ${nextNumber}` },
    profile: new Map<string, number>(levels),
    ownHours: own !== undefined,
    hours: weekText(own ?? config.branch.settings.hours),
  });
  const save = useSave();
  const live = counter ? countersById.value.get(counter.id) : undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const number = wholeNumber(f.number, 1, 999);
    if (number === undefined || number === null) errors.number = ct('numberBad', { min: 1, max: 999 });
    const name = requiredText(errors, 'name', f.name);
    const { week, bad } = parseWeek(f.hours);
    if (f.ownHours) for (const d of bad) errors[`hours.${d}`] = ct('hoursBad');
    save.setErrors(errors);
    if (Object.keys(errors).length) return;
    const body = {
      number: number as number,
      name,
      services: [...f.profile].map(([serviceId, level]) => ({ serviceId, level })),
      // A new counter without its own hours says nothing; a changed one goes back to the branch's.
      ...(f.ownHours ? { hours: week } : counter && own ? { hours: null } : {}),
    };
    const ok = await save.send((token) =>
      counter ? updateCounter(token, counter.id, body) : createCounter(token, branchId.value!, body),
    );
    if (ok) onDone();
  };
  const setLevel = (id: string, level: number | null) => {
    const profile = new Map(f.profile);
    if (level === null) profile.delete(id);
    else profile.set(id, level);
    setF({ ...f, profile });
  };

  const title = counter ? ct('editCounter', { number: counter.number }) : ct('newCounter');
  return (
    <SideForm
      title={title}
      name="counter"
      save={save}
      onSubmit={submit}
      onClose={onCancel}
      note={
        live &&
        live.state !== 'closed' && (
          <p class="cfg-warning" role="note" data-testid="counter-open">
            {ct('counterOpenWarning', { state: ct(`state_${live.state}`) })}
          </p>
        )
      }
    >
      <Field
        label={ct('counterNumber')}
        name="number"
        inputMode="numeric"
        value={f.number}
        required
        errors={save.errors}
        onInput={(number) => setF({ ...f, number })}
      />
      <LocalizedField
        legend={ct('counterName')}
        name="name"
        value={f.name}
        errors={save.errors}
        onChange={(name) => setF({ ...f, name })}
      />
      <fieldset class="profile">
        <legend>{ct('profile')}</legend>
        {services.map((s) => {
          const level = f.profile.get(s.id);
          const name = `${s.prefix} ${text(s.name)}`;
          return (
            <div key={s.id} class="profile-row" data-profile={s.id}>
              <label class="check grow">
                <input
                  type="checkbox"
                  checked={level !== undefined}
                  aria-label={ct('serves', { name })}
                  onChange={(e) =>
                    setLevel(s.id, (e.target as HTMLInputElement).checked ? (level ?? 1) : null)
                  }
                />
                {name}
              </label>
              <select
                aria-label={ct('levelOf', { name })}
                value={String(level ?? 1)}
                disabled={level === undefined}
                onChange={(e) => setLevel(s.id, Number((e.target as HTMLSelectElement).value))}
              >
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {`${ct('level')} ${l}`}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </fieldset>
      <OwnHours
        checked={f.ownHours}
        label={ct('counterOwnHours')}
        hint={ct('counterHoursNote')}
        hours={f.hours}
        errors={save.errors}
        onToggle={(ownHours) => setF({ ...f, ownHours })}
        onHours={(hours) => setF({ ...f, hours })}
      />
    </SideForm>
  );
}
