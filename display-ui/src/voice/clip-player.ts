import type { Locale } from '@guichet/server/protocol';
import { audioContext } from './browser.js';
import type { VoiceManifest } from './clips.js';
import { SPEECH_LANG } from './phrases.js';
import type { Speaker, Utterance } from './queue.js';

const SENTENCE_PAUSE_S = 0.35;

export type ClipsState =
  | { state: 'loading' }
  | { state: 'ready'; locales: Locale[]; voice: string }
  | { state: 'failed'; reason: string };

/**
 * Speaks a call by playing its prompt clips back to back on the page's one AudioContext, each
 * scheduled on the audio clock right after the previous one: no gaps from timers, nothing
 * needed from the operating system. Clips are fetched and decoded once, at start.
 */
export class ClipSpeaker implements Speaker {
  private readonly buffers = new Map<string, AudioBuffer>();
  private locales: Locale[] = [];
  private gapS = 0.04;
  status: ClipsState = { state: 'loading' };

  /** Loads `<base>voice/manifest.json` and every clip it lists; never throws. */
  async load(base: string): Promise<ClipsState> {
    this.status = await this.fetchAll(base).catch(
      (e: unknown): ClipsState => ({ state: 'failed', reason: e instanceof Error ? e.message : String(e) }),
    );
    return this.status;
  }

  canSpeak(lang: string): boolean {
    return this.localeOf(lang) !== null;
  }

  speak(u: Utterance): Promise<void> {
    const ctx = audioContext();
    const locale = this.localeOf(u.lang);
    if (ctx?.state !== 'running' || !locale || !u.clips) return Promise.resolve();
    const buffers = u.clips.map((id) => this.buffers.get(`${locale}/${id}`)).filter((b) => b !== undefined);
    if (buffers.length === 0) return Promise.resolve();
    let at = ctx.currentTime + 0.03;
    const start = at;
    const sources: AudioBufferSourceNode[] = [];
    for (const buffer of buffers) {
      const src = ctx.createBufferSource();
      src.buffer = buffer;
      src.connect(ctx.destination);
      src.start(at);
      at += buffer.duration + this.gapS;
      sources.push(src);
    }
    // A breath after each sentence, so Chinese and English are heard as two sentences.
    const seconds = at - start + SENTENCE_PAUSE_S;
    const last = sources[sources.length - 1];
    return new Promise((resolve) => {
      // `ended` may never come if the audio device goes away: a timer makes sure the queue moves on.
      const limit = setTimeout(done, (seconds + 1) * 1000);
      function done() {
        clearTimeout(limit);
        for (const src of sources) src.disconnect();
        resolve();
      }
      // One listener per sentence, on its last clip: weeks of calls leave nothing behind.
      if (last)
        last.onended = () => {
          last.onended = null;
          setTimeout(done, SENTENCE_PAUSE_S * 1000);
        };
    });
  }

  private localeOf(lang: string): Locale | null {
    const locale = (Object.keys(SPEECH_LANG) as Locale[]).find(
      (l) => SPEECH_LANG[l].toLowerCase() === lang.toLowerCase(),
    );
    return locale && this.locales.includes(locale) ? locale : null;
  }

  private async fetchAll(base: string): Promise<ClipsState> {
    const ctx = audioContext();
    if (!ctx) return { state: 'failed', reason: 'this browser has no WebAudio' };
    const res = await fetch(`${base}voice/manifest.json`, { cache: 'no-cache' });
    if (!res.ok) return { state: 'failed', reason: `voice/manifest.json: HTTP ${res.status}` };
    const manifest = (await res.json()) as VoiceManifest;
    if (typeof manifest.gapMs === 'number') this.gapS = Math.max(0, Math.min(500, manifest.gapMs)) / 1000;
    const ready: Locale[] = [];
    for (const [locale, clips] of Object.entries(manifest.locales ?? {}) as [
      Locale,
      Record<string, string>,
    ][]) {
      const loaded = await Promise.all(
        Object.entries(clips).map(async ([id, file]) => {
          const r = await fetch(`${base}voice/${file}`);
          if (!r.ok) return false;
          // decodeAudioData resamples to the context's rate: any WAV/MP3/Ogg rate a pack uses works.
          this.buffers.set(`${locale}/${id}`, await ctx.decodeAudioData(await r.arrayBuffer()));
          return true;
        }),
      );
      if (loaded.every(Boolean)) ready.push(locale);
    }
    this.locales = ready;
    if (ready.length === 0) return { state: 'failed', reason: 'the voice manifest lists no complete locale' };
    return { state: 'ready', locales: ready, voice: manifest.voice };
  }
}
