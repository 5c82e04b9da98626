import { existsSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ticketData } from '../../test/fixtures.js';
import { type DecodedTicket, EscPosDecoder } from '../sim/escpos-decoder.js';
import { findCjkFont, loadCjkFont } from './cjk-font.js';
import { lineHeight, renderTextLine, wrapTextToWidth } from './text-image.js';
import { renderTicket, type TicketPrintData } from './ticket-layout.js';

/** CI sets GUICHET_REQUIRE_ALL=1: a missing CJK font then fails instead of skipping. */
const requireAll = process.env.GUICHET_REQUIRE_ALL === '1';
/** CJK_FONT overrides the default lookup (also how the skip and fail paths were checked). */
const fontPath = process.env.CJK_FONT ?? findCjkFont();
const fontFound = fontPath !== undefined && existsSync(fontPath);
const skipReason =
  fontFound || requireAll
    ? null
    : 'no CJK font found (apt-get install fonts-noto-cjk); set GUICHET_REQUIRE_ALL=1 to fail instead';
if (skipReason) console.warn(`[chinese image] skipped: ${skipReason}`);

const zh = ticketData({
  serviceName: '社会保险',
  header: 'Welcome',
  priority: true,
  footer: '请保管好您的号票，过号请重新取号。谢谢合作，祝您办事顺利！Thank you for waiting.',
});

function decode(bytes: Buffer): DecodedTicket {
  const tickets: DecodedTicket[] = [];
  const decoder = new EscPosDecoder({ onStatusQuery: () => {}, onCut: (t) => tickets.push(t) });
  // Byte-sized chunks too: an image split across TCP reads must still be skipped whole.
  decoder.push(bytes.subarray(0, 1000));
  decoder.push(bytes.subarray(1000));
  expect(tickets).toHaveLength(1);
  return tickets[0] as DecodedTicket;
}

describe.skipIf(skipReason !== null)("chinese: 'image' (CJK text as raster images)", () => {
  it('draws 社会保险 as four plausible glyphs, centred on the paper', () => {
    const font = loadCjkFont(fontPath);
    const bm = renderTextLine(font, '社会保险', { width: 576, pixelSize: 24, align: 'center' });
    expect(bm.width).toBe(576);
    expect(bm.height).toBe(lineHeight(24));
    let [x0, x1, y0, y1] = [bm.width, -1, bm.height, -1];
    for (let y = 0; y < bm.height; y++)
      for (let x = 0; x < bm.width; x++)
        if (bm.get(x, y))
          [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
    // Four 24-dot ideographs: about 96 dots wide, about 20 rows tall, centred on 288.
    expect(x1 - x0 + 1).toBeGreaterThan(85);
    expect(x1 - x0 + 1).toBeLessThanOrEqual(96);
    expect(y1 - y0 + 1).toBeGreaterThan(16);
    expect(y1 - y0 + 1).toBeLessThanOrEqual(24);
    expect(Math.abs((x0 + x1) / 2 - 288)).toBeLessThan(4);
    const ratio = bm.countInk(y0, y1 + 1) / ((y1 - y0 + 1) * bm.width);
    const boxRatio = bm.countInk() / ((x1 - x0 + 1) * (y1 - y0 + 1));
    expect(ratio).toBeGreaterThan(0.01); // the text rows, over the whole paper width
    expect(boxRatio).toBeGreaterThan(0.05);
    expect(boxRatio).toBeLessThan(0.6);
    // Every character cell has ink, including the leftmost and rightmost ones.
    for (let cell = 0; cell < 4; cell++) {
      let ink = 0;
      for (let y = 0; y < bm.height; y++) for (let x = 0; x < 24; x++) ink += bm.get(240 + cell * 24 + x, y);
      expect(ink, `cell ${cell}`).toBeGreaterThan(30);
    }
  });

  it('wraps by measured advance widths: 24 ideographs fit on 80 mm, not on 58 mm', () => {
    const font = loadCjkFont(fontPath);
    const text = '一二三四五六七八九十一二三四五六七八九十甲乙丙丁';
    expect(wrapTextToWidth(font, text, 576, 24)).toEqual([text]);
    expect(wrapTextToWidth(font, text, 384, 24)).toEqual([text.slice(0, 16), text.slice(16)]);
    expect(wrapTextToWidth(font, `${text} end`, 576, 24)).toEqual([text, 'end']);
  });

  for (const [paper, widthByte, dots] of [
    ['80mm', 0x48, 576],
    ['58mm', 0x30, 384],
  ] as const) {
    it(`${paper}: Chinese lines are GS v 0 images ${dots} dots wide; code, ASCII lines and QR stay text`, () => {
      const bytes = renderTicket(zh, { paper, chinese: 'image', imageFont: fontPath });
      // No Chinese mode and no GB18030 text.
      expect(bytes.includes(Buffer.from([0x1c, 0x26]))).toBe(false);
      expect(bytes.includes(iconv.encode('社会保险', 'gb18030'))).toBe(false);
      expect(bytes.includes(Buffer.from([0x10, 0x04]))).toBe(false);
      // Headers: GS v 0 m=0, xL xH = paper width / 8, normal lines 30 rows, headings 60.
      const header = Buffer.from([0x1d, 0x76, 0x30, 0x00, widthByte, 0x00]);
      expect(bytes.includes(Buffer.concat([header, Buffer.from([30, 0])]))).toBe(true);
      expect(bytes.includes(Buffer.concat([header, Buffer.from([60, 0])]))).toBe(true);

      const ticket = decode(bytes);
      expect(ticket.qr).toEqual([zh.trackUrl]);
      expect(ticket.raw).toEqual(bytes);
      const lines = ticket.text.split('\n');
      expect(ticket.text).toMatch(/^[\x20-\x7e\n]*$/); // every byte outside images is ASCII
      expect(lines).toContain('Welcome');
      expect(lines).toContain('A012');
      expect(lines[0]).toBe('Welcome');
      expect(ticket.text).not.toContain('Thank you'); // a mixed line is an image as a whole
      const images = lines.filter((l) => l.startsWith('[image'));
      for (const marker of images) expect(marker).toMatch(new RegExp(`^\\[image ${dots}x(30|60)\\]$`));
      // hall (heading), service, priority (heading), ahead, wait, scan, issued, footer (≥ 1 line)
      expect(images.length).toBeGreaterThanOrEqual(8);
      expect(lines.indexOf('A012')).toBeGreaterThan(lines.indexOf(images[2] as string));
    });
  }

  it('is deterministic: same input, same bytes', () => {
    const a = renderTicket(zh, { paper: '80mm', chinese: 'image', imageFont: fontPath });
    const b = renderTicket({ ...zh }, { paper: '80mm', chinese: 'image', imageFont: fontPath });
    expect(b.equals(a)).toBe(true);
  });

  it('an all-ASCII English ticket prints exactly like chinese: none', () => {
    const en: TicketPrintData = {
      ...zh,
      hallName: 'City Hall',
      serviceName: 'Passports',
      locale: 'en',
      footer: 'Bye',
    };
    expect(renderTicket(en, { paper: '58mm', chinese: 'image', imageFont: fontPath })).toEqual(
      renderTicket(en, { paper: '58mm', chinese: 'none' }),
    );
  });
});
