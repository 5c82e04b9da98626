import { BranchStream, type BranchStreamHandlers, pairDevice, takeDeviceToken } from '@guichet/server/kit';
import type { BranchSnapshot, Locale } from '@guichet/server/protocol';
import { signal } from '@preact/signals';
import { BoardState } from './board.js';
import { localesOf, resolveConfig } from './config.js';
import { SynthesisSpeaker, soundBlocked, unlockSound, webAudioChime } from './voice/browser.js';
import { installSpeechHook } from './voice/hook.js';
import { AnnouncementQueue, type Chime } from './voice/queue.js';

export type Phase = 'loading' | 'unpaired' | 'rejected' | 'board';

/** Where the board keeps its device token (from the pairing URL's `?device=`). */
const TOKEN_KEY = 'guichet.display.token';

/** With more than one locale and none pinned, the screen text alternates this often. */
export const LOCALE_ROTATION_MS = 15_000;

/**
 * The board's controller: pairing, the stream, the announcement queue and the clock. Everything
 * is created once in start(); nothing is created per call.
 */
export class DisplayApp {
  readonly phase = signal<Phase>('loading');
  /** Wall clock, for the date and time on screen only: never for how old a call is. */
  readonly now = signal(Date.now());
  /** Monotonic clock (performance.now()), for anything measured in elapsed time. */
  readonly mono = signal(performance.now());
  readonly soundBlocked = signal(false);
  board: BoardState | null = null;
  queue: AnnouncementQueue | null = null;
  /** `?lang=en` pins the screen language (a technician's check, screenshots). */
  readonly pinnedLocale: Locale | null;

  constructor(private readonly win: Window) {
    const lang = new URL(win.location.href).searchParams.get('lang');
    this.pinnedLocale = lang === 'en' || lang === 'zh-CN' ? lang : null;
  }

  locales(): Locale[] {
    if (!this.board) return ['zh-CN'];
    return localesOf(this.board.config, this.board.snapshot.value?.branch);
  }

  /** The language the screen shows now. */
  screenLocale(now: number): Locale {
    if (this.pinnedLocale) return this.pinnedLocale;
    const locales = this.locales();
    return locales[Math.floor(now / LOCALE_ROTATION_MS) % locales.length] ?? 'zh-CN';
  }

  async start(): Promise<void> {
    this.win.setInterval(() => {
      this.now.value = Date.now();
      this.mono.value = performance.now();
    }, 1000);
    const token = takeDeviceToken(TOKEN_KEY, this.win);
    if (!token) {
      this.phase.value = 'unpaired';
      return;
    }
    const device = await pairDevice(token);
    if (device) this.run(token, device.branchId, device.config);
    else this.phase.value = 'rejected';
  }

  async enableSound(): Promise<void> {
    await unlockSound();
    this.soundBlocked.value = await soundBlocked();
  }

  private run(token: string, branchId: string, rawConfig: unknown): void {
    const board = new BoardState(resolveConfig(rawConfig));
    this.board = board;
    const speech = installSpeechHook(
      new SynthesisSpeaker(),
      () => this.queue?.size ?? 0,
      () => this.queue?.busy ?? false,
    );
    const chime: Chime = {
      play: () => {
        speech.hook.chimes++;
        return webAudioChime.play();
      },
    };
    const queue = new AnnouncementQueue({
      speaker: speech.speaker,
      chime,
      locales: () => this.locales(),
      repeat: () => board.config.voice.repeat,
      enabled: () => board.config.voice.enabled,
      onSpeak: speech.record,
    });
    this.queue = queue;
    const stream = new BranchStream(
      { url: this.win.location.origin, token, branchId },
      {
        ...feedBoard(board, queue, () => {
          speech.hook.dropped = queue.dropped;
        }),
        onStatus: (s) => {
          board.connection.value = s.synced ? 'online' : 'offline';
        },
        // The token was revoked: the stream has stopped; the screen asks for pairing.
        onRejected: () => {
          this.phase.value = 'rejected';
        },
      },
    );
    this.phase.value = 'board';
    stream.start();
    if (board.config.voice.enabled) {
      void soundBlocked().then((blocked) => {
        this.soundBlocked.value = blocked;
      });
    }
  }
}

/**
 * How the stream reaches the board and the voice. A call in a live delta is new by definition and
 * always read out. The first snapshot is history: shown, not read. After an outage, a resync
 * snapshot's calls are read only if still fresh at the snapshot's own (server) time, so neither
 * the PC's clock nor its correction by NTP decides what is heard.
 */
export function feedBoard(
  board: BoardState,
  queue: Pick<AnnouncementQueue, 'enqueue' | 'remember'>,
  afterEnqueue: () => void = () => undefined,
): Required<Pick<BranchStreamHandlers, 'onSnapshot' | 'onDelta'>> {
  return {
    onSnapshot: (s: BranchSnapshot, resync: boolean) => {
      const added = board.setSnapshot(s, !resync);
      if (!resync) {
        for (const c of s.recentCalls) queue.remember(c);
        return;
      }
      for (const c of added) queue.enqueue(c, { snapshotAt: s.at });
      afterEnqueue();
    },
    onDelta: (next, delta) => {
      for (const c of board.setApplied(next, delta.call)) queue.enqueue(c, 'live');
      afterEnqueue();
    },
  };
}
