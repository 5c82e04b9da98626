import type { LocalizedText } from '@guichet/server/protocol';
import { useState } from 'preact/hooks';
import { Dialog, InputField } from '../staff';
import { t, text } from '../store';
import type { StringKey } from '../strings';

/** A reason the branch configured (manager → Reasons): its code is what the server keeps. */
export interface ConfiguredReason {
  code: string;
  label: LocalizedText;
}

interface Props {
  title: string;
  label: string;
  /** Short list of reasons; the last one may be "other", which needs the free text. */
  reasons: StringKey[];
  /** The branch's own reasons: offered instead of `reasons`, and the code alone is sent. */
  configured?: ConfiguredReason[] | undefined;
  /** Shown above the reasons (e.g. the confirmation question of a destructive action). */
  question?: string;
  danger?: boolean;
  confirmLabel?: string;
  onConfirm(reason: string): void;
  onCancel(): void;
}

/**
 * A reason is required: Confirm stays disabled until a listed reason is chosen or text typed.
 * The stored reason is the listed reason's words, plus the details when given. A branch that
 * configured its codes gets exactly those (labels in the console's language) and the server
 * stores the code, so reports count by code: no free text then.
 */
export function ReasonDialog({
  title,
  label,
  reasons,
  configured,
  question,
  danger,
  confirmLabel,
  onConfirm,
  onCancel,
}: Props) {
  const [picked, setPicked] = useState<string | null>(null);
  const [details, setDetails] = useState('');
  const codes = configured?.length ? configured : null;
  const options = codes
    ? codes.map((r) => ({ value: r.code, label: text(r.label) }))
    : reasons.map((r) => ({ value: r, label: t(r) }));
  const other = !codes && picked === 'reason_other';
  const reason = codes
    ? (picked ?? '')
    : picked && !other
      ? [t(picked as StringKey), details.trim()].filter(Boolean).join(' — ')
      : details.trim();
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
        {options.map((r, i) => (
          <label key={r.value} class={picked === r.value ? 'choice picked' : 'choice'}>
            <input
              type="radio"
              name="reason"
              value={r.value}
              checked={picked === r.value}
              data-autofocus={i === 0 ? '' : undefined}
              onChange={() => setPicked(r.value)}
            />
            {r.label}
          </label>
        ))}
      </fieldset>
      {!codes && (
        <InputField
          label={t('reasonText')}
          type="text"
          name="details"
          value={details}
          maxLength={200}
          onValue={setDetails}
        />
      )}
      {!ok && <p class="hint">{t(codes ? 'reasonPick' : 'reasonRequired')}</p>}
    </Dialog>
  );
}
