import { Dialog } from '@guichet/counter-ui/staff';
import { useEffect, useState } from 'preact/hooks';
import { ConfigList } from '../../components/form/ConfigList';
import { FieldError } from '../../components/form/Field';
import { NotReady } from '../../components/form/Outcome';
import { useConfig } from '../../components/form/useConfig';
import { useSave } from '../../components/form/useSave';
import { deactivateService, updateService } from '../../config-api';
import { canAct, servicesById, t, text } from '../../store';
import { ct } from '../../strings/config-a';
import { type ConfigService, ServiceForm } from './ServicesForm';

type Pending = { kind: 'suspend' | 'resume' | 'deactivate'; service: ConfigService };

/**
 * The services in the kiosk's order: moved up and down with buttons (keyboard too), edited in
 * a form beside the list, suspended with a reason, resumed, deactivated after a confirmation.
 */
export function Services() {
  const { config, error, reload } = useConfig();
  const save = useSave();
  const [editing, setEditing] = useState<ConfigService | 'new' | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [formSaved, setFormSaved] = useState(false);
  // After a move the focus stays with the moved row: its same arrow, or the other at an end.
  const [focusAfter, setFocusAfter] = useState<{ id: string; dir: 'up' | 'down' } | null>(null);
  useEffect(() => {
    if (!focusAfter) return;
    const row = document.querySelector(`[data-service="${focusAfter.id}"]`);
    const same = row?.querySelector<HTMLButtonElement>(`[data-move="${focusAfter.dir}"]`);
    const other = row?.querySelector<HTMLButtonElement>(
      `[data-move="${focusAfter.dir === 'up' ? 'down' : 'up'}"]`,
    );
    (same && !same.disabled ? same : other)?.focus();
    setFocusAfter(null);
  }, [config, save.sending]);
  if (error || !config) return <NotReady error={error} />;
  const list = [...config.services].sort((a, b) => a.sortOrder - b.sortOrder);

  /** Moves one service a place and renumbers whatever is out of place (one PATCH each). */
  const move = async (i: number, by: -1 | 1) => {
    const next = [...list];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s!);
    const changed = next.map((x, order) => ({ x, order })).filter(({ x, order }) => x.sortOrder !== order);
    setFocusAfter({ id: s!.id, dir: by < 0 ? 'up' : 'down' });
    if (
      await save.send(async (token) => {
        for (const { x, order } of changed) await updateService(token, x.id, { sortOrder: order });
      })
    )
      await reload();
  };
  const confirm = async (p: Pending) => {
    if (p.kind === 'suspend' && !reason.trim()) {
      setReasonError(true);
      return;
    }
    setPending(null);
    const ok = await save.send(
      (token) =>
        p.kind === 'deactivate'
          ? deactivateService(token, p.service.id)
          : updateService(
              token,
              p.service.id,
              p.kind === 'suspend'
                ? { suspended: true, suspendedReason: reason.trim() }
                : { suspended: false },
            ),
      p.kind === 'deactivate' ? ct('deactivated') : ct('saved'),
    );
    if (ok) await reload();
  };
  const open = (p: Pending) => {
    setReason('');
    setReasonError(false);
    setPending(p);
  };
  const disabled = save.sending || !canAct.value;

  return (
    <ConfigList
      title={ct('servicesTitle')}
      hint={ct('servicesHint')}
      outcome={save.result ?? (formSaved ? { kind: 'ok', text: ct('saved') } : null)}
      newLabel={ct('newService')}
      newAction="new-service"
      newDisabled={disabled}
      onNew={() => setEditing('new')}
      editor={
        editing && (
          <ServiceForm
            key={editing === 'new' ? 'new' : editing.id}
            config={config}
            service={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              save.clear();
              setFormSaved(true);
              void reload();
            }}
          />
        )
      }
      after={
        pending && (
          <Dialog
            title={ct(`${pending.kind}Title`, { name: text(pending.service.name) })}
            danger={pending.kind !== 'resume'}
            confirmLabel={ct(pending.kind)}
            onCancel={() => setPending(null)}
            onConfirm={() => void confirm(pending)}
          >
            {pending.kind === 'suspend' ? (
              <div class="field">
                <label for="f-suspend-reason">{ct('suspendReason')}</label>
                <textarea
                  id="f-suspend-reason"
                  name="suspendedReason"
                  rows={2}
                  maxLength={200}
                  value={reason}
                  aria-invalid={reasonError ? 'true' : undefined}
                  aria-describedby={reasonError ? 'f-suspend-reason-err' : undefined}
                  onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
                />
                {reasonError && <FieldError id="f-suspend-reason-err">{t('err_REASON_REQUIRED')}</FieldError>}
              </div>
            ) : (
              <p>{ct(pending.kind === 'resume' ? 'resumeBody' : 'deactivateBody')}</p>
            )}
          </Dialog>
        )
      }
      head={
        <>
          <th>{ct('order')}</th>
          <th>{ct('prefix')}</th>
          <th>{ct('serviceName')}</th>
          <th class="num">{ct('targetWait')}</th>
          <th>{ct('status')}</th>
        </>
      }
    >
      {list.map((s, i) => {
        const live = servicesById.value.get(s.id);
        const name = text(s.name);
        const pause = s.suspended ? 'resume' : 'suspend';
        return (
          <tr key={s.id} data-service={s.id}>
            <td class="nowrap">
              <button
                type="button"
                class="btn btn-icon"
                data-move="up"
                aria-label={ct('moveUp', { name })}
                disabled={disabled || i === 0}
                onClick={() => void move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="btn btn-icon"
                data-move="down"
                aria-label={ct('moveDown', { name })}
                disabled={disabled || i === list.length - 1}
                onClick={() => void move(i, 1)}
              >
                ↓
              </button>
            </td>
            <td class="code strong">{s.prefix}</td>
            <td>{name}</td>
            <td class="num">{s.targetWaitMinutes}</td>
            <td>
              {s.suspended ? (
                <span class="state-badge paused">
                  {ct('statusSuspended', { reason: s.suspendedReason ?? '' })}
                </span>
              ) : live && !live.open && live.closedReason ? (
                <span class="state-badge closed">{t(`closed_${live.closedReason}`)}</span>
              ) : (
                <span class="state-badge idle">{ct('statusOpen')}</span>
              )}
            </td>
            <td class="row-actions">
              <button
                type="button"
                class="btn"
                disabled={disabled}
                data-action="edit"
                onClick={() => {
                  setFormSaved(false);
                  setEditing(s);
                }}
              >
                {ct('edit')}
              </button>
              <button
                type="button"
                class="btn"
                disabled={disabled}
                data-action={pause}
                onClick={() => open({ kind: pause, service: s })}
              >
                {ct(pause)}
              </button>
              <button
                type="button"
                class="btn btn-danger-outline"
                disabled={disabled}
                data-action="deactivate"
                onClick={() => open({ kind: 'deactivate', service: s })}
              >
                {ct('deactivate')}
              </button>
            </td>
          </tr>
        );
      })}
    </ConfigList>
  );
}
