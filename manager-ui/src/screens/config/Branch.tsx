import { useEffect, useState } from 'preact/hooks';
import { SaveActions } from '../../components/form/Check';
import { Field, type FieldErrors, LocalizedField, wholeNumber } from '../../components/form/Field';
import { HoursEditor } from '../../components/form/HoursEditor';
import { parseWeek, type WeekText, weekText } from '../../components/form/hours';
import { requiredText, trimmedText } from '../../components/form/localized';
import { NotReady, Outcome } from '../../components/form/Outcome';
import { useConfig } from '../../components/form/useConfig';
import { useSave } from '../../components/form/useSave';
import { type HallConfig, updateBranch } from '../../config-api';
import { branchId, canAct } from '../../store';
import { ct } from '../../strings/config-a';
import { type OwnDate, OwnDates, ownDatesOf, parseOwnDates, Upcoming } from './BranchDates';

type Settings = HallConfig['branch']['settings'];
interface Form {
  name: { 'zh-CN': string; en: string };
  timezone: string;
  address: { 'zh-CN': string; en: string };
  hours: WeekText;
  cutoff: string;
  holidays: 'cn' | 'none';
  own: OwnDate[];
}

const formOf = (c: HallConfig): Form => {
  const s: Settings = c.branch.settings;
  return {
    name: { ...c.branch.name },
    timezone: c.branch.timezone,
    address: { 'zh-CN': s.address?.['zh-CN'] ?? '', en: s.address?.en ?? '' },
    hours: weekText(s.hours),
    cutoff: String(s.issueCutoffMinutes),
    holidays: s.holidays ?? 'none',
    own: ownDatesOf(s.ownExceptions ?? []),
  };
};

/** IANA zones the browser knows, with the branch's own first if the browser lacks it. */
function zones(current: string): string[] {
  const all = (Intl as { supportedValuesOf?(k: string): string[] }).supportedValuesOf?.('timeZone') ?? [];
  return all.includes(current) ? all : [current, ...all];
}

/** The branch: names, zone, ticket address, weekly hours, cut-off, holiday calendar and own dates. */
export function Branch() {
  const { config, error, reload } = useConfig();
  const save = useSave();
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (config) setForm(formOf(config));
  }, [config]);
  if (error || !config || !form) return <NotReady error={error} />;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const name = requiredText(errors, 'name', form.name);
    const { week, bad } = parseWeek(form.hours);
    for (const d of bad) errors[`hours.${d}`] = ct('hoursBad');
    const cutoff = wholeNumber(form.cutoff, 0, 240);
    if (cutoff === undefined || cutoff === null)
      errors.issueCutoffMinutes = ct('numberBad', { min: 0, max: 240 });
    const own = parseOwnDates(form.own, errors);
    save.setErrors(errors);
    if (Object.keys(errors).length) return;
    const address = trimmedText(form.address);
    const ok = await save.send((token) =>
      updateBranch(token, branchId.value!, {
        name,
        timezone: form.timezone,
        address: address['zh-CN'] || address.en ? address : null,
        hours: week,
        issueCutoffMinutes: cutoff as number,
        holidays: form.holidays,
        exceptions: own,
      }),
    );
    if (ok) await reload();
  };

  const disabled = save.sending || !canAct.value;
  return (
    <form class="cfg" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="branch-title">
      <div class="cfg-head">
        <h1 id="branch-title">{ct('branchTitle')}</h1>
        <Outcome result={save.result} />
      </div>
      <fieldset class="cfg-grid" disabled={disabled}>
        <section class="panel">
          <LocalizedField
            legend={ct('branchNames')}
            name="name"
            value={form.name}
            errors={save.errors}
            onChange={(name) => set({ name })}
          />
          <div class="field">
            <label for="f-timezone">{ct('timezone')}</label>
            <select
              id="f-timezone"
              name="timezone"
              value={form.timezone}
              onChange={(e) => set({ timezone: (e.target as HTMLSelectElement).value })}
            >
              {zones(form.timezone).map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </div>
          <LocalizedField
            legend={ct('address')}
            name="address"
            value={form.address}
            maxLength={120}
            required={false}
            errors={save.errors}
            onChange={(address) => set({ address })}
          />
          <p class="hint">{ct('addressHint')}</p>
          <Field
            label={ct('cutoff')}
            name="issueCutoffMinutes"
            inputMode="numeric"
            value={form.cutoff}
            hint={ct('cutoffHint')}
            errors={save.errors}
            onInput={(cutoff) => set({ cutoff })}
          />
        </section>
        <section class="panel">
          <HoursEditor
            legend={ct('weeklyHours')}
            name="hours"
            value={form.hours}
            errors={save.errors}
            onChange={(hours) => set({ hours })}
          />
        </section>
        <section class="panel cfg-wide">
          <div class="field">
            <label for="f-holidays">{ct('holidays')}</label>
            <select
              id="f-holidays"
              name="holidays"
              value={form.holidays}
              onChange={(e) => set({ holidays: (e.target as HTMLSelectElement).value as 'cn' | 'none' })}
            >
              <option value="cn">{ct('holidays_cn')}</option>
              <option value="none">{ct('holidays_none')}</option>
            </select>
          </div>
          <OwnDates value={form.own} errors={save.errors} onChange={(own) => set({ own })} />
          <Upcoming config={config} />
        </section>
      </fieldset>
      <SaveActions sending={save.sending} disabled={disabled} action="save-branch" />
    </form>
  );
}
