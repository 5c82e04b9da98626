import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { routesCalledIn } from '@guichet/server/kit/testing';
import { routeErrors } from '@guichet/server/schemas';
import { describe, expect, it } from 'vitest';
import { CASE_STEP_ROUTES } from './screens/cases/lib';
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

  it('every refusal of every route the manager screens call has words in the shared table', () => {
    // Every screen's refusal words end in the shared table (`failureText`, and `configFailure` and
    // the cases' `refusal` after their own tables), so each code has an entry there; the staff
    // form words its three account refusals itself (StaffForm.tsx refusalText), the alert rules
    // screen the server's reason for refusing its rules (strings/alert-rules.ts).
    const ownWords = new Set([
      'PASSWORD_REJECTED',
      'OWN_ACCOUNT_LOCKOUT',
      'LAST_ADMIN',
      'ALERT_RULES_INVALID',
    ]);
    const routes = [...routesCalledIn(path.dirname(fileURLToPath(import.meta.url))), ...CASE_STEP_ROUTES];
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.flatMap((r) =>
      routeErrors(r)
        .filter((code) => !ownWords.has(code) && !(`err_${code}` in STRINGS['zh-CN']))
        .map((code) => `${r} ${code}`),
    );
    expect(missing).toEqual([]);
  });

  it('every preset has both languages', () => {
    for (const p of [...NOTICE_PRESETS, ...EMERGENCY_PRESETS]) {
      expect(p['zh-CN']).toMatch(HAN);
      expect(p.en).not.toMatch(HAN);
    }
  });
});
