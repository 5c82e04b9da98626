/**
 * Just enough WAV for the voice build: read 16-bit PCM mono (what espeak-ng writes), cut the
 * silence espeak-ng puts around every word, write it back. Clips played back to back with their
 * own silence would sound like a word a second.
 */

export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

export function readWav(buf: Buffer): Pcm {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not a RIFF/WAVE file');
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    // espeak-ng writing to a pipe leaves the sizes at their maximum: clamp to what is there.
    const size = Math.min(buf.readUInt32LE(offset + 4), buf.length - offset - 8);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (buf.readUInt16LE(body) !== 1) throw new Error('WAV is not PCM');
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (channels !== 1 || bits !== 16)
        throw new Error(`expected 16-bit mono, got ${bits}-bit × ${channels}`);
      const samples = new Int16Array(Math.floor(size / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(body + i * 2);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV has no data chunk');
}

export function writeWav({ sampleRate, samples }: Pcm): Buffer {
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples.length * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i] ?? 0, 44 + i * 2);
  return buf;
}

/** Cuts leading and trailing samples under `threshold` of full scale, keeping `padMs` of each. */
export function trimSilence(pcm: Pcm, threshold = 0.01, padMs = 15): Pcm {
  const limit = threshold * 32768;
  const { samples } = pcm;
  let start = 0;
  while (start < samples.length && Math.abs(samples[start] ?? 0) < limit) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1] ?? 0) < limit) end--;
  if (start >= end) return { sampleRate: pcm.sampleRate, samples: new Int16Array(0) };
  const pad = Math.round((pcm.sampleRate * padMs) / 1000);
  return {
    sampleRate: pcm.sampleRate,
    samples: samples.slice(Math.max(0, start - pad), Math.min(samples.length, end + pad)),
  };
}
