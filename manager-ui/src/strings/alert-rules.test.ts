import { describe, expect, it } from 'vitest';
import { ALERT_RULES_STRINGS } from './alert-rules';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /[\u4e00-\u9fff]/;

describe('alert rules strings', () => {
  it('say everything in both languages with the same placeholders', () => {
    const { 'zh-CN': zh, en } = ALERT_RULES_STRINGS;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, z] of Object.entries(zh)) {
      const e = en[key as keyof typeof en];
      expect(z, key).toMatch(HAN);
      expect(e.trim(), key).not.toBe('');
      expect(e, key).not.toMatch(HAN);
      expect(placeholders(e), key).toEqual(placeholders(z));
    }
  });
});
