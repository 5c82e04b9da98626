import { useState } from 'preact/hooks';
import type { caseStep } from './lib';
import { ct } from './lib';

const METHODS = ['phone', 'sms', 'visit', 'letter', 'email', 'other'] as const;
const RESOLUTIONS = ['fixed_on_spot', 'rectification', 'explanation', 'disputed_reviewed'] as const;
const SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable'] as const;

type Submit = (step: Parameters<typeof caseStep>[0], body: object) => Promise<void>;

/** The form of the case's next step: what the practice records for it, nothing more. */
export function StepForm({
  step,
  busy,
  onSubmit,
}: {
  step: 'callback' | 'resolution' | 'feedback' | 'satisfaction' | 'reopen';
  busy: boolean;
  onSubmit: Submit;
}) {
  const [method, setMethod] = useState<(typeof METHODS)[number]>('phone');
  const [resolution, setResolution] = useState<(typeof RESOLUTIONS)[number]>('fixed_on_spot');
  const [words, setWords] = useState('');
  const [dueDay, setDueDay] = useState('');
  if (step === 'satisfaction') {
    return (
      <fieldset class="step-form satisfaction">
        <legend>{ct('satisfaction')}</legend>
        {SATISFACTION.map((s) => (
          <button
            key={s}
            type="button"
            class="btn"
            disabled={busy}
            data-satisfaction={s}
            onClick={() => void onSubmit('case:satisfaction', { satisfaction: s })}
          >
            {ct(`s_${s}`)}
          </button>
        ))}
      </fieldset>
    );
  }
  const needsDue = step === 'resolution' && resolution === 'rectification';
  const ready = words.trim() !== '' && (!needsDue || dueDay !== '');
  const textLabel =
    step === 'callback'
      ? ct('citizenSaid')
      : step === 'resolution'
        ? ct('resolutionText')
        : step === 'feedback'
          ? ct('feedbackText')
          : ct('reopenReason');
  return (
    <form
      class="step-form"
      data-form={step}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || busy) return;
        const t = words.trim();
        if (step === 'callback') void onSubmit('case:callback', { method, citizenSaid: t });
        else if (step === 'resolution')
          void onSubmit('case:resolve', { resolution, text: t, ...(needsDue ? { dueDay } : {}) });
        else if (step === 'feedback') void onSubmit('case:feedback', { method, text: t });
        else void onSubmit('case:reopen', { reason: t });
      }}
    >
      {(step === 'callback' || step === 'feedback') && (
        <label class="field">
          <span>{ct('method')}</span>
          <select
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value as typeof method)}
            name="method"
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {ct(`m_${m}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {step === 'resolution' && (
        <label class="field">
          <span>{ct('resolution')}</span>
          <select
            value={resolution}
            onChange={(e) => setResolution(e.currentTarget.value as typeof resolution)}
            name="resolution"
          >
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {ct(`r_${r}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {needsDue && (
        <label class="field">
          <span>{ct('dueDay')}</span>
          <input type="date" required value={dueDay} onInput={(e) => setDueDay(e.currentTarget.value)} />
        </label>
      )}
      <label class="field wide">
        <span>{textLabel}</span>
        <textarea
          name="text"
          required
          maxLength={step === 'reopen' ? 500 : 2000}
          rows={3}
          value={words}
          onInput={(e) => setWords(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="btn btn-primary" disabled={!ready || busy} data-testid={`save-${step}`}>
        {step === 'reopen' ? ct('reopen') : ct('save')}
      </button>
    </form>
  );
}
