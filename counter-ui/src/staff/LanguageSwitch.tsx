import { staff } from './store';

/** Switches zh-CN ⇄ en; the button reads the other language's name, in that language. */
export function LanguageSwitch() {
  const { locale, t, toggleLocale } = staff();
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
