import type { BranchSnapshot, CallView, Locale, ServiceView } from '@guichet/server/protocol';
import type { Connection } from '../board.js';
import { formatDate, formatTime, formatWait } from '../format.js';
import { t } from '../strings.js';

export interface BoardViewProps {
  locale: Locale;
  /** Every locale the branch shows: notices and the emergency are shown in all of them. */
  locales: Locale[];
  now: number;
  layout: 'landscape' | 'portrait';
  snapshot: BranchSnapshot | null;
  services: ServiceView[];
  calls: CallView[];
  connection: Connection;
  highlighted: boolean;
  historyRows: number;
}

/** The whole board as a pure function of its data: the component tests render it from fakes. */
export function BoardView(p: BoardViewProps) {
  const branch = p.snapshot?.branch;
  const [latest, ...older] = p.calls;
  return (
    <div class={`board board--${p.layout}`} lang={p.locale}>
      <header class="board__header">
        <h1 class="board__hall fit">{branch ? branch.name[p.locale] : ''}</h1>
        {p.connection !== 'online' && (
          <span class="board__offline" role="status" data-testid="offline">
            {t(p.locale, p.connection === 'offline' ? 'offline' : 'connecting')}
          </span>
        )}
        <div class="board__clock">
          <span class="board__date">{branch ? formatDate(p.locale, branch.timezone, p.now) : ''}</span>
          <span class="board__time">{branch ? formatTime(p.locale, branch.timezone, p.now) : ''}</span>
        </div>
      </header>
      <main class="board__main">
        <LatestCall locale={p.locale} call={latest} highlighted={p.highlighted} />
        <section class="history" aria-label={t(p.locale, 'recentCalls')}>
          <h2 class="history__title">{t(p.locale, 'recentCalls')}</h2>
          <ol class="history__list" data-testid="history">
            {older.slice(0, p.historyRows).map((c) => (
              <li class="history__row" key={c.ticketId}>
                <span class="history__code">{c.code}</span>
                <span class="history__arrow" aria-hidden="true">
                  →
                </span>
                <span class="history__counter fit">
                  {t(p.locale, 'counterLabel', { n: c.counterNumber })}
                </span>
              </li>
            ))}
          </ol>
        </section>
      </main>
      <QueueStrip locale={p.locale} services={p.services} />
      {branch?.notice && (
        <Ticker layout={p.layout} text={p.locales.map((l) => branch.notice?.[l] ?? '').filter(Boolean)} />
      )}
      {branch?.emergency && (
        <div class="emergency" role="alert" data-testid="emergency">
          <div class="emergency__title">{p.locales.map((l) => t(l, 'emergency')).join(' · ')}</div>
          {p.locales.map((l) => {
            const text = branch.emergency?.message[l] ?? '';
            return (
              <p class="emergency__text" lang={l} key={l} style={{ fontSize: emergencySize(text) }}>
                {text}
              </p>
            );
          })}
        </div>
      )}
    </div>
  );
}

function LatestCall(p: { locale: Locale; call: CallView | undefined; highlighted: boolean }) {
  const c = p.call;
  return (
    <section class={`latest${p.highlighted ? ' latest--new' : ''}`} data-testid="latest" aria-live="polite">
      <div class="latest__label">{t(p.locale, 'nowCalling')}</div>
      {c ? (
        <>
          <div class="latest__code" data-testid="latest-code">
            {c.code}
          </div>
          <div class="latest__go">
            <span class="latest__please">{t(p.locale, 'pleaseGoTo')}</span>
            <span class="latest__counter" data-testid="latest-counter">
              {t(p.locale, 'counterLabel', { n: c.counterNumber })}
            </span>
          </div>
          {!sameText(c.counterName[p.locale], t(p.locale, 'counterLabel', { n: c.counterNumber })) && (
            <div class="latest__name fit">{c.counterName[p.locale]}</div>
          )}
        </>
      ) : (
        <div class="latest__empty">{t(p.locale, 'noCallsYet')}</div>
      )}
    </section>
  );
}

function QueueStrip(p: { locale: Locale; services: ServiceView[] }) {
  return (
    <section class="queues" aria-label={t(p.locale, 'waitingHeader')} data-testid="queues">
      {p.services.map((s) => (
        <div class={`queue${s.open ? '' : ' queue--closed'}`} key={s.id}>
          <span class="queue__prefix">{s.prefix}</span>
          <span class="queue__name fit">{s.name[p.locale]}</span>
          <span class="queue__waiting fit">{t(p.locale, 'waitingCount', { n: s.waiting })}</span>
          <span class="queue__eta fit">
            {s.open ? formatWait(p.locale, s) : t(p.locale, 'serviceClosed')}
          </span>
        </div>
      ))}
    </section>
  );
}

/** One element scrolled by CSS; its duration grows with the text so the speed stays readable. */
function Ticker(p: { text: string[]; layout: 'landscape' | 'portrait' }) {
  const joined = p.text.join('\u3000\u3000·\u3000\u3000');
  // Width of the text relative to the screen, roughly: a CJK character is ~1/60 of a landscape
  // screen, a Latin one about half that. Starts the loop with the text already on screen.
  const ems = [...joined].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.55), 0);
  const relative = ems / (p.layout === 'portrait' ? 34 : 60);
  const seconds = Math.max(20, Math.round(ems * 0.45));
  const delay = -seconds * (0.97 / (1 + relative));
  return (
    <div class="ticker" data-testid="notice">
      <div
        class="ticker__track"
        style={{ animationDuration: `${seconds}s`, animationDelay: `${delay.toFixed(1)}s` }}
      >
        {joined}
      </div>
    </div>
  );
}

/** Font size from the text's rough width (a CJK character counts as two Latin ones). */
function emergencySize(text: string): string {
  const ems = [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.55), 0);
  if (ems > 90) return 'clamp(16px, 3.6vmin, 200px)';
  if (ems > 45) return 'clamp(20px, 5vmin, 200px)';
  return 'clamp(24px, 7vmin, 300px)';
}

/** "1号窗口" and "1 号窗口" say the same: the counter's name is not repeated under its number. */
function sameText(a: string, b: string): boolean {
  const norm = (x: string) => x.replace(/\s+/g, '').toLowerCase();
  return norm(a) === norm(b);
}
