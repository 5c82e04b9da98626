import { describe, expect, it } from 'vitest';
import { EMERGENCY_PRESETS, errorText, NOTICE_PRESETS, STRINGS } from './strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const HAN = /[\u4e00-\u9fff]/;

describe('manager strings', () => {
  it('zh-CN and en have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(STRINGS.en).sort()).toEqual(Object.keys(STRINGS['zh-CN']).sort());
    for (const [key, zh] of Object.entries(STRINGS['zh-CN'])) {
      const en = STRINGS.en[key as keyof typeof STRINGS.en];
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });

  it('the English table has no Chinese except the language name and the bilingual clerk refusal', () => {
    const bilingual = new Set(['language', 'noticeZh', 'clerkRefused', 'goToCounter']);
    for (const [key, en] of Object.entries(STRINGS.en))
      if (!bilingual.has(key)) expect(en, key).not.toMatch(HAN);
  });

  it('every refusal the front desk can meet has words of its own in both languages', () => {
    for (const code of [
      'TICKET_NOT_NO_SHOW',
      'TICKET_NOT_CANCELLABLE',
      'PERSON_ID_REQUIRED',
      'PRIORITY_NOT_ALLOWED',
      'DAILY_CAP_REACHED',
      'EMERGENCY_ACTIVE',
      'FORBIDDEN',
      'NETWORK',
    ]) {
      expect(errorText('zh-CN', code), code).toMatch(HAN);
      expect(errorText('en', code), code).not.toContain(`[${code}]`);
    }
    expect(errorText('en', 'HTTP_502')).toContain('[HTTP_502]');
  });

  it('every preset has both languages', () => {
    for (const p of [...NOTICE_PRESETS, ...EMERGENCY_PRESETS]) {
      expect(p['zh-CN']).toMatch(HAN);
      expect(p.en).not.toMatch(HAN);
    }
  });
});
