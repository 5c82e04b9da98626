import { describe, expect, it } from 'vitest';
import { dayMinute } from './time';

describe('dayMinute', () => {
  it('writes the branch-local day year first, whatever the reader language', () => {
    // 09:39 UTC is 17:39 in Shanghai, and 1 December there.
    expect(dayMinute(Date.UTC(2026, 11, 1, 9, 39), 'Asia/Shanghai')).toBe('2026-12-01 17:39');
    // Late evening UTC is already the next day in Shanghai.
    expect(dayMinute(Date.UTC(2026, 0, 12, 23, 5), 'Asia/Shanghai')).toBe('2026-01-13 07:05');
  });
});
