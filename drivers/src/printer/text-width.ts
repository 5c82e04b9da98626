/**
 * East-Asian width for receipt layout. A printer in Chinese mode draws a CJK glyph over two
 * ASCII cells (24 dots on an 80 mm head), so `.length` is the wrong measure: node-thermal-printer
 * wraps by `.length`, which is why we lay tickets out ourselves (devices.md §1.4.6).
 */

/** Ranges of East Asian Wide (W) and Fullwidth (F) code points, from Unicode EastAsianWidth.txt. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

/** Columns one code point occupies: 0 for control and combining marks, 2 for wide, else 1. */
export function charWidth(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (codePoint >= 0x300 && codePoint <= 0x36f) return 0;
  for (const [lo, hi] of WIDE_RANGES) {
    if (codePoint >= lo && codePoint <= hi) return 2;
  }
  return 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

function isWide(ch: string): boolean {
  return charWidth(ch.codePointAt(0) ?? 0) === 2;
}

/** Cuts `text` to at most `columns` columns without splitting a character. */
export function truncateToWidth(text: string, columns: number): string {
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0) ?? 0);
    if (width + w > columns) break;
    out += ch;
    width += w;
  }
  return out;
}

/**
 * Splits text into tokens that must not be broken: runs of non-space Latin characters (words)
 * and single CJK characters (Chinese has no spaces; a line may break between any two of them).
 */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  for (const ch of text) {
    if (ch === ' ' || isWide(ch)) {
      if (word) tokens.push(word);
      word = '';
      tokens.push(ch);
    } else {
      word += ch;
    }
  }
  if (word) tokens.push(word);
  return tokens;
}

/**
 * Wraps text to lines of at most `columns` columns. Breaks at spaces and between CJK
 * characters; a Latin word longer than a line is cut hard. Explicit '\n' starts a new line.
 */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError(`wrapText needs at least 2 columns, got ${columns}`);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let token of tokenize(paragraph)) {
      if (token === ' ' && line === '') continue;
      while (textWidth(token) > columns) {
        // A word wider than the line: fill the current line, then continue on the next.
        const room = columns - textWidth(line);
        const head = truncateToWidth(token, room);
        if (head === '') {
          lines.push(line.trimEnd());
          line = '';
          continue;
        }
        lines.push(line + head);
        line = '';
        token = token.slice(head.length);
      }
      if (textWidth(line) + textWidth(token) > columns) {
        lines.push(line.trimEnd());
        line = token === ' ' ? '' : token;
      } else {
        line += token;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
