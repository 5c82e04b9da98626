/**
 * A small pure rasterizer for printing text as images (chinese: 'image'): flattens glyph outlines
 * (fontkit path commands) to polygons, fills them with a non-zero winding scanline fill into a
 * 1-bit bitmap, and packs the bitmap for ESC/POS `GS v 0`. No I/O, no native code.
 */

export interface Point {
  x: number;
  y: number;
}

/** A closed polygon; the last point connects back to the first. */
export type Polygon = Point[];

/** The outline commands fontkit's `glyph.path.commands` yields (font units, y up). */
export interface PathCommand {
  command: string;
  args: number[];
}

/** 1 bit per dot, stored one byte per dot (0 white, 1 black) for simple drawing. */
export class Bitmap {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
      throw new RangeError(`bitmap size must be positive integers, got ${width}x${height}`);
    }
    this.data = new Uint8Array(width * height);
  }

  get(x: number, y: number): number {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return 0;
    return this.data[y * this.width + x] ?? 0;
  }

  set(x: number, y: number, on = true): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.data[y * this.width + x] = on ? 1 : 0;
  }

  /** Number of black dots in rows [y0, y1) (all rows by default). */
  countInk(y0 = 0, y1 = this.height): number {
    let n = 0;
    for (let i = y0 * this.width; i < y1 * this.width; i++) n += this.data[i] ?? 0;
    return n;
  }
}

/** Affine map from outline coordinates to dot coordinates. */
export type Transform = (x: number, y: number) => Point;

/**
 * Flattens path commands to polygons. Curves are split into straight segments no longer than
 * about `tolerance` dots (measured on the control polygon after the transform).
 */
export function flattenPath(
  commands: readonly PathCommand[],
  transform: Transform,
  tolerance = 0.5,
): Polygon[] {
  const polygons: Polygon[] = [];
  let current: Polygon = [];
  let start: Point | undefined;
  let pen: Point = { x: 0, y: 0 };
  const close = () => {
    if (current.length >= 3) polygons.push(current);
    current = [];
  };
  const steps = (length: number) => Math.min(64, Math.max(1, Math.ceil(length / tolerance)));
  for (const { command, args } of commands) {
    const pts: Point[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) pts.push(transform(args[i] ?? 0, args[i + 1] ?? 0));
    switch (command) {
      case 'moveTo': {
        close();
        pen = pts[0] ?? pen;
        start = pen;
        current.push(pen);
        break;
      }
      case 'lineTo': {
        pen = pts[0] ?? pen;
        current.push(pen);
        break;
      }
      case 'quadraticCurveTo': {
        const [c, p] = pts;
        if (!c || !p) break;
        const n = steps(dist(pen, c) + dist(c, p));
        for (let k = 1; k <= n; k++) {
          const t = k / n;
          const u = 1 - t;
          current.push({
            x: u * u * pen.x + 2 * u * t * c.x + t * t * p.x,
            y: u * u * pen.y + 2 * u * t * c.y + t * t * p.y,
          });
        }
        pen = p;
        break;
      }
      case 'bezierCurveTo': {
        const [c1, c2, p] = pts;
        if (!c1 || !c2 || !p) break;
        const n = steps(dist(pen, c1) + dist(c1, c2) + dist(c2, p));
        for (let k = 1; k <= n; k++) {
          const t = k / n;
          const u = 1 - t;
          const a = u * u * u;
          const b = 3 * u * u * t;
          const d = 3 * u * t * t;
          const e = t * t * t;
          current.push({
            x: a * pen.x + b * c1.x + d * c2.x + e * p.x,
            y: a * pen.y + b * c1.y + d * c2.y + e * p.y,
          });
        }
        pen = p;
        break;
      }
      case 'closePath': {
        close();
        if (start) pen = start;
        break;
      }
      default:
        throw new Error(`unknown path command: ${command}`);
    }
  }
  close();
  return polygons;
}

