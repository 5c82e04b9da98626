import { describe, expect, it } from 'vitest';
import { estimateAccuracy } from './estimate-accuracy.js';

const at = (hm: string) => Date.parse(`2026-03-02T${hm}:00+08:00`);

describe('estimateAccuracy (worked by hand)', () => {
  const rows = [
    // promised 10 (8–13), waited 12 min: error +2, within ±5, in range
    {
      serviceId: 'A',
      issuedAt: at('09:10'),
      promisedMinutes: 10,
      promisedLow: 8,
      promisedHigh: 13,
      actualWaitSeconds: 720,
    },
    // promised 10 (8–13), waited 20 min: +10, outside both
    {
      serviceId: 'A',
      issuedAt: at('09:40'),
      promisedMinutes: 10,
      promisedLow: 8,
      promisedHigh: 13,
      actualWaitSeconds: 1200,
    },
    // promised 30, waited 24: −6, outside ±5; no range stored
    { serviceId: 'B', issuedAt: at('10:05'), promisedMinutes: 30, actualWaitSeconds: 1440 },
    // never called: left out and counted
    { serviceId: 'B', issuedAt: at('10:20'), promisedMinutes: 5, actualWaitSeconds: null },
  ];

  it('totals: MAE 6, bias +2, 1 of 3 within ±5 min, 1 of 2 inside the range, 1 excluded', () => {
    expect(estimateAccuracy(rows, 'service', 'Asia/Shanghai').totals).toEqual({
      key: 'total',
      n: 3,
      meanAbsoluteErrorMinutes: 6,
      biasMinutes: 2,
      within5MinutesPercent: 33.3,
      inRangePercent: 50,
      excluded: 1,
    });
  });

  it('by service and by local hour of issue', () => {
    const byService = estimateAccuracy(rows, 'service', 'Asia/Shanghai').rows;
    expect(byService.map((r) => [r.key, r.n, r.biasMinutes])).toEqual([
      ['A', 2, 6],
      ['B', 1, -6],
    ]);
    const byHour = estimateAccuracy(rows, 'hour', 'Asia/Shanghai').rows;
    expect(byHour.map((r) => [r.key, r.n, r.excluded])).toEqual([
      ['09', 2, 0],
      ['10', 1, 1],
    ]);
  });
});
