import { describe, expect, it } from 'vitest';
import { ChineseFontNotFoundError } from './cjk-font.js';
import { renderTicket, type TicketPrintData } from './ticket-layout.js';

/**
 * Golden buffers, written out command by command. Strings are ASCII text; `h(...)` is hex.
 * Chinese bytes were taken from Python's gb18030 codec, independently of iconv-lite.
 */
const h = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const golden = (...parts: (Buffer | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'ascii') : p)));

const INIT = h('1b40');
const CN_ON = h('1c26');
const CENTER = h('1b6101');
const BIG = (w: number, hgt: number) =>
  h(`1b4501 1d21${(((w - 1) << 4) | (hgt - 1)).toString(16).padStart(2, '0')}`);
const NORMAL = h('1d2100 1b4500');
const LF = h('0a');
const QR = (cell: number) =>
  golden(
    h(`1d286b03003143${cell.toString(16).padStart(2, '0')}`), // module size
    h('1d286b0300314531'), // ECC M
    h('1d286b 1b00 315030'), // store: pL = 0x1b = 24 URL bytes + 3
    'https://q.example/t/A012',
    h('1d286b0300315130'), // print
  );
const MODEL2 = h('1d286b040031413200');
const END = h('1b6404 1d5600');

const base: TicketPrintData = {
  hallName: 'City Hall',
  serviceName: 'Passports',
  code: 'A012',
  ahead: 3,
  estimatedWaitMinutes: 12,
  issuedAt: '2026-03-01T06:05:00Z',
  timezone: 'Asia/Shanghai',
  locale: 'en',
  trackUrl: 'https://q.example/t/A012',
};

