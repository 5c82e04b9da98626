import { describe, expect, it } from 'vitest';
import { EscPosBuilder, encodeGb18030TwoByte } from './escpos-builder.js';
import { holdReason, isDleEotReply, parsePrinterStatus } from './status.js';
import { textWidth, wrapText } from './text-width.js';

const h = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('EscPosBuilder', () => {
  it('puts width in the high nibble and height in the low nibble of GS !', () => {
    expect(new EscPosBuilder().size(2, 1).build()).toEqual(h('1d2110')); // double width
    expect(new EscPosBuilder().size(1, 2).build()).toEqual(h('1d2101')); // double height
    expect(new EscPosBuilder().size(8, 8).build()).toEqual(h('1d2177'));
    expect(() => new EscPosBuilder().size(0, 1)).toThrow(RangeError);
  });

  it('takes QR pL/pH from the UTF-8 byte length, not the string length', () => {
    const data = `https://x/${'é'.repeat(150)}`; // 10 + 300 bytes, 160 UTF-16 units
    const bytes = new EscPosBuilder().qr(data).build();
    const store = bytes.indexOf(h('315030'));
    expect(bytes.subarray(store - 2, store)).toEqual(h('3901')); // 310 + 3 = 0x0139
    expect(bytes.subarray(store + 3, store + 3 + 310).toString('utf8')).toBe(data);
    expect(bytes.subarray(store + 313)).toEqual(h('1d286b0300315130'));
  });

  it('encodes text as GB18030 double bytes and replaces 4-byte characters', () => {
    expect(encodeGb18030TwoByte('号A𠮷€')).toEqual(h('bac5 41 3f a2e3'));
    expect(new EscPosBuilder('ascii').line('Café 号').build()).toEqual(Buffer.from('Cafe ?\n'));
  });
});

describe('text width and wrapping', () => {
  it('counts CJK and fullwidth characters as two columns', () => {
    expect(textWidth('A012')).toBe(4);
    expect(textWidth('前面还有 3 人')).toBe(4 * 2 + 3 + 2);
    expect(textWidth('ＡＢ')).toBe(4);
  });

  it.each([
    ['one two three four', 9, ['one two', 'three', 'four']],
    ['abcdefghijkl', 5, ['abcde', 'fghij', 'kl']],
    ['市民服务中心', 5, ['市民', '服务', '中心']],
    ['请到 A012 号窗口办理', 10, ['请到 A012', '号窗口办理']],
    ['a\nb', 10, ['a', 'b']],
  ])('wraps %j at %i columns', (text, cols, lines) => {
    expect(wrapText(text, cols)).toEqual(lines);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(cols);
  });
});

describe('DLE EOT status', () => {
  it('recognises reply bytes by their fixed bits', () => {
    expect(isDleEotReply(0x12)).toBe(true);
    expect(isDleEotReply(0x72)).toBe(true);
    expect(isDleEotReply(0x41)).toBe(false); // an 'A' echoed back is not a status byte
  });

  it.each([
    [
      { printer: 0x12, offlineCause: 0x12, paper: 0x12 },
      { online: true, coverOpen: false, paperOut: false, paperNearEnd: false },
      null,
    ],
    [
      { printer: 0x1a, offlineCause: 0x32, paper: 0x72 },
      { online: false, coverOpen: false, paperOut: true, paperNearEnd: false },
      'paper_out',
    ],
    [
      { printer: 0x1a, offlineCause: 0x16, paper: 0x12 },
      { online: false, coverOpen: true, paperOut: false, paperNearEnd: false },
      'cover_open',
    ],
    [
      { printer: 0x12, offlineCause: 0x12, paper: 0x1e },
      { online: true, coverOpen: false, paperOut: false, paperNearEnd: true },
      null,
    ],
    [
      { printer: 0x1a, offlineCause: 0x52, paper: 0x12 },
      { online: false, coverOpen: false, paperOut: false, paperNearEnd: false },
      'offline',
    ],
  ] as const)('parses %j', (replies, status, reason) => {
    expect(parsePrinterStatus(replies)).toEqual(status);
    expect(holdReason(status)).toBe(reason);
  });
});
