import { Dialog } from '@guichet/counter-ui/staff';
import { useState } from 'preact/hooks';
import { branchId, snapshot, text } from '../../store';
import { ct, enterComplaint, refusal } from './lib';

const CHANNELS = ['phone_call', 'letter', 'hotline', 'in_person'] as const;
const CATEGORIES = ['attitude', 'efficiency', 'rules', 'environment', 'other'] as const;

/** Staff enter a complaint received by phone, letter or the 12345 hotline; it opens a case. */
export function ComplaintEntry({ onClose }: { onClose: (created: boolean) => void }) {
  const snap = snapshot.value!;
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('phone_call');
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('attitude');
  const [words, setWords] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [counterId, setCounterId] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phoneBad = phone !== '' && !/^[0-9 +-]{5,20}$/.test(phone);
  const submit = async () => {
    if (!words.trim() || phoneBad || busy) return;
    setBusy(true);
    try {
      await enterComplaint(branchId.value!, {
        channel,
        category,
        text: words.trim(),
        ...(serviceId ? { serviceId } : {}),
        ...(counterId ? { counterId } : {}),
        ...(name || phone ? { contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
      });
      onClose(true);
    } catch (err) {
      setError(refusal(err));
    }
    setBusy(false);
  };
  return (
    <Dialog
      title={ct('complaintTitle')}
      confirmLabel={ct('submit')}
      confirmDisabled={!words.trim() || phoneBad || busy}
      onCancel={() => onClose(false)}
      onConfirm={() => void submit()}
    >
      <div class="complaint-entry" data-testid="complaint-entry">
        <label class="field">
          <span>{ct('complaintChannel')}</span>
          <select
            name="channel"
            value={channel}
            onChange={(e) => setChannel(e.currentTarget.value as typeof channel)}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {ct(`ch_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{ct('complaintCategory')}</span>
          <select
            name="category"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as typeof category)}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {ct(`cat_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{ct('fService')}</span>
          <select name="service" value={serviceId} onChange={(e) => setServiceId(e.currentTarget.value)}>
            <option value="">—</option>
            {snap.services.map((s) => (
              <option key={s.id} value={s.id}>
                {text(s.name)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{ct('fCounter')}</span>
          <select name="counter" value={counterId} onChange={(e) => setCounterId(e.currentTarget.value)}>
            <option value="">—</option>
            {snap.counters.map((c) => (
              <option key={c.id} value={c.id}>
                {text(c.name)}
              </option>
            ))}
          </select>
        </label>
        <label class="field wide">
          <span>{ct('complaintText')}</span>
          <textarea
            name="text"
            required
            maxLength={2000}
            rows={4}
            value={words}
            onInput={(e) => setWords(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{ct('complaintName')}</span>
          <input name="name" maxLength={40} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{ct('complaintPhone')}</span>
          <input
            name="phone"
            type="tel"
            maxLength={20}
            aria-invalid={phoneBad}
            value={phone}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="banner banner-error wide" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}
