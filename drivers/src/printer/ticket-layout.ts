import type { Font } from 'fontkit';
import { loadCjkFont } from './cjk-font.js';
import { EscPosBuilder } from './escpos-builder.js';
import { rasterImageCommand } from './raster.js';
import { renderTextImages } from './text-image.js';
import { textWidth, truncateToWidth, wrapText } from './text-width.js';

export interface TicketPrintData {
  hallName: string;
  serviceName: string;
  code: string;
  ahead: number;
  estimatedWaitMinutes: number | null;
  /**
   * Why there are no minutes (the server's estimate status): 'after_closing' prints "may not be
   * served today", 'no_counter_open' that no counter serves yet; absent or 'ok', no wait line.
   */
  estimateStatus?: 'ok' | 'no_counter_open' | 'after_closing';
  /** ISO 8601 instant. */
  issuedAt: string;
  /** IANA zone the time is printed in, e.g. 'Asia/Shanghai'. */
  timezone: string;
  locale: 'zh-CN' | 'en';
  /** ASCII URL (URL-encode anything else) shown as a QR code. */
  trackUrl: string;
  header?: string;
  footer?: string;
  priority?: boolean;
}

export type Paper = '80mm' | '58mm';
/**
 * native: the printer has a GB2312/GB18030 font (FS & + GB18030 bytes).
 * none: no CJK font; labels are printed in English, other non-ASCII text becomes '?'.
 * image: no CJK font in the printer (Western Epson TM models): every line with a non-ASCII
 *   character is rasterized with a CJK font file and sent as a `GS v 0` image; ASCII lines, the
 *   ticket code and the QR code stay text/commands.
 */
export type ChineseMode = 'native' | 'image' | 'none';

export interface TicketLayoutOptions {
  paper: Paper;
  chinese: ChineseMode;
  /**
   * chinese: 'image' only: CJK font file (.ttf/.otf/.ttc; in a collection the Simplified Chinese
   * face is used). Default: the first existing of DEFAULT_CJK_FONT_PATHS (fonts-noto-cjk first).
   */
  imageFont?: string;
}

/** Printable width in dots (203 dpi): 72 mm on 80 mm paper, 48 mm on 58 mm paper. */
export const PAPER_DOTS: Record<Paper, number> = { '80mm': 576, '58mm': 384 };

/** Em size of rasterized text in dots: a printer's CJK font is 24×24 dots. */
export const IMAGE_TEXT_DOTS = 24;

/** Font A columns per line: 576 dots / 12 on 80 mm, 384 dots / 12 on 58 mm. */
export const PAPER_COLUMNS: Record<Paper, number> = { '80mm': 48, '58mm': 32 };

interface Labels {
  ahead(n: number): string;
  wait(minutes: number): string;
  afterClosing: string;
  noCounterOpen: string;
  issued(time: string): string;
  scan: string;
  priority: string;
}

const LABELS: Record<TicketPrintData['locale'], Labels> = {
  'zh-CN': {
    ahead: (n) => `前面还有 ${n} 人`,
    wait: (m) => `预计等候 ${m} 分钟`,
    afterClosing: '今日可能办理不到',
    noCounterOpen: '暂无窗口办理此业务',
    issued: (t) => `取号时间 ${t}`,
    scan: '扫码查看排队进度',
    priority: '优先',
  },
  en: {
    ahead: (n) => (n === 1 ? '1 person ahead' : `${n} people ahead`),
    wait: (m) => `Estimated wait ${m} min`,
    afterClosing: 'May not be served today',
    noCounterOpen: 'No counter serving this yet',
    issued: (t) => `Issued ${t}`,
    scan: 'Scan to follow your turn',
    priority: 'PRIORITY',
  },
};

