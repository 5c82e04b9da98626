import type { Locale } from '@guichet/server/protocol';

/*
 * The prompt clips a call is assembled from, per locale. The build (scripts/build-voice.ts)
 * makes one audio file per clip id from espeak-ng, or takes a hall's recorded voice pack; the
 * board plays the ids of a call back to back with WebAudio. Shared by both so the sequence the
 * board plays is always one the pack has.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const DIGITS = '0123456789'.split('');

/** Mandarin words as tone-numbered pinyin: Debian's espeak-ng reads many characters as English. */
const ZH_PINYIN: Record<string, string> = {
  please: 'qing3',
  hao: 'hao4',
  to: 'dao4',
  counter: 'hao4 chuang1 kou3',
  handle: 'ban4 li3',
  ten: 'shi2',
  hundred: 'bai3',
  '0': 'ling2',
  '1': 'yi1',
  '2': 'er4',
  '3': 'san1',
  '4': 'si4',
  '5': 'wu3',
  '6': 'liu4',
  '7': 'qi1',
  '8': 'ba1',
  '9': 'jiu3',
};

const EN_WORDS: Record<string, string> = {
  ticket: 'Ticket',
  'please-go-to-counter': 'please go to counter',
  hundred: 'hundred',
  ...Object.fromEntries(
    ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].map((w, i) => [
      String(i),
      w,
    ]),
  ),
  ...Object.fromEntries(
    [
      'ten',
      'eleven',
      'twelve',
      'thirteen',
      'fourteen',
      'fifteen',
      'sixteen',
      'seventeen',
      'eighteen',
      'nineteen',
    ].map((w, i) => [String(10 + i), w]),
  ),
  ...Object.fromEntries(
    ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i) => [
      String(20 + i * 10),
      w,
    ]),
  ),
};

export interface ClipSource {
  /** espeak-ng voice name. */
  voice: string;
  text: string;
}

/** Every clip id of a locale with what espeak-ng is given to say it. */
export const CLIP_SOURCES: Record<Locale, Record<string, ClipSource>> = {
  'zh-CN': {
    ...Object.fromEntries(
      Object.entries(ZH_PINYIN).map(([id, text]) => [id, { voice: 'cmn-latn-pinyin', text }]),
    ),
    // Letters are said as in English by Chinese halls too ("A 零一二").
    ...Object.fromEntries(LETTERS.map((l) => [l, { voice: 'cmn', text: l }])),
  },
  en: {
    ...Object.fromEntries(Object.entries(EN_WORDS).map(([id, text]) => [id, { voice: 'en-us', text }])),
    ...Object.fromEntries(LETTERS.map((l) => [l, { voice: 'en-us', text: l }])),
  },
};

/** Ticket codes are read character by character: the citizen matches them against the paper. */
function codeClips(code: string): string[] {
  return [...code.toUpperCase()].filter((c) => LETTERS.includes(c) || DIGITS.includes(c));
}

/** A counter number as said in Mandarin: 3 三, 12 十二, 61 六十一, 105 一百零五; above 999 digit by digit. */
function zhNumber(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) return [...String(n)].filter((c) => DIGITS.includes(c));
  if (n < 10) return [String(n)];
  if (n < 20) return ['ten', ...(n % 10 ? [String(n % 10)] : [])];
  if (n < 100) return [String(Math.floor(n / 10)), 'ten', ...(n % 10 ? [String(n % 10)] : [])];
  const rest = n % 100;
  const head = [String(Math.floor(n / 100)), 'hundred'];
  if (rest === 0) return head;
  if (rest < 10) return [...head, '0', String(rest)];
  // 110 is 一百一十, not 一百十.
  return [...head, String(Math.floor(rest / 10)), 'ten', ...(rest % 10 ? [String(rest % 10)] : [])];
}

/** A counter number as said in English: 3, 12, 61 "sixty one", 105 "one hundred five". */
function enNumber(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) return [...String(n)].filter((c) => DIGITS.includes(c));
  const under100 = (m: number): string[] =>
    m < 20 ? [String(m)] : [String(m - (m % 10)), ...(m % 10 ? [String(m % 10)] : [])];
  if (n < 100) return under100(n);
  const rest = n % 100;
  return [String(Math.floor(n / 100)), 'hundred', ...(rest ? under100(rest) : [])];
}

/** The clip ids of one call: "请 A 零 一 二 号 到 三 号窗口 办理" / "Ticket A zero one two, please go to counter three". */
export function callClips(locale: Locale, code: string, counterNumber: number): string[] {
  return locale === 'zh-CN'
    ? ['please', ...codeClips(code), 'hao', 'to', ...zhNumber(counterNumber), 'counter', 'handle']
    : ['ticket', ...codeClips(code), 'please-go-to-counter', ...enNumber(counterNumber)];
}

/** `voice/manifest.json`: what the build (or a hall's voice pack) provides. */
export interface VoiceManifest {
  format: 1;
  /** Who speaks: "espeak-ng 1.51", "Recorded by …". */
  voice: string;
  /** Clip id → file name relative to the manifest, per locale. Missing locales are not spoken. */
  locales: Partial<Record<Locale, Record<string, string>>>;
  /** Silence put between two clips, in milliseconds. */
  gapMs?: number;
}
