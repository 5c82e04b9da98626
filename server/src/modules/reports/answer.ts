import { constants, gzipSync } from 'node:zlib';

/**
 * A report's answer as the route sends it: JSON text, or that text gzipped when the client
 * accepts gzip and the answer is large. Encoded in the engine's thread: writing a few hundred
 * KiB to a socket costs the event loop that serves calls most of a millisecond per report (the
 * kernel's copy and, over loopback, the receiving side's work, inside the write); a tenth of
 * the bytes costs a tenth of that.
 */
export type EncodedAnswer = string | Uint8Array;

/**
 * Smaller answers go as text: compressing them saves the wire little and the client nothing.
 * Counted in characters (at most the UTF-8 bytes), so no answer over this many bytes of ASCII
 * goes uncompressed.
 */
export const GZIP_FROM_BYTES = 16 * 1024;

export function encodeAnswer(result: unknown, gzip: boolean): EncodedAnswer {
  const text = JSON.stringify(result);
  if (!gzip || text.length < GZIP_FROM_BYTES) return text;
  // The fastest level: the answer is compressed once per request, and JSON shrinks ~10× at it.
  const zipped = gzipSync(text, { level: constants.Z_BEST_SPEED });
  // A buffer of its own, so that it can be moved (not copied) to the main thread.
  return zipped.byteOffset === 0 && zipped.byteLength === zipped.buffer.byteLength
    ? zipped
    : new Uint8Array(zipped);
}

/**
 * Whether an Accept-Encoding header accepts gzip: named with a q above 0, or not named and `*`
 * accepted (RFC 9110 §12.5.3; a named coding's own q wins over `*`).
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(coding.trim(), weight === undefined ? 1 : Number(weight.slice(2)) || 0);
  }
  const named = q.get('gzip') ?? q.get('x-gzip');
  return (named ?? q.get('*') ?? 0) > 0;
}
