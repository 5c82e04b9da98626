import type { LocalizedText } from '@guichet/server/protocol';
import { t } from '../store';

/**
 * A message in both languages at once (hall screens show both), with presets that fill both.
 * Each preset button shows its text in the reader's language.
 */
export function BilingualText({
  name,
  value,
  presets,
  readerLocale,
  onChange,
}: {
  name: string;
  value: LocalizedText;
  presets: LocalizedText[];
  readerLocale: 'zh-CN' | 'en';
  onChange(next: LocalizedText): void;
}) {
  return (
    <div class="bilingual">
      <fieldset class="presets">
        <legend>{t('presets')}</legend>
        {presets.map((p, i) => (
          <button
            key={p['zh-CN']}
            type="button"
            class={value['zh-CN'] === p['zh-CN'] && value.en === p.en ? 'chip selected' : 'chip'}
            aria-pressed={value['zh-CN'] === p['zh-CN'] && value.en === p.en}
            data-preset={`${name}-${i}`}
            onClick={() => onChange({ ...p })}
          >
            {p[readerLocale]}
          </button>
        ))}
      </fieldset>
      <label class="field">
        {t('noticeZh')}
        <textarea
          name={`${name}-zh`}
          lang="zh-CN"
          rows={2}
          maxLength={500}
          value={value['zh-CN']}
          onInput={(e) => onChange({ ...value, 'zh-CN': (e.target as HTMLTextAreaElement).value })}
        />
      </label>
      <label class="field">
        {t('noticeEn')}
        <textarea
          name={`${name}-en`}
          lang="en"
          rows={2}
          maxLength={500}
          value={value.en}
          onInput={(e) => onChange({ ...value, en: (e.target as HTMLTextAreaElement).value })}
        />
      </label>
    </div>
  );
}
