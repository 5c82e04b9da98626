import type { Chime, Speaker, Utterance } from './queue.js';

/** One AudioContext for the life of the page (browsers cap how many a page may create). */
let audio: AudioContext | null = null;

export function audioContext(): AudioContext | null {
  if (audio) return audio;
  const Ctor = globalThis.AudioContext;
  if (!Ctor) return null;
  try {
    audio = new Ctor();
  } catch {
    return null;
  }
  return audio;
}

/**
 * Whether the browser still blocks sound until a gesture. Chromium starts an AudioContext
 * 'suspended' without a gesture unless launched with --autoplay-policy=no-user-gesture-required.
 */
export async function soundBlocked(): Promise<boolean> {
  const ctx = audioContext();
  if (!ctx) return false;
  if (ctx.state === 'running') return false;
  await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
  return (ctx.state as string) !== 'running';
}

/** Called from the "enable sound" tap: a gesture unlocks both WebAudio and speech. */
export async function unlockSound(): Promise<boolean> {
  const ctx = audioContext();
  await ctx?.resume().catch(() => undefined);
  const synth = globalThis.speechSynthesis;
  if (synth) {
    const silent = new SpeechSynthesisUtterance(' ');
    silent.volume = 0;
    synth.speak(silent);
  }
  return !ctx || ctx.state === 'running';
}

/** A two-tone "ding-dong" from oscillators: no audio file to load, works offline. */
export const webAudioChime: Chime = {
  play() {
    const ctx = audioContext();
    if (ctx?.state !== 'running') return Promise.resolve();
    const start = ctx.currentTime + 0.05;
    const notes: [number, number][] = [
      [659.25, 0],
      [523.25, 0.45],
    ];
    for (const [freq, offset] of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.9);
      osc.connect(gain).connect(ctx.destination);
      osc.onended = () => {
        osc.disconnect();
        gain.disconnect();
      };
      osc.start(start + offset);
      osc.stop(start + offset + 0.95);
    }
    return new Promise((resolve) => setTimeout(resolve, 1500));
  },
};

/**
 * speechSynthesis, one utterance at a time. Keeps a reference to the utterance being spoken
 * (Chromium drops `end` events of utterances that were garbage-collected) and gives up after a
 * generous time so a lost `end` event cannot stall the queue for ever.
 */
export class SynthesisSpeaker implements Speaker {
  private current: SpeechSynthesisUtterance | null = null;

  canSpeak(lang: string): boolean {
    return this.voiceFor(lang) !== null;
  }

  speak(u: Utterance): Promise<void> {
    const synth = globalThis.speechSynthesis;
    const voice = this.voiceFor(u.lang);
    if (!synth || !voice) return Promise.resolve();
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(u.text);
      utterance.lang = u.lang;
      utterance.voice = voice;
      utterance.rate = 0.9;
      this.current = utterance;
      const limit = setTimeout(
        () => {
          synth.cancel();
          done();
        },
        4000 + u.text.length * 400,
      );
      const done = () => {
        clearTimeout(limit);
        utterance.onend = null;
        utterance.onerror = null;
        if (this.current === utterance) this.current = null;
        resolve();
      };
      utterance.onend = done;
      utterance.onerror = done;
      synth.speak(utterance);
    });
  }

  private voiceFor(lang: string): SpeechSynthesisVoice | null {
    const voices = globalThis.speechSynthesis?.getVoices() ?? [];
    const base = lang.slice(0, 2).toLowerCase();
    return (
      voices.find((v) => v.lang.replace('_', '-').toLowerCase() === lang.toLowerCase()) ??
      voices.find((v) => v.lang.toLowerCase().startsWith(base)) ??
      null
    );
  }
}
