import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeGb2312, encodeGb2312, isGb2312Pair } from './gb2312.js';
import { createQlp1Protocol, decodeQlpFrame } from './protocols/qlp1.js';

/**
 * An independent GB2312-only decoder: glibc's GB2312 charmap (Debian `locales`), which lists
 * exactly the 7445 GB2312 cells and nothing of GBK. A display built for GB2312 reads like this.
 */
const CHARMAP = '/usr/share/i18n/charmaps/GB2312.gz';
const skipReason = existsSync(CHARMAP) ? null : `${CHARMAP} missing (apt-get install locales)`;
if (skipReason) console.warn(`[gb2312] charmap checks skipped: ${skipReason}`);

function loadCharmap(): Map<number, string> {
  const map = new Map<number, string>();
  for (const line of gunzipSync(readFileSync(CHARMAP)).toString('latin1').split('\n')) {
    const m = /^<U([0-9A-F]{4,6})>\s+\/x([0-9a-f]{2})\/x([0-9a-f]{2})/.exec(line);
    if (m) map.set(Number.parseInt(`${m[2]}${m[3]}`, 16), String.fromCodePoint(Number.parseInt(m[1]!, 16)));
  }
  return map;
}

/** Strict GB2312-only decoding: throws on any pair the charmap does not have. */
function strictDecode(bytes: Buffer, map: Map<number, string>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    const ch = map.get((b << 8) | (bytes[i + 1] ?? 0));
    if (ch === undefined) throw new Error(`not GB2312: ${bytes.subarray(i, i + 2).toString('hex')}`);
    out += ch;
    i++;
  }
  return out;
}

describe.skipIf(skipReason !== null)('GB2312-only text (checked with glibc charmap)', () => {
  const map = skipReason ? new Map<number, string>() : loadCharmap();

  it('our cell table is exactly the charmap: 7445 cells, no more, no less', () => {
    expect(map.size).toBe(7445);
    let ours = 0;
    for (let lead = 0x80; lead <= 0xff; lead++)
      for (let trail = 0x40; trail <= 0xff; trail++) {
        const inOurs = isGb2312Pair(lead, trail);
        if (inOurs) ours++;
        if (inOurs !== map.has((lead << 8) | trail))
          throw new Error(`${lead.toString(16)}${trail.toString(16)}`);
      }
    expect(ours).toBe(7445);
  });

  it('QLP/1 SHOW text decodes with a GB2312-only decoder; GBK-only characters become ?', () => {
    const qlp = createQlp1Protocol();
    const frame = decodeQlpFrame(qlp.encode({ kind: 'show', text: '們喆 窗口3 请到·号—' }, 3, 1)[0]!)!;
    const text = frame.payload.subarray(2);
    expect(strictDecode(text, map)).toBe('?? 窗口3 请到・号―'); // GB2312's own forms of · and —
    expect(text.subarray(0, 2)).toEqual(Buffer.from('??')); // not 82 83 86 B4 (GBK)
  });

  it('every GB2312 hanzi round-trips; a GBK-only character never reaches the wire', () => {
    const all = [...map.values()].join('');
    expect(strictDecode(encodeGb2312(all), map)).toBe(all);
    expect(encodeGb2312('們喆𠮷😀')).toEqual(Buffer.from('????'));
    expect(decodeGb2312(Buffer.from([0x82, 0x83, 0x41]))).toBe('\ufffdA');
  });
});
