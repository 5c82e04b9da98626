import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { routesCalledIn } from '@guichet/server/kit/testing';
import { COUNTER_COMMANDS } from '@guichet/server/protocol';
import { routeErrors } from '@guichet/server/schemas';
import { describe, expect, it } from 'vitest';
import { errorText, format, STRINGS } from './strings';

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

  it('every refusal the console can meet has words of its own in both languages', () => {
    // Every code the routes it calls may answer (their schemas' lists), and a lost connection.
    // Counter commands are sent by a template (api.ts `counter:${command}`), the rest by name.
    const routes = [
      ...COUNTER_COMMANDS.map((c) => `counter:${c}` as const),
      ...routesCalledIn(path.dirname(fileURLToPath(import.meta.url))),
    ];
    expect(routes).toEqual(expect.arrayContaining(['alert:ack', 'appraisal:entry-answer', 'ratings:submit']));
    const codes = [...new Set(['NETWORK', 'INTERNAL', ...routes.flatMap((r) => routeErrors(r))])];
    for (const code of codes) {
      // Its own entry: the generic text names the code, so comparing texts could not fail.
      expect(Object.keys(STRINGS['zh-CN']), code).toContain(`err_${code}`);
      const zh = errorText('zh-CN', code);
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(errorText('en', code), code).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(errorText('zh-CN', 'COUNTER_BUSY')).toBe(STRINGS['zh-CN'].err_COUNTER_BUSY);
  });

  it('an unknown code reads as the generic text, with the code in brackets', () => {
    expect(errorText('zh-CN', 'HTTP_502')).toBe('系统未能处理，请稍后再试或联系管理员 [HTTP_502]');
    expect(errorText('en', 'HTTP_502')).toContain('[HTTP_502]');
    expect(errorText('en', null)).toContain('[UNKNOWN]');
  });
});
