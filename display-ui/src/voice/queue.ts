import type { CallView, Locale } from '@guichet/server/protocol';
import { callClips } from './clips.js';
import { callPhrase, SPEECH_LANG } from './phrases.js';

export interface Utterance {
  /** BCP 47 tag for a speech engine ("zh-CN", "en-US"). */
  lang: string;
  text: string;
  /** The same call as prompt clip ids, for the clip player (voice/clips.ts). */
  clips?: string[];
}

/** Speaks one utterance; resolves when it has finished (or failed). Never overlaps: the queue awaits it. */
export interface Speaker {
  /** Whether this speaker can say something in this language (speechSynthesis: a voice exists). */
  canSpeak(lang: string): boolean;
  speak(u: Utterance): Promise<void>;
}

export interface Chime {
  play(): Promise<void>;
}

export interface QueueOptions {
  speaker: () => Speaker;
  chime: Chime;
  locales: () => Locale[];
  repeat: () => number;
  enabled: () => boolean;
  /** A call found in a resync snapshot older than this (at the snapshot's time) is shown but not read out. */
  staleMs?: number;
  /** Pending announcements beyond this are dropped, oldest first (a hall calling faster than speech). */
  maxPending?: number;
  /** Pause between two announcements so they are heard as separate calls. */
  gapMs?: number;
  /** Told when an utterance starts; the function it returns is called when it ends. */
  onSpeak?: (u: Utterance) => (() => void) | undefined;
}

interface Pending {
  key: string;
  ticketId: string;
  call: CallView;
}

export type EnqueueResult = 'queued' | 'merged' | 'stale' | 'duplicate' | 'disabled';

/**
 * Where a call reached the board. 'live': a `ticket:called` delta, made just now by definition,
 * always read out. `{snapshotAt}`: found in a (re)sync snapshot's recentCalls, taken at server
 * time `snapshotAt`; its age is judged on the server's clock alone, never the PC's (which NTP may
 * correct at any time), so a call made during an outage is read only if still fresh.
 */
export type CallOrigin = 'live' | { snapshotAt: number };

const REMEMBERED_KEYS = 256;

/**
 * Announcements, strictly one at a time: chime, then the call in each language in turn, repeated.
 * A call is announced once per (ticket, callCount, calledAt): a recall or a call-back is heard
 * again; the same call seen twice (live, then in a resync snapshot) is not.
 */
export class AnnouncementQueue {
  private readonly pending: Pending[] = [];
  /** Insertion-ordered, bounded: keys already queued or spoken. */
  private readonly seen = new Set<string>();
  private running = false;
  private stopped = false;
  readonly staleMs: number;
  private readonly maxPending: number;
  private readonly gapMs: number;
  dropped = 0;

  constructor(private readonly o: QueueOptions) {
    this.staleMs = o.staleMs ?? 30_000;
    this.maxPending = o.maxPending ?? 12;
    this.gapMs = o.gapMs ?? 600;
  }

  get size(): number {
    return this.pending.length;
  }

  get busy(): boolean {
    return this.running;
  }

  /** Marks a call as already heard without announcing it (the board's first snapshot). */
  remember(call: CallView): void {
    this.markSeen(keyOf(call));
  }

  enqueue(call: CallView, origin: CallOrigin): EnqueueResult {
    const key = keyOf(call);
    if (this.seen.has(key)) return 'duplicate';
    this.markSeen(key);
    if (!this.o.enabled()) return 'disabled';
    if (origin !== 'live' && origin.snapshotAt - call.calledAt > this.staleMs) return 'stale';
    // The same ticket still waiting to be announced (recalled, or re-routed): say the newest once.
    const waiting = this.pending.find((p) => p.ticketId === call.ticketId);
    if (waiting) {
      waiting.key = key;
      waiting.call = call;
      return 'merged';
    }
    this.pending.push({ key, ticketId: call.ticketId, call });
    while (this.pending.length > this.maxPending) {
      this.pending.shift();
      this.dropped++;
    }
    void this.pump();
    return 'queued';
  }

  /** Drops the waiting announcements of calls taken back (no-show, park, transfer before its turn). */
  withdraw(ticketIds: string[]): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      if (ticketIds.includes(this.pending[i]!.ticketId)) this.pending.splice(i, 1);
    }
  }

  /** Stops speaking after the current utterance and forgets what is pending. */
  stop(): void {
    this.stopped = true;
    this.pending.length = 0;
  }

  private markSeen(key: string): void {
    this.seen.delete(key);
    this.seen.add(key);
    if (this.seen.size > REMEMBERED_KEYS) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.pending.shift(); next && !this.stopped; next = this.pending.shift()) {
        await this.announce(next.call);
        if (this.pending.length > 0) await delay(this.gapMs);
      }
    } finally {
      this.running = false;
    }
  }

  private async announce(call: CallView): Promise<void> {
    await this.o.chime.play().catch(() => undefined);
    const repeat = Math.max(1, Math.min(5, Math.floor(this.o.repeat())));
    for (let r = 0; r < repeat; r++) {
      for (const locale of this.o.locales()) {
        const speaker = this.o.speaker();
        const u: Utterance = {
          lang: SPEECH_LANG[locale],
          text: callPhrase(locale, call.code, call.counterNumber),
          clips: callClips(locale, call.code, call.counterNumber),
        };
        if (!speaker.canSpeak(u.lang) || this.stopped) continue;
        const ended = this.o.onSpeak?.(u);
        await speaker.speak(u).catch(() => undefined);
        ended?.();
      }
    }
  }
}

/**
 * One call of one ticket. calledAt is part of it because a parked ticket called back starts
 * again at callCount 1 (server core/counter-commands.ts), yet must be announced again.
 */
function keyOf(call: CallView): string {
  return `${call.ticketId}#${call.callCount}@${call.calledAt}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
