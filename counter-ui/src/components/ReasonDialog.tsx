import { useState } from 'preact/hooks';
import { Dialog } from '../staff';
import { t } from '../store';
import type { StringKey } from '../strings';

interface Props {
  title: string;
  label: string;
  /** Short list of reasons; the last one may be "other", which needs the free text. */
  reasons: StringKey[];
  /** Shown above the reasons (e.g. the confirmation question of a destructive action). */
  question?: string;
  danger?: boolean;
  confirmLabel?: string;
  onConfirm(reason: string): void;
  onCancel(): void;
}

/**
 * A reason is required: Confirm stays disabled until a listed reason is chosen or text typed.
 * The stored reason is the listed reason's words, plus the details when given.
 */
export function ReasonDialog({
  title,
  label,
  reasons,
  question,
  danger,
  confirmLabel,
  onConfirm,
  onCancel,
}: Props) {
  const [picked, setPicked] = useState<StringKey | null>(null);
  const [details, setDetails] = useState('');
  const other = picked === 'reason_other';
  const reason = picked && !other ? [t(picked), details.trim()].filter(Boolean).join(' — ') : details.trim();
  const ok = reason.length > 0 && (!other || details.trim().length > 0);
  return (
    <Dialog
      title={title}
      danger={danger}
      confirmLabel={confirmLabel}
      confirmDisabled={!ok}
      onConfirm={() => ok && onConfirm(reason)}
      onCancel={onCancel}
    >
      {question && <p class="question">{question}</p>}
      <fieldset class="choices">
        <legend>{label}</legend>
        {reasons.map((r, i) => (
          <label key={r} class={picked === r ? 'choice picked' : 'choice'}>
            <input
              type="radio"
              name="reason"
              value={r}
              checked={picked === r}
              data-autofocus={i === 0 ? '' : undefined}
              onChange={() => setPicked(r)}
            />
            {t(r)}
          </label>
        ))}
      </fieldset>
      <label class="field">
        {t('reasonText')}
        <input
          type="text"
          name="details"
          value={details}
          maxLength={200}
          onInput={(e) => setDetails((e.target as HTMLInputElement).value)}
        />
      </label>
      {!ok && <p class="hint">{t('reasonRequired')}</p>}
    </Dialog>
  );
}
