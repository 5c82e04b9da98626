import { Dialog, InputField } from '@guichet/counter-ui/staff';
import { useState } from 'preact/hooks';
import { t } from '../store';
import type { StringKey } from '../strings';
import { Radios } from './form/Check';

const REASONS: StringKey[] = [
  'cancelReason_left',
  'cancelReason_duplicate',
  'cancelReason_wrongService',
  'cancelReason_other',
];

const REASON_MAX = 200;

/** Cancelling a ticket needs a reason: a listed one, or "other" with the details typed in. */
export function CancelDialog({
  code,
  onConfirm,
  onCancel,
}: {
  code: string;
  onConfirm(reason: string): void;
  onCancel(): void;
}) {
  const [picked, setPicked] = useState<StringKey | null>(null);
  const [details, setDetails] = useState('');
  const other = picked === 'cancelReason_other';
  // The route takes 1–200 characters: a listed reason with long details is cut to fit.
  const reason = (
    picked && !other ? [t(picked), details.trim()].filter(Boolean).join(' — ') : details.trim()
  ).slice(0, REASON_MAX);
  const ok = picked !== null && reason.length > 0 && (!other || details.trim().length > 0);
  return (
    <Dialog
      title={t('cancelTitle', { code })}
      danger
      confirmLabel={t('cancelTicket')}
      confirmDisabled={!ok}
      onConfirm={() => ok && onConfirm(reason)}
      onCancel={onCancel}
    >
      <fieldset class="choices">
        <legend>{t('cancelReason')}</legend>
        <Radios
          name="cancel-reason"
          options={REASONS}
          picked={picked}
          onPick={setPicked}
          label={(r) => t(r)}
        />
      </fieldset>
      <InputField
        label={t('reasonText')}
        name="cancel-details"
        value={details}
        maxLength={REASON_MAX}
        onValue={setDetails}
      />
      {!ok && <p class="hint">{t('reasonRequired')}</p>}
    </Dialog>
  );
}
