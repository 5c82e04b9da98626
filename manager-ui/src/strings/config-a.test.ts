import { describe, expect, it } from 'vitest';
import { CONFIG_STRINGS } from './config-a';

describe('configuration strings', () => {
  it('has every word in both languages, none empty, with the same placeholders', () => {
    const zh = CONFIG_STRINGS['zh-CN'];
    const en = CONFIG_STRINGS.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(slots(en[key]), key).toEqual(slots(zh[key]));
    }
  });
});
