import type { Locale } from '@guichet/server/protocol';
import { t } from '../strings';

const CHOICES: { locale: Locale; key: 'lang.zh' | 'lang.en' }[] = [
  { locale: 'zh-CN', key: 'lang.zh' },
  { locale: 'en', key: 'lang.en' },
];

export function LanguageSwitch({ locale, onChange }: { locale: Locale; onChange: (l: Locale) => void }) {
  return (
    <fieldset class="lang-switch" aria-label={t(locale, 'lang.switch')}>
      {CHOICES.map((c) => (
        <button
          key={c.locale}
          type="button"
          lang={c.locale}
          class={c.locale === locale ? 'lang on' : 'lang'}
          aria-pressed={c.locale === locale}
          onClick={() => onChange(c.locale)}
        >
          {t(c.locale, c.key)}
        </button>
      ))}
    </fieldset>
  );
}
