import { describe, expect, it } from 'vitest';
import {
  Bitmap,
  fillPolygons,
  flattenPath,
  type PathCommand,
  type Polygon,
  packRows,
  rasterImageCommand,
  scrubRealtimeSequences,
} from './raster.js';

const rect = (x0: number, y0: number, x1: number, y1: number, clockwise = true): Polygon =>
  clockwise
    ? [
        { x: x0, y: y0 },
        { x: x1, y: y0 },
        { x: x1, y: y1 },
        { x: x0, y: y1 },
      ]
    : [
        { x: x0, y: y0 },
        { x: x0, y: y1 },
        { x: x1, y: y1 },
        { x: x1, y: y0 },
      ];

const identity = (x: number, y: number) => ({ x, y });

describe('fillPolygons (non-zero winding, dot centres)', () => {
  it('fills a 10×10 square with exactly 100 dots at the right place', () => {
    const bm = new Bitmap(20, 20);
    fillPolygons(bm, [rect(2, 3, 12, 13)]);
    expect(bm.countInk()).toBe(100);
    expect(bm.get(2, 3)).toBe(1);
    expect(bm.get(11, 12)).toBe(1);
    expect(bm.get(1, 3)).toBe(0);
    expect(bm.get(12, 12)).toBe(0);
    expect(bm.get(2, 13)).toBe(0);
  });

  it('fills a right triangle with the dots whose centre is inside (190 of 400)', () => {
    const bm = new Bitmap(20, 20);
    fillPolygons(bm, [
      [
        { x: 0, y: 0 },
        { x: 20, y: 0 },
        { x: 0, y: 20 },
      ],
    ]);
    expect(bm.countInk()).toBe(190); // row y has 19 - y dots
    expect(bm.countInk(0, 1)).toBe(19);
    expect(bm.countInk(18, 19)).toBe(1);
  });

  it('an inner contour wound the other way cuts a hole; the same way does not', () => {
    const hole = new Bitmap(20, 20);
    fillPolygons(hole, [rect(0, 0, 20, 20), rect(5, 5, 15, 15, false)]);
    expect(hole.countInk()).toBe(300);
    expect(hole.get(10, 10)).toBe(0);

    const same = new Bitmap(20, 20);
    fillPolygons(same, [rect(0, 0, 20, 20), rect(5, 5, 15, 15)]);
    expect(same.countInk()).toBe(400); // winding 2 is still inside (even-odd would give 300)
  });

  it('overlapping contours of one direction give their union (CJK strokes overlap)', () => {
    const bm = new Bitmap(30, 30);
    fillPolygons(bm, [rect(0, 0, 20, 20), rect(10, 10, 30, 30)]);
    expect(bm.countInk()).toBe(400 + 400 - 100);
  });

  it('clips to the bitmap', () => {
    const bm = new Bitmap(10, 10);
    fillPolygons(bm, [rect(-5, -5, 5, 5)]);
    expect(bm.countInk()).toBe(25);
  });
});

describe('flattenPath', () => {
  it('a circle of four cubic Béziers fills about πr² dots', () => {
    const r = 40;
    const k = 0.5523 * r;
    const c = 50;
    const commands: PathCommand[] = [
      { command: 'moveTo', args: [c + r, c] },
      { command: 'bezierCurveTo', args: [c + r, c + k, c + k, c + r, c, c + r] },
      { command: 'bezierCurveTo', args: [c - k, c + r, c - r, c + k, c - r, c] },
      { command: 'bezierCurveTo', args: [c - r, c - k, c - k, c - r, c, c - r] },
      { command: 'bezierCurveTo', args: [c + k, c - r, c + r, c - k, c + r, c] },
      { command: 'closePath', args: [] },
    ];
    const bm = new Bitmap(100, 100);
    fillPolygons(bm, flattenPath(commands, identity));
    expect(Math.abs(bm.countInk() - Math.PI * r * r)).toBeLessThan(60);
  });

  it('quadratic curves, several contours and a y-flipping transform', () => {
    const commands: PathCommand[] = [
      { command: 'moveTo', args: [0, 0] },
      { command: 'lineTo', args: [10, 0] },
      { command: 'quadraticCurveTo', args: [10, 10, 0, 10] },
      { command: 'closePath', args: [] },
      { command: 'moveTo', args: [20, 0] },
      { command: 'lineTo', args: [30, 0] },
      { command: 'lineTo', args: [30, 10] },
      { command: 'closePath', args: [] },
    ];
    const polys = flattenPath(commands, (x, y) => ({ x, y: 10 - y }));
    expect(polys).toHaveLength(2);
    expect(polys[0]?.length).toBeGreaterThan(4); // the curve was split
    const bm = new Bitmap(40, 12);
    fillPolygons(bm, polys);
    expect(bm.get(1, 9)).toBe(1); // y flipped: font baseline at the bottom
    expect(bm.get(29, 1)).toBe(1);
    expect(bm.get(21, 1)).toBe(0);
  });
});

describe('GS v 0 encoding', () => {
  it('packs rows MSB = leftmost dot, 1 = black, padded to whole bytes', () => {
    const bm = new Bitmap(10, 2);
    bm.set(0, 0);
    bm.set(9, 0);
    bm.set(7, 1);
    const { bytesPerRow, data } = packRows(bm);
    expect(bytesPerRow).toBe(2);
    expect([...data]).toEqual([0x80, 0x40, 0x01, 0x00]);
  });

  it('writes GS v 0 0 xL xH yL yH before the data', () => {
    const bm = new Bitmap(576, 300);
    bm.set(0, 0);
    const cmd = rasterImageCommand(bm);
    expect([...cmd.subarray(0, 8)]).toEqual([0x1d, 0x76, 0x30, 0x00, 72, 0, 300 & 0xff, 300 >> 8]);
    expect(cmd.length).toBe(8 + 72 * 300);
    expect(cmd[8]).toBe(0x80);
  });

  it('never lets image data contain a real-time DLE EOT / DLE ENQ / DLE DC4 pair', () => {
    const bm = new Bitmap(16, 1);
    bm.set(3, 0); // 0x10
    bm.set(13, 0); // 0x04
    expect([...packRows(bm).data]).toEqual([0x10, 0x04]);
    const cmd = rasterImageCommand(bm);
    expect([...cmd.subarray(8)]).toEqual([0x18, 0x04]); // one dot thicker
    expect(scrubRealtimeSequences(Buffer.from([0x10, 0x05, 0x10, 0x14, 0x10, 0x00]))).toBe(2);
  });
});

describe('decoder and raster images', () => {
  it('skips GS v 0 data whole, even when it holds LF, ESC, GS or DLE EOT bytes', async () => {
    const { EscPosDecoder } = await import('../sim/escpos-decoder.js');
    const texts: string[] = [];
    let queries = 0;
    const decoder = new EscPosDecoder({ onStatusQuery: () => queries++, onCut: (t) => texts.push(t.text) });
    const data = Buffer.from([0x0a, 0x1b, 0x40, 0x1d, 0x56, 0x00, 0x10, 0x04]); // 2 bytes × 4 rows
    decoder.push(Buffer.from('before'));
    decoder.push(Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x04]));
    decoder.push(Buffer.from([0x00, ...data.subarray(0, 3)]));
    decoder.push(Buffer.concat([data.subarray(3), Buffer.from('OK\n'), Buffer.from([0x1d, 0x56, 0x00])]));
    expect(texts).toEqual(['before\n[image 16x4]\nOK']);
    expect(queries).toBe(0);
  });
});
