import { useState } from 'preact/hooks';
import type { TransferTarget } from '../actions';
import { Dialog } from '../staff';
import { counter, snapshot, t, text } from '../store';

interface Props {
  code: string;
  onConfirm(target: TransferTarget): void;
  onCancel(): void;
}

const PLACEMENTS = ['first', 'last', 'arrival'] as const;

/** Transfer the current ticket to a service queue or to one counter, placed first, last or by arrival. */
export function TransferDialog({ code, onConfirm, onCancel }: Props) {
  const [kind, setKind] = useState<'service' | 'counter'>('service');
  const [target, setTarget] = useState('');
  const [placement, setPlacement] = useState<TransferTarget['placement']>('first');
  const services = snapshot.value?.services ?? [];
  const counters = (snapshot.value?.counters ?? []).filter((c) => c.id !== counter.value?.id);
  const confirm = () => {
    if (!target) return;
    onConfirm(kind === 'service' ? { serviceId: target, placement } : { counterId: target, placement });
  };
  return (
    <Dialog
      title={t('transferTitle', { code })}
      confirmLabel={t('act_transfer')}
      confirmDisabled={!target}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <fieldset class="choices row">
        <legend>{t('transferTo')}</legend>
        {(['service', 'counter'] as const).map((k) => (
          <label key={k} class={kind === k ? 'choice picked' : 'choice'}>
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k);
                setTarget('');
              }}
            />
            {t(k === 'service' ? 'toService' : 'toCounter')}
          </label>
        ))}
      </fieldset>
      <label class="field">
        {t('chooseTarget')}
        <select
          name="target"
          value={target}
          data-autofocus=""
          onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}
        >
          <option value="">—</option>
          {kind === 'service'
            ? services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.prefix} · {text(s.name)}
                </option>
              ))
            : counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('counterNumber', { number: c.number })} · {t(`state_${c.state}`)}
                </option>
              ))}
        </select>
      </label>
      <fieldset class="choices row">
        <legend>{t('placement')}</legend>
        {PLACEMENTS.map((p) => (
          <label key={p} class={placement === p ? 'choice picked' : 'choice'}>
            <input
              type="radio"
              name="placement"
              value={p}
              checked={placement === p}
              onChange={() => setPlacement(p)}
            />
            {t(`placement_${p}`)}
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}
