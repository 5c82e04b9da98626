import iconv from 'iconv-lite';

/**
 * GB2312 (GB/T 2312-1980) in EUC-CN form, and nothing beyond it. iconv-lite's 'gb2312' is an
 * alias of cp936/GBK, which also encodes ~14,000 characters a GB2312-only display cannot draw
 * (們 → 82 83). So we take the GBK mapping, which agrees with GB2312 on every GB2312 cell, and
 * keep only the cells GB2312 assigns. The table is the one in drivers/README.md (QLP/1 text);
 * it was checked against Python's strict 'gb2312' codec and glibc's GB2312 charmap: 7445 cells.
 */

/** Assigned trail-byte ranges per lead byte; rows not listed are fully assigned A1..FE. */
// biome-ignore format: one row per line reads like the standard's table
const PARTIAL_ROWS: ReadonlyMap<number, readonly (readonly [number, number])[]> = new Map([
  [0xa2, [[0xb1, 0xe2], [0xe5, 0xee], [0xf1, 0xfc]]], // row 2: numbered list marks, roman numerals
  [0xa4, [[0xa1, 0xf3]]], // row 4: hiragana
  [0xa5, [[0xa1, 0xf6]]], // row 5: katakana
  [0xa6, [[0xa1, 0xb8], [0xc1, 0xd8]]], // row 6: Greek
  [0xa7, [[0xa1, 0xc1], [0xd1, 0xf1]]], // row 7: Cyrillic
  [0xa8, [[0xa1, 0xba], [0xc5, 0xe9]]], // row 8: pinyin, bopomofo
  [0xa9, [[0xa4, 0xef]]], // row 9: box drawing
  [0xd7, [[0xa1, 0xf9]]], // row 55: last level-1 hanzi row
]);

/** Rows 1, 3 and 16..87 (lead A1, A3, B0..F7) are complete; rows 10..15 (AA..AF) are empty. */
export function isGb2312Pair(lead: number, trail: number): boolean {
  if (trail < 0xa1 || trail > 0xfe) return false;
  if (lead === 0xa1 || lead === 0xa3 || (lead >= 0xb0 && lead <= 0xf7 && lead !== 0xd7)) return true;
  return PARTIAL_ROWS.get(lead)?.some(([lo, hi]) => trail >= lo && trail <= hi) ?? false;
}

/** GB2312 maps these two cells to U+30FB and U+2015; GBK to U+00B7 and U+2014. Accept both. */
const GB2312_ONLY_FORMS: Readonly<Record<string, string>> = { '\u30fb': '\u00b7', '\u2015': '\u2014' };

/** Replacement for a character outside GB2312 (documented in the QLP/1 spec). */
export const GB2312_REPLACEMENT = '?';

/**
 * One character → its bytes: printable ASCII as one byte, GB2312 as two, anything else
 * (GBK-only, 4-byte GB18030, emoji, control characters) as null.
 */
export function encodeGb2312Char(ch: string): Buffer | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp < 0x7f) return Buffer.from([cp]);
  if (cp < 0x80) return null;
  const bytes = iconv.encode(GB2312_ONLY_FORMS[ch] ?? ch, 'gbk');
  if (bytes.length !== 2 || !isGb2312Pair(bytes[0] ?? 0, bytes[1] ?? 0)) return null;
  return bytes;
}

/** Text → GB2312 bytes; characters outside GB2312 become GB2312_REPLACEMENT. */
export function encodeGb2312(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text.normalize('NFC')) {
    parts.push(encodeGb2312Char(ch) ?? Buffer.from(GB2312_REPLACEMENT));
  }
  return Buffer.concat(parts);
}

/**
 * Bytes → text as a GB2312-only display reads them: a byte ≥ 0x80 starts a double-byte cell;
 * an unassigned pair is one blank cell drawn as U+FFFD here so tests can see it.
 */
export function decodeGb2312(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    const trail = bytes[i + 1] ?? 0;
    out += isGb2312Pair(b, trail) ? iconv.decode(bytes.subarray(i, i + 2), 'gbk') : '\ufffd';
    i++;
  }
  return out;
}