function dist(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/**
 * Fills polygons into the bitmap with the non-zero winding rule. A dot (x, y) covers
 * [x, x+1) × [y, y+1) and is black when its centre (x+0.5, y+0.5) is inside. Overlapping
 * contours of the same winding (CJK fonts overlap strokes) stay filled; a contour wound the
 * other way cuts a hole.
 */
export function fillPolygons(bitmap: Bitmap, polygons: readonly Polygon[]): void {
  interface Edge {
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    dir: number;
  }
  const edges: Edge[] = [];
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const poly of polygons) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i] as Point;
      const b = poly[(i + 1) % poly.length] as Point;
      if (a.y === b.y) continue; // horizontal edges never cross a scanline centre
      const down = a.y < b.y;
      edges.push(
        down
          ? { x0: a.x, y0: a.y, x1: b.x, y1: b.y, dir: 1 }
          : { x0: b.x, y0: b.y, x1: a.x, y1: a.y, dir: -1 },
      );
      minY = Math.min(minY, a.y, b.y);
      maxY = Math.max(maxY, a.y, b.y);
    }
  }
  if (edges.length === 0) return;
  const rowStart = Math.max(0, Math.floor(minY));
  const rowEnd = Math.min(bitmap.height - 1, Math.ceil(maxY));
  const crossings: { x: number; dir: number }[] = [];
  for (let row = rowStart; row <= rowEnd; row++) {
    const sy = row + 0.5;
    crossings.length = 0;
    for (const e of edges) {
      // Half-open [y0, y1): a vertex on the scanline is counted once.
      if (sy < e.y0 || sy >= e.y1) continue;
      crossings.push({ x: e.x0 + ((sy - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
    }
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    let spanStart = 0;
    for (const c of crossings) {
      const before = winding;
      winding += c.dir;
      if (before === 0 && winding !== 0) spanStart = c.x;
      else if (before !== 0 && winding === 0) fillSpan(bitmap, row, spanStart, c.x);
    }
  }
}

/** Dots whose centre lies in [xa, xb). */
function fillSpan(bitmap: Bitmap, row: number, xa: number, xb: number): void {
  const from = Math.max(0, Math.ceil(xa - 0.5));
  const to = Math.min(bitmap.width, Math.ceil(xb - 0.5));
  const base = row * bitmap.width;
  for (let x = from; x < to; x++) bitmap.data[base + x] = 1;
}

/**
 * Packs rows MSB-first (bit 7 = leftmost dot, 1 = black), as `GS v 0` expects. Rows are padded
 * to whole bytes with white.
 */
export function packRows(bitmap: Bitmap): { bytesPerRow: number; data: Buffer } {
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  const data = Buffer.alloc(bytesPerRow * bitmap.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (!bitmap.data[y * bitmap.width + x]) continue;
      const i = y * bytesPerRow + (x >> 3);
      data[i] = (data[i] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { bytesPerRow, data };
}

/**
 * Real-time commands (`DLE EOT n`, `DLE ENQ n`, `DLE DC4 …`) are recognised by Epson printers
 * even inside image data, so an unlucky `10 04` in a bitmap would make the printer send an
 * unsolicited status byte. Each `10 04` / `10 05` / `10 14` pair becomes `18 0x`: the lone dot
 * of 0x10 gets its right neighbour (one dot thicker, invisible on paper). Returns how many
 * bytes were changed.
 */
export function scrubRealtimeSequences(data: Buffer): number {
  let changed = 0;
  for (let i = 0; i + 1 < data.length; i++) {
    const next = data[i + 1];
    if (data[i] === 0x10 && (next === 0x04 || next === 0x05 || next === 0x14)) {
      data[i] = 0x18;
      changed++;
    }
  }
  return changed;
}

/** `GS v 0 m=0 xL xH yL yH` + data: one raster image, printed at the current position. */
export function rasterImageCommand(bitmap: Bitmap): Buffer {
  const { bytesPerRow, data } = packRows(bitmap);
  if (bytesPerRow > 0xffff || bitmap.height > 0xffff) throw new RangeError('raster image too large');
  scrubRealtimeSequences(data);
  const header = Buffer.from([
    0x1d,
    0x76,
    0x30,
    0x00,
    bytesPerRow & 0xff,
    bytesPerRow >> 8,
    bitmap.height & 0xff,
    bitmap.height >> 8,
  ]);
  return Buffer.concat([header, data]);
}
