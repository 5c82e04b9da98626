import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, encodeAnswer, GZIP_FROM_BYTES } from './answer.js';

describe('encodeAnswer', () => {
  const large = { rows: Array.from({ length: 2_000 }, (_, i) => ({ key: `k${i}`, label: '窗口', n: i })) };

  it('gzips a large answer when asked, to exactly the JSON text', () => {
    const encoded = encodeAnswer(large, true);
    expect(encoded).toBeInstanceOf(Uint8Array);
    const bytes = encoded as Uint8Array;
    expect(gunzipSync(bytes).toString()).toBe(JSON.stringify(large));
    expect(bytes.byteLength).toBeLessThan(JSON.stringify(large).length / 4);
    // Its own buffer: moving it to another thread moves nothing else.
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });

  it('answers text when gzip is not accepted, or the answer is small', () => {
    expect(encodeAnswer(large, false)).toBe(JSON.stringify(large));
    const small = { rows: [{ key: 'a' }] };
    expect(JSON.stringify(small).length).toBeLessThan(GZIP_FROM_BYTES);
    expect(encodeAnswer(small, true)).toBe(JSON.stringify(small));
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['x-gzip', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['deflate, br', false],
    ['identity', false],
    ['', false],
  ])('%j → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });

  it('reads a missing header as no', () => {
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
