import type { Speaker, Utterance } from './queue.js';

export interface SpeechRecord {
  lang: string;
  text: string;
  /** Date.now() when the utterance started and ended (null while it is being spoken). */
  at: number;
  end: number | null;
}

/**
 * `window.__guichetSpeech`: what the board said, for tests and for a technician's console, and
 * a way to substitute the speaker (a test simulates utterance durations; a site could plug in an
 * offline TTS). Always on; the log keeps the last LOG_LIMIT utterances only.
 */
export interface SpeechHook {
  log: SpeechRecord[];
  chimes: number;
  dropped: number;
  setSpeaker(speaker: Speaker | null): void;
  /** Announcements waiting their turn. */
  pending(): number;
  /** Nothing being announced and nothing waiting. */
  idle(): boolean;
}

const LOG_LIMIT = 100;

declare global {
  interface Window {
    __guichetSpeech?: SpeechHook;
  }
}

export function installSpeechHook(defaultSpeaker: Speaker, pending: () => number, busy: () => boolean) {
  let injected: Speaker | null = null;
  const hook: SpeechHook = {
    log: [],
    chimes: 0,
    dropped: 0,
    setSpeaker(speaker) {
      injected = speaker;
    },
    pending,
    idle: () => !busy() && pending() === 0,
  };
  if (typeof window !== 'undefined') window.__guichetSpeech = hook;
  return {
    hook,
    speaker: (): Speaker => injected ?? defaultSpeaker,
    record(u: Utterance): () => void {
      const entry: SpeechRecord = { lang: u.lang, text: u.text, at: Date.now(), end: null };
      hook.log.push(entry);
      if (hook.log.length > LOG_LIMIT) hook.log.splice(0, hook.log.length - LOG_LIMIT);
      return () => {
        entry.end = Date.now();
      };
    },
  };
}
