import { locale, t, toggleLocale } from '../store';

/** Switches zh-CN ⇄ en; the button reads the other language's name, in that language. */
export function LanguageSwitch() {
  return (
    <button
      type="button"
      class="btn btn-ghost"
      title={t('languageLabel')}
      lang={locale.value === 'zh-CN' ? 'en' : 'zh-CN'}
      data-testid="language"
      onClick={toggleLocale}
    >
      {t('language')}
    </button>
  );
}
