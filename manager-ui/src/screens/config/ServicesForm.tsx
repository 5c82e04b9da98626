import { useState } from 'preact/hooks';
import { Check } from '../../components/form/Check';
import { Field, type FieldErrors, LocalizedField, wholeNumber } from '../../components/form/Field';
import { parseWeek, weekText } from '../../components/form/hours';
import { requiredText } from '../../components/form/localized';
import { OwnHours, SideForm } from '../../components/form/SideForm';
import { useSave } from '../../components/form/useSave';
import { createService, type HallConfig, type ServicePatch, updateService } from '../../config-api';
import { branchId, text } from '../../store';
import { ct } from '../../strings/config-a';

export type ConfigService = HallConfig['services'][number];

const numText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/**
 * A service created or changed: letter, names, target wait, caps, the phone/ID rule, priority,
 * and its own hours and cut-off (else the branch's). Checked here first; the server's field
 * errors land next to their field.
 */
export function ServiceForm({
  config,
  service,
  onDone,
  onCancel,
}: {
  config: HallConfig;
  service: ConfigService | null;
  onDone(): void;
  onCancel(): void;
}) {
  const own = service ? config.branch.settings.serviceHours?.[service.id] : undefined;
  const [f, setF] = useState({
    prefix: service?.prefix ?? '',
    name: service ? { ...service.name } : { 'zh-CN': '', en: '' },
    target: numText(service?.targetWaitMinutes ?? 15),
    cap: numText(service?.dailyCap),
    limit: numText(service?.perPersonDailyLimit),
    requiresPersonId: service?.requiresPersonId ?? false,
    allowPriority: service?.allowPriority ?? true,
    ownHours: own?.hours !== undefined,
    hours: weekText(own?.hours ?? config.branch.settings.hours),
    cutoff: numText(own?.issueCutoffMinutes),
  });
  const save = useSave();
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });

  const submit = async (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    const prefix = f.prefix.trim().toUpperCase();
    if (!/^[A-Z]{1,2}$/.test(prefix)) errors.prefix = ct('prefixBad');
    const name = requiredText(errors, 'name', f.name);
    const target = wholeNumber(f.target, 1, 600);
    if (target === undefined || target === null)
      errors.targetWaitMinutes = ct('numberBad', { min: 1, max: 600 });
    const cap = wholeNumber(f.cap, 1, 100_000, true);
    if (cap === undefined) errors.dailyCap = ct('numberBad', { min: 1, max: 100_000 });
    const limit = wholeNumber(f.limit, 1, 100_000, true);
    if (limit === undefined) errors.perPersonDailyLimit = ct('numberBad', { min: 1, max: 100_000 });
    else if (limit !== null && !f.requiresPersonId) errors.perPersonDailyLimit = ct('personLimitNeedsId');
    const cutoff = wholeNumber(f.cutoff, 0, 240, true);
    if (cutoff === undefined) errors.issueCutoffMinutes = ct('numberBad', { min: 0, max: 240 });
    const { week, bad } = parseWeek(f.hours);
    if (f.ownHours) for (const d of bad) errors[`hours.${d}`] = ct('hoursBad');
    save.setErrors(errors);
    if (Object.keys(errors).length) return;
    const body: ServicePatch = {
      prefix,
      name,
      targetWaitMinutes: target as number,
      dailyCap: cap ?? null,
      perPersonDailyLimit: limit ?? null,
      requiresPersonId: f.requiresPersonId,
      allowPriority: f.allowPriority,
      hours: f.ownHours ? week : null,
      issueCutoffMinutes: cutoff ?? null,
    };
    const ok = await save.send((token) =>
      service
        ? updateService(token, service.id, body)
        : createService(token, branchId.value!, {
            ...body,
            prefix,
            name,
            targetWaitMinutes: target as number,
            sortOrder: config.services.length,
          }),
    );
    if (ok) onDone();
  };

  const title = service ? ct('editService', { name: text(service.name) }) : ct('newService');
  return (
    <SideForm title={title} name="service" save={save} onSubmit={submit} onClose={onCancel}>
      <Field
        label={ct('prefix')}
        name="prefix"
        value={f.prefix}
        maxLength={2}
        required
        hint={ct('prefixHint')}
        errors={save.errors}
        onInput={(v) => set({ prefix: v.toUpperCase() })}
      />
      <LocalizedField
        legend={ct('serviceName')}
        name="name"
        value={f.name}
        errors={save.errors}
        onChange={(name) => set({ name })}
      />
      <div class="row3">
        <Field
          label={ct('targetWait')}
          name="targetWaitMinutes"
          inputMode="numeric"
          value={f.target}
          required
          errors={save.errors}
          onInput={(target) => set({ target })}
        />
        <Field
          label={ct('dailyCap')}
          name="dailyCap"
          inputMode="numeric"
          value={f.cap}
          errors={save.errors}
          onInput={(cap) => set({ cap })}
        />
        <Field
          label={ct('personLimit')}
          name="perPersonDailyLimit"
          inputMode="numeric"
          value={f.limit}
          errors={save.errors}
          onInput={(limit) => set({ limit })}
        />
      </div>
      <Check
        name="requiresPersonId"
        checked={f.requiresPersonId}
        onChange={(requiresPersonId) => set({ requiresPersonId })}
      >
        {ct('requiresPersonId')}
      </Check>
      <Check
        name="allowPriority"
        checked={f.allowPriority}
        onChange={(allowPriority) => set({ allowPriority })}
      >
        {ct('allowPriority')}
      </Check>
      <Field
        label={ct('serviceCutoff')}
        name="issueCutoffMinutes"
        inputMode="numeric"
        value={f.cutoff}
        errors={save.errors}
        onInput={(cutoff) => set({ cutoff })}
      />
      <OwnHours
        checked={f.ownHours}
        label={ct('ownHours')}
        hint={ct('ownHoursHint')}
        hours={f.hours}
        errors={save.errors}
        onToggle={(ownHours) => set({ ownHours })}
        onHours={(hours) => set({ hours })}
      />
    </SideForm>
  );
}
