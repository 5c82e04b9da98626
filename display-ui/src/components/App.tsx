import type { Locale } from '@guichet/server/protocol';
import type { DisplayApp } from '../app.js';
import { type Orientation, showsCounter, showsService } from '../config.js';
import { t } from '../strings.js';
import { BoardView } from './BoardView.js';

/** Text meant for whoever stands at the screen (staff or a technician) is always in both. */
const BOTH: Locale[] = ['zh-CN', 'en'];

export function App({ app }: { app: DisplayApp }) {
  const phase = app.phase.value;
  const now = app.now.value;
  const board = app.board;
  if (phase !== 'board' || !board) {
    const locale = app.pinnedLocale ?? 'zh-CN';
    const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
    const key =
      phase === 'unpaired'
        ? 'notPaired'
        : phase === 'rejected'
          ? 'pairingRejected'
          : phase === 'code-refused'
            ? 'pairingCodeRefused'
            : 'connecting';
    return (
      <div class="status-screen" data-testid="status">
        <p lang={locale}>{t(locale, key)}</p>
        <p class="status-screen__other" lang={other}>
          {t(other, key)}
        </p>
      </div>
    );
  }
  const snapshot = board.snapshot.value;
  const services = snapshot?.services ?? [];
  const orientation: Orientation =
    board.config.orientation === 'auto'
      ? window.innerWidth >= window.innerHeight
        ? 'landscape'
        : 'portrait'
      : board.config.orientation;
  const voice = app.voice.value;
  return (
    <>
      <BoardView
        locales={app.screenLocales()}
        allLocales={app.locales()}
        now={now}
        layout={board.config.layout}
        orientation={orientation}
        snapshot={snapshot}
        services={services.filter((s) => showsService(board.config, s))}
        counters={(snapshot?.counters ?? []).filter((c) => showsCounter(board.config, c, services))}
        calls={board.calls.value}
        connection={board.connection.value}
        highlighted={board.highlighted(app.mono.value)}
        historyRows={orientation === 'portrait' ? 6 : 7}
        voiceUnavailable={voice?.voice === 'unavailable' && !app.soundBlocked.value}
      />
      {app.soundBlocked.value && (
        <button
          type="button"
          class="sound-overlay"
          data-testid="enable-sound"
          onClick={() => void app.enableSound()}
        >
          <SpeakerIcon />
          <span class="sound-overlay__text">
            <span lang="zh-CN">{t('zh-CN', 'enableSound')}</span> /{' '}
            <span lang="en">{t('en', 'enableSound')}</span>
          </span>
          {BOTH.map((l) => (
            <span class="sound-overlay__hint" lang={l} key={l}>
              {t(l, 'enableSoundHint')}
            </span>
          ))}
        </button>
      )}
    </>
  );
}

/** Drawn, not an emoji: kiosk PCs often have no colour-emoji font. */
function SpeakerIcon() {
  return (
    <svg class="sound-overlay__icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
      <path
        d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
      />
    </svg>
  );
}
