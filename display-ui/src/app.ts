import {
  BranchStream,
  type BranchStreamHandlers,
  pairDevice,
  redeemPairingCode,
  takeDeviceToken,
} from '@guichet/server/kit';
import type { BranchSnapshot, Locale } from '@guichet/server/protocol';
import { signal } from '@preact/signals';
import { BoardState } from './board.js';
import { localesOf, resolveConfig } from './config.js';
import { SynthesisSpeaker, soundBlocked, unlockSound, webAudioChime } from './voice/browser.js';
import { ClipSpeaker } from './voice/clip-player.js';
import { VoiceRouter, type VoiceStatus, voiceStatus } from './voice/engine.js';
import { installSpeechHook } from './voice/hook.js';
import { AnnouncementQueue, type Chime } from './voice/queue.js';
import { StatusReporter } from './voice/report.js';

/** `code-refused`: the pairing link's code was unknown, used or expired. */
export type Phase = 'loading' | 'unpaired' | 'rejected' | 'code-refused' | 'board';

/** Where the board keeps its device token (from the pairing URL's `?device=`). */
const TOKEN_KEY = 'guichet.display.token';

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
  /** Null until the voice clips have loaded (or failed to). */
  readonly voice = signal<VoiceStatus | null>(null);
  board: BoardState | null = null;
  private readonly clips = new ClipSpeaker();
  private router: VoiceRouter | null = null;
  private reporter: StatusReporter | null = null;
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

  /** The languages the screen shows, all at once: the pinned one only, for a technician's check. */
  screenLocales(): Locale[] {
    return this.pinnedLocale ? [this.pinnedLocale] : this.locales();
  }

  async start(): Promise<void> {
    this.win.setInterval(() => {
      this.now.value = Date.now();
      this.mono.value = performance.now();
    }, 1000);
    if ((await redeemPairingCode(TOKEN_KEY, this.win)).kind === 'refused') {
      this.phase.value = 'code-refused';
      return;
    }
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
    this.refreshVoice();
  }

  /** Works out whether the board can speak, shows it, and tells the server when it changed. */
  refreshVoice(): void {
    const board = this.board;
    if (!board || !this.router) return;
    const status = voiceStatus({
      enabled: board.config.voice.enabled,
      locales: this.locales(),
      clips: this.clips.status,
      blocked: this.soundBlocked.value,
      router: this.router,
    });
    if (!status) return;
    const before = this.voice.value;
    if (before?.voice !== status.voice || before.reason !== status.reason) this.voice.value = status;
    this.reporter?.update(status);
  }

  private run(token: string, branchId: string, rawConfig: unknown): void {
    const board = new BoardState(resolveConfig(rawConfig));
    this.board = board;
    this.router = new VoiceRouter(this.clips, new SynthesisSpeaker(), () => board.config.voice.engine);
    this.reporter = StatusReporter.forToken(token);
    void this.clips.load(import.meta.env.BASE_URL).then(() => this.refreshVoice());
    // Browser voices arrive late (and only on some systems): look again when they do.
    globalThis.speechSynthesis?.addEventListener?.('voiceschanged', () => this.refreshVoice());
    const speech = installSpeechHook(
      this.router,
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
    const fed = feedBoard(board, queue, () => {
      speech.hook.dropped = queue.dropped;
    });
    const stream = new BranchStream(
      { url: this.win.location.origin, token, branchId },
      {
        onDelta: fed.onDelta,
        onSnapshot: (snap, resync) => {
          fed.onSnapshot(snap, resync);
          // The branch's locales come with the snapshot: the voice must cover each of them.
          this.refreshVoice();
        },
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
        this.refreshVoice();
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
  queue: Pick<AnnouncementQueue, 'enqueue' | 'remember' | 'withdraw'>,
  afterEnqueue: () => void = () => undefined,
): Required<Pick<BranchStreamHandlers, 'onSnapshot' | 'onDelta'>> {
  board.onWithdraw = (calls) => queue.withdraw(calls.map((c) => c.ticketId));
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
