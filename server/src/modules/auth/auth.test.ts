import { describe, expect, it } from 'vitest';
import { maskNumber, personKey } from './auth.js';

describe('maskNumber', () => {
  it.each([
    ['13812345678', '*******5678'],
    ['110101199003071234', '**************1234'],
    ['12345678', '****5678'],
    ['1234567', '*******'],
    ['AB1234', '******'],
  ])('masks %s as %s', (raw, masked) => {
    expect(maskNumber(raw)).toBe(masked);
  });

  it('hides at least four characters, and the whole of a number shorter than 8', () => {
    for (let n = 6; n <= 24; n++) {
      const masked = maskNumber('9'.repeat(n));
      const hidden = masked.split('').filter((c) => c === '*').length;
      expect(hidden).toBeGreaterThanOrEqual(n < 8 ? n : 4);
    }
  });
});

describe('personKey', () => {
  it('gives the same hash for the same number however it is typed, and a different one per branch', () => {
    const a = personKey('secret', 'b1', '138 1234-5678');
    expect(a).toEqual(personKey('secret', 'b1', '13812345678'));
    expect(a.hash).not.toBe(personKey('secret', 'b2', '13812345678').hash);
    expect(a.hash).not.toContain('13812345678');
  });
});