/** 'YYYY-MM-DD HH:mm' in the given zone; the ticket must show hall time, not server time. */
export function formatIssuedAt(iso: string, timezone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`issuedAt is not a date: ${iso}`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Ticket number size: 4x on 80 mm (12 columns of 4-wide cells), 3x on 58 mm. */
function codeScale(paper: Paper, code: string, columns: number): number {
  const preferred = paper === '80mm' ? 4 : 3;
  for (let scale = preferred; scale > 1; scale--) {
    if (textWidth(code) * scale <= columns) return scale;
  }
  return 1;
}

/** Printable ASCII only: such lines are printed as text in every mode. */
const ASCII_LINE = /^[\x20-\x7e]*$/;

interface LineStyle {
  /** Text size multiplier (GS ! on the text path, em size × scale on the image path). */
  scale?: number;
  bold?: boolean;
}

/**
 * Prints `text` wrapped to the paper: as text, or in image mode as raster images when it holds
 * a non-ASCII character. Size and bold must already be set on `b` for the text path.
 */
function printText(
  b: EscPosBuilder,
  text: string,
  columns: number,
  image: { font: Font; width: number } | null,
  style: LineStyle = {},
): void {
  if (!image || ASCII_LINE.test(text)) {
    for (const line of wrapText(text, columns)) b.line(line);
    return;
  }
  const bitmaps = renderTextImages(image.font, text, {
    width: image.width,
    pixelSize: IMAGE_TEXT_DOTS * (style.scale ?? 1),
    align: 'center',
    bold: style.bold,
  });
  for (const bitmap of bitmaps) b.raw(rasterImageCommand(bitmap));
}

/**
 * Renders a ticket to ESC/POS bytes. Pure: same input, same bytes (the golden tests rely on it).
 * In 'image' mode it reads the font file once per path (cached), the only I/O.
 * Layout, centred: header, hall (double size), service, priority mark, ticket code (large),
 * people ahead, estimated wait (or why there is none), QR to the tracking page, issue time,
 * footer, feed and cut.
 */
export function renderTicket(ticket: TicketPrintData, opts: TicketLayoutOptions): Buffer {
  const columns = PAPER_COLUMNS[opts.paper];
  const native = opts.chinese === 'native';
  const image =
    opts.chinese === 'image' ? { font: loadCjkFont(opts.imageFont), width: PAPER_DOTS[opts.paper] } : null;
  // Without a CJK font, Chinese labels would print as '?'; English ones are readable.
  const labels = LABELS[native || image ? ticket.locale : 'en'];
  const b = new EscPosBuilder(native ? 'gb18030' : 'ascii');
  const print = (text: string, cols = columns, style?: LineStyle) => printText(b, text, cols, image, style);

  b.init();
  if (native) b.chineseMode(true);
  b.align('center');
  if (ticket.header) print(ticket.header);

  b.bold(true).size(2, 2);
  print(ticket.hallName, columns / 2, { scale: 2, bold: true });
  b.size(1, 1).bold(false);
  print(ticket.serviceName);
  b.newline();

  if (ticket.priority) {
    b.bold(true).size(2, 1);
    print(labels.priority, columns / 2, { scale: 2, bold: true });
    b.size(1, 1).bold(false);
  }
  const scale = codeScale(opts.paper, ticket.code, columns);
  b.bold(true)
    .size(scale, scale)
    .line(truncateToWidth(ticket.code, Math.floor(columns / scale)))
    .size(1, 1)
    .bold(false);
  b.newline();

  print(labels.ahead(ticket.ahead));
  if (ticket.estimatedWaitMinutes !== null) print(labels.wait(ticket.estimatedWaitMinutes));
  else if (ticket.estimateStatus === 'after_closing') print(labels.afterClosing);
  else if (ticket.estimateStatus === 'no_counter_open') print(labels.noCounterOpen);
  b.newline();

  // An empty link (no public URL configured): the ticket is printed without a QR code.
  if (ticket.trackUrl) {
    b.qr(ticket.trackUrl, { cellSize: opts.paper === '80mm' ? 6 : 4 });
    print(labels.scan);
  }
  print(labels.issued(formatIssuedAt(ticket.issuedAt, ticket.timezone)));
  if (ticket.footer) print(ticket.footer);

  return b.feed(4).cut().build();
}
