import { describe, expect, it } from 'vitest';
import { STRINGS, t } from './strings.js';

describe('strings', () => {
  it('has the same keys in every locale, each non-empty and with the same placeholders', () => {
    const zh = STRINGS['zh-CN'];
    const en = STRINGS.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, value] of Object.entries(zh)) {
      const other = en[key as keyof typeof en];
      expect(value.trim(), `zh-CN ${key}`).not.toBe('');
      expect(other.trim(), `en ${key}`).not.toBe('');
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(other), `placeholders of ${key}`).toEqual(holes(value));
    }
  });

  it('fills placeholders', () => {
    expect(t('zh-CN', 'counterLabel', { n: 3 })).toBe('3 号窗口');
    expect(t('en', 'counterLabel', { n: 3 })).toBe('Counter 3');
    expect(t('en', 'waitRange', { lo: 12, hi: 18 })).toBe('12–18 min');
  });
});
