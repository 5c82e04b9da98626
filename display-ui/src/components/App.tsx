import type { DisplayApp } from '../app.js';
import { showsService } from '../config.js';
import { t } from '../strings.js';
import { BoardView } from './BoardView.js';

export function App({ app }: { app: DisplayApp }) {
  const phase = app.phase.value;
  const now = app.now.value;
  const board = app.board;
  if (phase !== 'board' || !board) {
    const locale = app.pinnedLocale ?? 'zh-CN';
    const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
    const key = phase === 'unpaired' ? 'notPaired' : phase === 'rejected' ? 'pairingRejected' : 'connecting';
    return (
      <div class="status-screen" data-testid="status">
        <p>{t(locale, key)}</p>
        <p class="status-screen__other">{t(other, key)}</p>
      </div>
    );
  }
  const snapshot = board.snapshot.value;
  const locale = app.screenLocale(now);
  const layout = board.config.layout;
  return (
    <>
      <BoardView
        locale={locale}
        locales={app.locales()}
        now={now}
        layout={layout}
        snapshot={snapshot}
        services={(snapshot?.services ?? []).filter((s) => showsService(board.config, s))}
        calls={board.calls.value}
        connection={board.connection.value}
        highlighted={board.highlightUntil.value > now}
        historyRows={layout === 'portrait' ? 8 : 8}
      />
      {app.soundBlocked.value && (
        <button
          type="button"
          class="sound-overlay"
          data-testid="enable-sound"
          onClick={() => void app.enableSound()}
        >
          <span class="sound-overlay__icon" aria-hidden="true">
            🔊
          </span>
          <span class="sound-overlay__text">
            {t('zh-CN', 'enableSound')} / {t('en', 'enableSound')}
          </span>
          <span class="sound-overlay__hint">{t(locale, 'enableSoundHint')}</span>
        </button>
      )}
    </>
  );
}
