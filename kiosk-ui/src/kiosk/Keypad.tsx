import type { Locale } from '@guichet/server/protocol';
import { useEffect } from 'preact/hooks';
import { t } from '../strings';

export const PERSON_ID_MAX = 18;

/** A mobile number (11 digits starting with 1) or a resident ID number (17 digits and a digit or X). */
export function isPersonId(value: string): boolean {
  return /^1\d{10}$/.test(value) || /^\d{17}[\dX]$/.test(value);
}

/**
 * What the display shows. While she types, the citizen sees her own digits, grouped the way
 * numbers are read aloud (138 0013 5678, 110101 19900307 1234), so she can check them: a wrong
 * digit would count her against another person's daily limit. Once she confirms, only the mask
 * staff screens show (*******5678) stays on the kiosk for whoever comes next to the screen.
 */
export function displayPersonId(value: string, confirmed: boolean): string {
  if (confirmed) return value.length > 4 ? `${'*'.repeat(value.length - 4)}${value.slice(-4)}` : value;
  const groups = value.length > 11 ? [6, 8, 4] : [3, 4, 4];
  const out: string[] = [];
  let at = 0;
  for (const n of groups) {
    if (at >= value.length) break;
    out.push(value.slice(at, at + n));
    at += n;
  }
  return out.join(' ');
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0'] as const;

/** On-screen keypad for a phone or ID number; a hardware keyboard works too. */
export function Keypad({
  value,
  onChange,
  locale,
  confirmed = false,
}: {
  value: string;
  onChange: (v: string) => void;
  locale: Locale;
  /** The citizen asked for her ticket with this number: show only its mask. */
  confirmed?: boolean;
}) {
  const press = (k: string) => {
    if (value.length < PERSON_ID_MAX) onChange(value + k);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
      if (/^[0-9]$/.test(e.key)) press(e.key);
      else if (e.key === 'x' || e.key === 'X') press('X');
      else if (e.key === 'Backspace') onChange(value.slice(0, -1));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
  return (
    <div class="keypad-wrap">
      <label class="keypad-label" for="person-id">
        {t(locale, 'id.label')}
      </label>
      <output id="person-id" class="keypad-display" aria-live="polite">
        {displayPersonId(value, confirmed) || '\u00a0'}
      </output>
      <button type="button" class="key-clear" onClick={() => onChange('')}>
        {t(locale, 'id.clear')}
      </button>
      <div class="keypad">
        {KEYS.map((k) => (
          <button key={k} type="button" class="key" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button
          type="button"
          class="key key-delete"
          aria-label={t(locale, 'id.delete')}
          onClick={() => onChange(value.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
      <p class="keypad-hint">
        {value && !isPersonId(value) ? t(locale, 'id.invalid') : t(locale, 'id.hint')}
      </p>
    </div>
  );
}
