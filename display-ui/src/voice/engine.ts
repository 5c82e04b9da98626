import type { Locale } from '@guichet/server/protocol';
import type { ClipsState } from './clip-player.js';
import { SPEECH_LANG } from './phrases.js';
import type { Speaker, Utterance } from './queue.js';

/** Which voice a display prefers: its prompt clips (default) or the browser's own speech. */
export type VoiceEngine = 'clips' | 'browser';

/** What the board tells the server (and shows) about its voice; `off` when its config turns voice off. */
export interface VoiceStatus {
  voice: 'ok' | 'unavailable' | 'off';
  reason: string | null;
  /** Per locale, what speaks it. */
  engines: Partial<Record<Locale, VoiceEngine | null>>;
}

/**
 * Picks the speaker per utterance. The browser's speechSynthesis only when the display's config
 * chooses it and the browser has a voice for the language (Debian's Chromium has none); the
 * prompt clips otherwise.
 */
export class VoiceRouter implements Speaker {
  constructor(
    private readonly clips: Speaker,
    private readonly synth: Speaker,
    private readonly prefer: () => VoiceEngine,
  ) {}

  engineFor(lang: string): VoiceEngine | null {
    if (this.prefer() === 'browser' && this.synth.canSpeak(lang)) return 'browser';
    if (this.clips.canSpeak(lang)) return 'clips';
    return null;
  }

  canSpeak(lang: string): boolean {
    return this.engineFor(lang) !== null;
  }

  speak(u: Utterance): Promise<void> {
    const engine = this.engineFor(u.lang);
    if (engine === 'browser') return this.synth.speak(u);
    if (engine === 'clips') return this.clips.speak(u);
    return Promise.resolve();
  }
}

export interface VoiceFacts {
  enabled: boolean;
  locales: Locale[];
  clips: ClipsState;
  /** The browser still waits for a tap before it plays sound. */
  blocked: boolean;
  router: Pick<VoiceRouter, 'engineFor'>;
}

/** Null while the clips are still loading (nothing is known yet). */
export function voiceStatus(f: VoiceFacts): VoiceStatus | null {
  if (!f.enabled)
    return { voice: 'off', reason: "voice is turned off in this display's config", engines: {} };
  if (f.clips.state === 'loading') return null;
  const engines = Object.fromEntries(f.locales.map((l) => [l, f.router.engineFor(SPEECH_LANG[l])]));
  if (f.blocked)
    return {
      voice: 'unavailable',
      reason:
        'the browser blocks sound until the screen is tapped: start it with --autoplay-policy=no-user-gesture-required',
      engines,
    };
  const mute = f.locales.filter((l) => !engines[l]);
  if (mute.length > 0) {
    const why = f.clips.state === 'failed' ? f.clips.reason : 'the voice clips do not cover it';
    return {
      voice: 'unavailable',
      reason: `no voice for ${mute.join(', ')}: ${why}; no browser voice chosen or available`,
      engines,
    };
  }
  return { voice: 'ok', reason: null, engines };
}
