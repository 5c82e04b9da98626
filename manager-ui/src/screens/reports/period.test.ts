import { describe, expect, it } from 'vitest';
import { REPORT_STRINGS, type ReportKey } from '../../strings/reports';
import { addDays, hms, isDate, isoWeekday, notRatedRate, periodOf, shiftPeriod, todayIn } from './period';

describe('report periods', () => {
  it('today is the branch’s date, not the browser’s', () => {
    // 2026-11-30 17:30 UTC is already 1 December in Shanghai, still 30 November in New York.
    const at = Date.UTC(2026, 10, 30, 17, 30);
    expect(todayIn('Asia/Shanghai', at)).toBe('2026-12-01');
    expect(todayIn('America/New_York', at)).toBe('2026-11-30');
  });

  it('weeks run Monday to Sunday, months to their last day, leap years included', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(periodOf('week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodOf('month', '2028-02-14')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('day', '2026-03-29')).toEqual({ from: '2026-03-29', to: '2026-03-29' });
  });

  it('previous and next keep the kind: a month after January is February, a custom range keeps its length', () => {
    expect(shiftPeriod('month', { from: '2026-01-01', to: '2026-01-31' }, 1)).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(shiftPeriod('week', { from: '2026-11-30', to: '2026-12-06' }, -1)).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(shiftPeriod('custom', { from: '2026-11-01', to: '2026-11-10' }, 1)).toEqual({
      from: '2026-11-11',
      to: '2026-11-20',
    });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('dates are checked; times are exact; 未评率 is not rated ÷ served', () => {
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-02-28')).toBe(true);
    expect(hms(28_805)).toBe('8:00:05');
    expect(notRatedRate(12, 32)).toBe(37.5);
    expect(notRatedRate(0, 0)).toBeNull();
  });
});

describe('report strings', () => {
  it('zh-CN and en have the same keys, none empty, with the same placeholders', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(REPORT_STRINGS.en).sort()).toEqual(Object.keys(REPORT_STRINGS['zh-CN']).sort());
    for (const [key, zh] of Object.entries(REPORT_STRINGS['zh-CN'])) {
      const en = REPORT_STRINGS.en[key as ReportKey];
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(holes(en), key).toEqual(holes(zh));
      expect(en, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
