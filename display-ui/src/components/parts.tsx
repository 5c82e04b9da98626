import type { BranchSnapshot, Locale, ServiceView } from '@guichet/server/protocol';
import type { Connection } from '../board.js';
import type { Orientation } from '../config.js';
import { formatDate, formatTime, formatWait } from '../format.js';
import { type StringKey, t } from '../strings.js';

/** Rough width of a text in ems: a CJK character is one, a Latin one a little over half. */
export function ems(text: string): number {
  return Math.max(
    1,
    [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.56), 0),
  );
}

/**
 * A text that is never cut: it wraps to at most `lines` lines, and a long one gets a smaller
 * font, computed from its width in ems against its box (`.fit-box` is a size container, so
 * `cqi` is the box's own width). `size` is the font size for a short text (any CSS length).
 */
export function Fit(p: {
  text: string;
  size: string;
  lines?: 1 | 2;
  lang?: Locale;
  class?: string;
  testid?: string;
}) {
  const lines = p.lines ?? 2;
  // Word wrapping leaves the end of each line unused: count 85% of each line as usable.
  const usable = lines === 1 ? 96 : 170;
  return (
    <span class={`fit-box ${p.class ?? ''}`} lang={p.lang} data-testid={p.testid}>
      <span
        class={`fit fit--${lines}`}
        style={{ fontSize: `min(${p.size}, calc(${usable}cqi / ${ems(p.text).toFixed(1)}))` }}
      >
        {p.text}
      </span>
    </span>
  );
}

/** Every screen locale, the first as the main text, the others smaller below it. */
export function Bi(p: { locales: Locale[]; text: (l: Locale) => string; class?: string }) {
  return (
    <span class={`bi ${p.class ?? ''}`}>
      {p.locales.map((l, i) => (
        <span class={i === 0 ? 'bi__main' : 'bi__sub'} lang={l} key={l}>
          {p.text(l)}
        </span>
      ))}
    </span>
  );
}

export const label = (locales: Locale[], key: StringKey) => <Bi locales={locales} text={(l) => t(l, key)} />;

export function Header(p: {
  locales: Locale[];
  snapshot: BranchSnapshot | null;
  now: number;
  connection: Connection;
  voiceUnavailable: boolean;
}) {
  const branch = p.snapshot?.branch;
  const [main = 'zh-CN'] = p.locales;
  return (
    <header class="board__header">
      <h1 class="board__hall">
        {branch &&
          p.locales.map((l, i) => (
            <Fit key={l} lang={l} lines={1} text={branch.name[l]} size={i === 0 ? '4.6vmin' : '2.6vmin'} />
          ))}
      </h1>
      {p.connection !== 'online' && (
        <span class="board__badge board__badge--offline" role="status" data-testid="offline">
          <Bi locales={p.locales} text={(l) => t(l, p.connection === 'offline' ? 'offline' : 'connecting')} />
        </span>
      )}
      {p.voiceUnavailable && (
        <span class="board__badge board__badge--voice" role="status" data-testid="voice-unavailable">
          {label(p.locales, 'voiceUnavailable')}
        </span>
      )}
      <div class="board__clock">
        <span class="board__time">{branch ? formatTime(main, branch.timezone, p.now) : ''}</span>
        {branch &&
          p.locales.map((l) => (
            <span class="board__date" lang={l} key={l}>
              {formatDate(l, branch.timezone, p.now)}
            </span>
          ))}
      </div>
    </header>
  );
}

export function QueueStrip(p: { locales: Locale[]; services: ServiceView[] }) {
  return (
    <section class="queues" aria-label={t(p.locales[0] ?? 'zh-CN', 'waitingHeader')} data-testid="queues">
      {p.services.map((s) => (
        <div class={`queue${s.open ? '' : ' queue--closed'}`} key={s.id}>
          <span class="queue__prefix">{s.prefix}</span>
          <span class="queue__names">
            {p.locales.map((l, i) => (
              <Fit
                key={l}
                lang={l}
                text={s.name[l]}
                size={i === 0 ? '2.5vmin' : '2vmin'}
                class="queue__name"
              />
            ))}
          </span>
          <span class="queue__waiting">
            {p.locales.map((l) => (
              <span lang={l} key={l}>
                {t(l, 'waitingCount', { n: s.waiting })}
              </span>
            ))}
          </span>
          <span class="queue__eta">
            {p.locales.map((l) => (
              <span lang={l} key={l}>
                {s.open ? formatWait(l, s) : t(l, 'serviceClosed')}
              </span>
            ))}
          </span>
        </div>
      ))}
    </section>
  );
}

/** One element scrolled by CSS; its duration grows with the text so the speed stays readable. */
export function Ticker(p: { text: string[]; orientation: Orientation }) {
  const joined = p.text.join('\u3000\u3000·\u3000\u3000');
  // Width of the text relative to the screen, roughly: a CJK character is ~1/60 of a landscape
  // screen. Starts the loop with the text already on screen.
  const width = ems(joined);
  const relative = width / (p.orientation === 'portrait' ? 34 : 60);
  const seconds = Math.max(20, Math.round(width * 0.45));
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

export function Emergency(p: { locales: Locale[]; snapshot: BranchSnapshot | null }) {
  const emergency = p.snapshot?.branch.emergency;
  if (!emergency) return null;
  return (
    <div class="emergency" role="alert" data-testid="emergency">
      <div class="emergency__title">{p.locales.map((l) => t(l, 'emergency')).join(' · ')}</div>
      {p.locales.map((l) => {
        const text = emergency.message[l] ?? '';
        return (
          <p class="emergency__text" lang={l} key={l} style={{ fontSize: emergencySize(text) }}>
            {text}
          </p>
        );
      })}
    </div>
  );
}

/** Font size from the text's rough width. */
function emergencySize(text: string): string {
  const width = ems(text);
  if (width > 90) return 'clamp(16px, 3.6vmin, 200px)';
  if (width > 45) return 'clamp(20px, 5vmin, 200px)';
  return 'clamp(24px, 7vmin, 300px)';
}