describe('renderTicket golden buffers', () => {
  it('80 mm, English, no CJK font', () => {
    // biome-ignore format: one printed line per row
    const expected = golden(
      INIT, CENTER,
      BIG(2, 2), 'City Hall', LF, NORMAL,
      'Passports', LF, LF,
      BIG(4, 4), 'A012', LF, NORMAL, LF,
      '3 people ahead', LF,
      'Estimated wait 12 min', LF, LF,
      MODEL2, QR(6),
      'Scan to follow your turn', LF,
      'Issued 2026-03-01 14:05', LF, // 06:05 UTC is 14:05 in Shanghai
      END,
    );
    expect(renderTicket(base, { paper: '80mm', chinese: 'none' })).toEqual(expected);
  });

  it('58 mm, English: wraps at 32 columns, strips accents, priority mark, no wait line', () => {
    const ticket: TicketPrintData = {
      ...base,
      hallName: 'Prefecture de Lyon',
      serviceName: 'Titres de séjour',
      ahead: 1,
      estimatedWaitMinutes: null,
      priority: true,
      footer: 'Thank you for your patience, see you soon',
    };
    // biome-ignore format: one printed line per row
    const expected = golden(
      INIT, CENTER,
      BIG(2, 2), 'Prefecture de', LF, 'Lyon', LF, NORMAL, // 16 columns at double width
      'Titres de sejour', LF, LF,
      BIG(2, 1), 'PRIORITY', LF, NORMAL,
      BIG(3, 3), 'A012', LF, NORMAL, LF,
      '1 person ahead', LF, LF,
      MODEL2, QR(4),
      'Scan to follow your turn', LF,
      'Issued 2026-03-01 14:05', LF,
      'Thank you for your patience, see', LF, 'you soon', LF,
      END,
    );
    expect(renderTicket(ticket, { paper: '58mm', chinese: 'none' })).toEqual(expected);
  });

  const zh: TicketPrintData = { ...base, hallName: '市民服务中心', serviceName: '户籍办理', locale: 'zh-CN' };

  it('80 mm, Chinese native: FS & then GB18030 double bytes', () => {
    const ticket = { ...zh, header: '欢迎光临', priority: true, code: 'B007' };
    // biome-ignore format: one printed line per row
    const expected = golden(
      INIT, CN_ON, CENTER,
      h('bbb6d3adb9e2c1d9'), LF, // 欢迎光临
      BIG(2, 2), h('cad0c3f1b7fecef1d6d0d0c4'), LF, NORMAL, // 市民服务中心
      h('bba7bcaeb0ecc0ed'), LF, LF, // 户籍办理
      BIG(2, 1), h('d3c5cfc8'), LF, NORMAL, // 优先
      BIG(4, 4), 'B007', LF, NORMAL, LF,
      h('c7b0c3e6bbb9d3d0'), ' 3 ', h('c8cb'), LF, // 前面还有 3 人
      h('d4a4bcc6b5c8baf2'), ' 12 ', h('b7d6d6d3'), LF, LF, // 预计等候 12 分钟
      MODEL2, QR(6),
      h('c9a8c2ebb2e9bfb4c5c5b6d3bdf8b6c8'), LF, // 扫码查看排队进度
      h('c8a1bac5cab1bce4'), ' 2026-03-01 14:05', LF, // 取号时间
      END,
    );
    expect(renderTicket(ticket, { paper: '80mm', chinese: 'native' })).toEqual(expected);
  });

  it('58 mm, Chinese native: a 4-byte GB18030 character becomes ?, long names wrap at 16 CJK columns', () => {
    const ticket = { ...zh, hallName: '𠮷市民服务中心政务大厅', serviceName: '户籍办理' };
    // biome-ignore format: one printed line per row
    const expected = golden(
      INIT, CN_ON, CENTER,
      BIG(2, 2), '?', h('cad0c3f1b7fecef1d6d0d0c4 d5fe'), LF, // ?市民服务中心政 (15 cols)
      h('cef1b4f3ccfc'), LF, NORMAL, // 务大厅
      h('bba7bcaeb0ecc0ed'), LF, LF,
      BIG(3, 3), 'A012', LF, NORMAL, LF,
      h('c7b0c3e6bbb9d3d0'), ' 3 ', h('c8cb'), LF,
      h('d4a4bcc6b5c8baf2'), ' 12 ', h('b7d6d6d3'), LF, LF,
      MODEL2, QR(4),
      h('c9a8c2ebb2e9bfb4c5c5b6d3bdf8b6c8'), LF,
      h('c8a1bac5cab1bce4'), ' 2026-03-01 14:05', LF,
      END,
    );
    expect(renderTicket(ticket, { paper: '58mm', chinese: 'native' })).toEqual(expected);
  });

  it('says why there is no wait line: past closing time, or no counter open yet', () => {
    const past = { ...zh, estimatedWaitMinutes: null, estimateStatus: 'after_closing' as const };
    // biome-ignore format: one printed line per row
    const expected = golden(
      INIT, CN_ON, CENTER,
      BIG(2, 2), h('cad0c3f1b7fecef1d6d0d0c4'), LF, NORMAL,
      h('bba7bcaeb0ecc0ed'), LF, LF,
      BIG(4, 4), 'A012', LF, NORMAL, LF,
      h('c7b0c3e6bbb9d3d0'), ' 3 ', h('c8cb'), LF,
      h('bdf1c8d5bfc9c4dcb0ecc0edb2bbb5bd'), LF, LF, // 今日可能办理不到
      MODEL2, QR(6),
      h('c9a8c2ebb2e9bfb4c5c5b6d3bdf8b6c8'), LF,
      h('c8a1bac5cab1bce4'), ' 2026-03-01 14:05', LF,
      END,
    );
    expect(renderTicket(past, { paper: '80mm', chinese: 'native' })).toEqual(expected);
    const english = (t: TicketPrintData) =>
      renderTicket(t, { paper: '58mm', chinese: 'none' }).toString('latin1');
    const none = { ...base, estimatedWaitMinutes: null };
    expect(english({ ...none, estimateStatus: 'after_closing' })).toContain('\nMay not be served today\n');
    expect(english({ ...none, estimateStatus: 'no_counter_open' })).toContain(
      '\nNo counter serving this yet\n',
    );
    expect(english({ ...none, estimateStatus: 'ok' })).not.toMatch(/served today|serving this|Estimated/);
    // Minutes win: a status never prints beside them.
    expect(english({ ...base, estimateStatus: 'after_closing' })).not.toContain('served today');
    const zhNone = renderTicket(
      { ...zh, estimatedWaitMinutes: null, estimateStatus: 'no_counter_open' },
      { paper: '80mm', chinese: 'native' },
    );
    expect(zhNone.includes(h('d4ddcedeb4b0bfdab0ecc0edb4cbd2b5cef1'))).toBe(true); // 暂无窗口办理此业务
  });

  it('prints English labels when the printer has no CJK font, even for a zh-CN ticket', () => {
    const text = renderTicket(zh, { paper: '80mm', chinese: 'none' }).toString('latin1');
    expect(text).toContain('3 people ahead');
    expect(text).toContain('??????'); // the hall name cannot be printed without a font
  });

  it("chinese: 'image' with a missing font file fails with an error naming the imageFont option", () => {
    const render = () =>
      renderTicket(zh, { paper: '80mm', chinese: 'image', imageFont: '/nonexistent/font.ttc' });
    expect(render).toThrow(ChineseFontNotFoundError);
    expect(render).toThrow(/imageFont/);
  });
});
