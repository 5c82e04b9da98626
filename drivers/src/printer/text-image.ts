import type { Font } from 'fontkit';
import { Bitmap, fillPolygons, flattenPath, type PathCommand } from './raster.js';
import { charWidth } from './text-width.js';

/**
 * Lays text out with a font (fontkit shaping: advances, kerning) and rasterizes it to 1-bit
 * line images as wide as the paper. Pure: the font object is passed in.
 */

/** The subset of a fontkit Font this module uses (tests may pass a fake). */
export type LayoutFont = Pick<Font, 'unitsPerEm' | 'layout'>;

export interface TextImageOptions {
  /** Image width in dots: the paper's printable width (576 on 80 mm, 384 on 58 mm). */
  width: number;
  /** Em size in dots: 24 for normal text (like a 24×24 printer CJK font), 48 for headings. */
  pixelSize: number;
  align: 'left' | 'center';
  /** Thickens strokes by pixelSize/24 dots to the right, like ESC E on the text path. */
  bold?: boolean;
}

/** Rows of one line image: the em plus a quarter for line spacing (24 → 30 dots). */
export function lineHeight(pixelSize: number): number {
  return Math.round(pixelSize * 1.25);
}

/** Advance width of `text` in dots at `pixelSize`. */
export function measureText(font: LayoutFont, text: string, pixelSize: number): number {
  const run = font.layout(text);
  let units = 0;
  for (const p of run.positions) units += p.xAdvance;
  return (units * pixelSize) / font.unitsPerEm;
}

/** Words, single spaces and single CJK characters: a line may break before any of them. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (ch === ' ' || charWidth(ch.codePointAt(0) ?? 0) === 2) {
      if (word) out.push(word);
      word = '';
      out.push(ch);
    } else {
      word += ch;
    }
  }
  if (word) out.push(word);
  return out;
}

/**
 * Wraps text to lines no wider than `width` dots. Breaks at spaces and between CJK characters;
 * a word wider than a line is cut between characters. '\n' starts a new line.
 */
export function wrapTextToWidth(font: LayoutFont, text: string, width: number, pixelSize: number): string[] {
  const lines: string[] = [];
  const fits = (s: string) => measureText(font, s, pixelSize) <= width;
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const token of tokens(paragraph)) {
      if (fits(line + token)) {
        line += token;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = token === ' ' ? '' : token;
      if (fits(line)) continue;
      // A single token wider than the line: cut it between characters.
      let part = '';
      for (const ch of line) {
        if (part && !fits(part + ch)) {
          lines.push(part);
          part = '';
        }
        part += ch;
      }
      line = part;
    }
    if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  }
  return lines;
}

/** One line of text as an image `width` × lineHeight(pixelSize); text past the width is clipped. */
export function renderTextLine(font: LayoutFont, text: string, opts: TextImageOptions): Bitmap {
  const scale = opts.pixelSize / font.unitsPerEm;
  const bitmap = new Bitmap(opts.width, lineHeight(opts.pixelSize));
  const baseline = Math.round(opts.pixelSize * 0.9);
  const run = font.layout(text);
  const textWidth = measureText(font, text, opts.pixelSize);
  const x0 = opts.align === 'center' ? Math.max(0, Math.floor((opts.width - textWidth) / 2)) : 0;
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    const ox = x0 + (pen + (pos?.xOffset ?? 0)) * scale;
    const oy = (pos?.yOffset ?? 0) * scale;
    const commands = glyph.path.commands as PathCommand[];
    fillPolygons(
      bitmap,
      flattenPath(commands, (x, y) => ({ x: ox + x * scale, y: baseline - oy - y * scale })),
    );
    pen += pos?.xAdvance ?? 0;
  });
  if (opts.bold) embolden(bitmap, Math.max(1, Math.round(opts.pixelSize / 24)));
  return bitmap;
}

/** Wraps and renders: one image per printed line. */
export function renderTextImages(font: LayoutFont, text: string, opts: TextImageOptions): Bitmap[] {
  return wrapTextToWidth(font, text, opts.width, opts.pixelSize).map((line) =>
    renderTextLine(font, line, opts),
  );
}

function embolden(bitmap: Bitmap, dots: number): void {
  const { width, height, data } = bitmap;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = width - 1; x >= 0; x--) {
      for (let k = 1; k <= dots && !data[row + x]; k++) {
        if (x - k >= 0 && data[row + x - k]) data[row + x] = 2; // 2: added, not a source for further dots
      }
    }
    for (let x = 0; x < width; x++) if (data[row + x]) data[row + x] = 1;
  }
}
