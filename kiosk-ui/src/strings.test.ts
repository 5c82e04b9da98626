import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { routesCalledIn } from '@guichet/server/kit/testing';
import { ISSUE_REFUSALS } from '@guichet/server/protocol';
import { routeErrors } from '@guichet/server/schemas';
import { describe, expect, it } from 'vitest';
import { errorText, STRINGS, t, tCode } from './strings';

describe('strings', () => {
  const zh = STRINGS['zh-CN'];
  const en = STRINGS.en;

  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it.each(Object.keys(zh))('%s is non-empty in both languages', (key) => {
    expect(zh[key as keyof typeof zh].trim()).not.toBe('');
    expect(en[key as keyof typeof en].trim()).not.toBe('');
  });

  it('both languages use the same placeholders for each key', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(holes(en[key]), key).toEqual(holes(zh[key]));
    }
  });

  it('fills placeholders', () => {
    expect(t('zh-CN', 'phone.called', { n: 3 })).toBe('请到 3 号窗口');
    expect(t('en', 'phone.called', { n: 3 })).toBe('Please go to counter 3');
  });

  it.each([
    ...ISSUE_REFUSALS,
    'TICKET_NOT_CANCELLABLE',
    'TICKET_ALREADY_RATED',
    'TOO_MANY_REQUESTS',
    'NETWORK',
    'VALIDATION_FAILED',
    'TICKET_NOT_FOUND',
  ])('refusal %s has its own text in both languages', (code) => {
    expect(tCode('zh-CN', 'error', code)).toBeTruthy();
    expect(tCode('en', 'error', code)).toBeTruthy();
  });

  // Every refusal a route the kiosk or the phone calls may answer reads as what happened, not as
  // "try again". The complaint limit has a screen of its own (Feedback.tsx: complaint.limit).
  const OWN_SCREEN = new Set(['COMPLAINT_LIMIT_REACHED']);
  // The routes the kiosk and phone call by name, and the phone's own ticket (the kit's tracker).
  const routes = [...routesCalledIn(path.dirname(fileURLToPath(import.meta.url))), 'ticket:view' as const];
  it('reads the routes the kiosk and phone call', () => {
    expect(routes).toEqual(expect.arrayContaining(['tickets:issue', 'ticket:rate', 'ticket:complaint']));
  });
  it.each(routes)('every refusal of %s has a text in both languages', (route) => {
    const missing = routeErrors(route).filter(
      (code) => !OWN_SCREEN.has(code) && !(tCode('zh-CN', 'error', code) && tCode('en', 'error', code)),
    );
    expect(missing).toEqual([]);
  });

  it('an unknown code falls back to a localized generic text', () => {
    expect(errorText('zh-CN', 'NOPE', 'error.generic')).toBe(STRINGS['zh-CN']['error.generic']);
    expect(errorText('en', 'NOPE', 'error.generic')).toBe(STRINGS.en['error.generic']);
  });
});
