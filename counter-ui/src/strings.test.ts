import { describe, expect, it } from 'vitest';
import { format, STRINGS } from './strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('strings', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    const zh = Object.keys(STRINGS['zh-CN']).sort();
    const en = Object.keys(STRINGS.en).sort();
    expect(en).toEqual(zh);
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [key, value] of Object.entries(STRINGS[locale]))
        expect(value.trim(), `${locale}.${key}`).not.toBe('');
    }
  });

  it('both languages use the same placeholders in each string', () => {
    for (const [key, zh] of Object.entries(STRINGS['zh-CN'])) {
      expect(placeholders(STRINGS.en[key as keyof typeof STRINGS.en]), key).toEqual(placeholders(zh));
    }
  });

  it('format fills placeholders and leaves unknown ones visible', () => {
    expect(format('{code} 已被叫走', { code: 'A012' })).toBe('A012 已被叫走');
    expect(format('Counter {number} {x}', { number: 3 })).toBe('Counter 3 {x}');
  });
});
