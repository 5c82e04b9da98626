import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

// fontkit is loaded with the first font, not at start: only a printer set to print Chinese as an
// image needs it, and loading it costs every server start a large share of its second.
const require = createRequire(import.meta.url);
const fontkit = (): typeof Fontkit => require('fontkit') as typeof Fontkit;

/**
 * Loads the CJK font used by chinese: 'image' (I/O: reads the font file once per path, then
 * serves it from a cache). The rasterizing itself is pure (text-image.ts, raster.ts).
 */

/** Tried in order when `imageFont` is not set; the first existing file is used. */
export const DEFAULT_CJK_FONT_PATHS: readonly string[] = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', // Debian/Ubuntu fonts-noto-cjk
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', // Arch noto-fonts-cjk
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', // Fedora google-noto-cjk-fonts
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', // Debian fonts-wqy-microhei
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', // Debian fonts-wqy-zenhei
  '/usr/share/fonts/truetype/arphic/uming.ttc', // Debian fonts-arphic-uming
  'C:\\Windows\\Fonts\\msyh.ttc', // Microsoft YaHei
  'C:\\Windows\\Fonts\\simhei.ttf',
  'C:\\Windows\\Fonts\\simsun.ttc',
];

/** Faces preferred inside a collection (.ttc): Simplified Chinese first. */
const PREFERRED_FACES = ['NotoSansCJKsc-Regular', 'NotoSerifCJKsc-Regular', 'MicrosoftYaHei', 'SimSun'];

export class ChineseFontNotFoundError extends Error {
  readonly code = 'CHINESE_IMAGE_FONT_MISSING';
  constructor(readonly tried: readonly string[]) {
    super(
      `chinese: 'image' needs a CJK font file: none found (tried ${tried.join(', ')}). ` +
        "Install fonts-noto-cjk or set the 'imageFont' option to a .ttf/.otf/.ttc path.",
    );
  }
}

/** The first default font path that exists, or undefined. */
export function findCjkFont(): string | undefined {
  return DEFAULT_CJK_FONT_PATHS.find((p) => existsSync(p));
}

const cache = new Map<string, Fontkit.Font>();

/** Opens `path` (or the first default path), picking the SC face of a collection. Cached per path. */
export function loadCjkFont(path?: string): Fontkit.Font {
  const file = path ?? findCjkFont();
  if (!file) throw new ChineseFontNotFoundError(DEFAULT_CJK_FONT_PATHS);
  const cached = cache.get(file);
  if (cached) return cached;
  if (!existsSync(file)) throw new ChineseFontNotFoundError([file]);
  const opened = fontkit().openSync(file);
  let font: Fontkit.Font | undefined;
  if ('fonts' in opened) {
    font =
      PREFERRED_FACES.map((name) => opened.fonts.find((f) => f.postscriptName === name)).find(Boolean) ??
      opened.fonts.find((f) => /sc|gb|hans/i.test(f.postscriptName)) ??
      opened.fonts[0];
  } else {
    font = opened;
  }
  if (!font) throw new ChineseFontNotFoundError([file]);
  cache.set(file, font);
  return font;
}
