import type { LocalizedText } from '@guichet/server/protocol';
import { ct } from '../../strings/config-a';
import type { FieldErrors } from './Field';

/** A text in both languages, as the forms edit it (LocalizedField) and send it. */
export type Localized = LocalizedText;

/** Both languages of a text without the spaces around them, as they are sent. */
export const trimmedText = (v: Localized): Localized => ({ 'zh-CN': v['zh-CN'].trim(), en: v.en.trim() });

/** A required two-language text as sent, noting "required" for each language left blank (`name.en`). */
export function requiredText(errors: FieldErrors, key: string, v: Localized): Localized {
  const text = trimmedText(v);
  for (const l of ['zh-CN', 'en'] as const) if (!text[l]) errors[`${key}.${l}`] = ct('required');
  return text;
}
