import { describe, expect, it } from 'vitest';
import { badRatingSummary, caseDates, complaintSummary, maskPhone } from './deadlines.js';

const shanghai = { timezone: 'Asia/Shanghai', exceptions: [] };
const at = (iso: string) => Date.parse(iso);
const rules = { callbackWorkingDays: 1, resolutionWorkingDays: 15 };

/** Case deadlines in working days of the 2026 calendar, each worked out by hand in the comment. */
describe('case dates', () => {
  it('skips 中秋 and 国庆 and counts the make-up Sunday 09-20 and Saturday 10-10', () => {
    // Wed 09-30: 10-01…07 closed → callback Thu 10-08; 10-08, 09, 10 (Sat 调休), 12…16, 19…23, 26, 27 → 15th = 10-27.
    expect(caseDates(shanghai, at('2026-09-30T15:00:00+08:00'), rules)).toMatchObject({
      openedDay: '2026-09-30',
      callbackDay: '2026-10-08',
      resolutionDay: '2026-10-27',
    });
    // Fri 09-18: Sat closed, Sun 09-20 is worked → callback 09-20.
    expect(caseDates(shanghai, at('2026-09-18T10:00:00+08:00'), rules)).toMatchObject({
      callbackDay: '2026-09-20',
      resolutionDay: '2026-10-15',
    });
  });

  it('takes the local day of the branch, and its own closed days', () => {
    // 23:30 UTC on Thursday is Friday 07:30 in Shanghai.
    const d = caseDates(shanghai, Date.UTC(2026, 10, 26, 23, 30), rules);
    expect(d.openedDay).toBe('2026-11-27');
    expect(d.callbackDay).toBe('2026-11-30');
    const closedMonday = {
      ...shanghai,
      exceptions: [{ date: '2026-11-30', intervals: [], note: '区级假日' }],
    };
    expect(caseDates(closedMonday, Date.UTC(2026, 10, 26, 23, 30), rules).callbackDay).toBe('2026-12-01');
    // 11-30, 12-01…04, 07…11, 14…18: the 15th working day is Fri 12-18; it ends at local midnight.
    expect(d.resolutionDay).toBe('2026-12-18');
    expect(new Date(d.dueAt).toISOString()).toBe('2026-12-18T16:00:00.000Z');
  });

  it('writes its texts in both languages and masks numbers', () => {
    expect(badRatingSummary('A004', 2, ['attitude'])).toEqual({
      'zh-CN': 'A004：评价 2 星（不满意）— 服务态度不好',
      en: 'A004: rated 2/5 (dissatisfied) — Unfriendly service',
    });
    expect(complaintSummary(null, 'letter', 'rules')).toEqual({
      'zh-CN': '来信投诉（政策规定）',
      en: 'Letter complaint (rules)',
    });
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('5550123')).toBe('*****23');
  });
});
