import type { Locale } from '@guichet/server/protocol';

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * A ticket code read character by character: "A012" → "A 0 1 2" / "A 零 一 二". Whole numbers
 * would be read as "twelve" / "十二", which people in the hall do not match against the paper.
 */
export function spellCode(locale: Locale, code: string): string {
  return [...code]
    .filter((c) => c.trim() !== '')
    .map((c) => (locale === 'zh-CN' && c >= '0' && c <= '9' ? ZH_DIGITS[Number(c)] : c.toUpperCase()))
    .join(' ');
}

/** The spoken call per locale: "请 A 零 一 二 号到 3 号窗口办理" / "Ticket A 0 1 2, please go to counter 3". */
export function callPhrase(locale: Locale, code: string, counterNumber: number): string {
  const spelled = spellCode(locale, code);
  return locale === 'zh-CN'
    ? `请 ${spelled} 号到 ${counterNumber} 号窗口办理`
    : `Ticket ${spelled}, please go to counter ${counterNumber}`;
}

/** BCP 47 tags a speech engine understands for each locale. */
export const SPEECH_LANG: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-US' };
