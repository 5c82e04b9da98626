import type { BranchSnapshot, CallView, CounterView, Locale, ServiceView } from '@guichet/server/protocol';
import type { Connection } from '../board.js';
import type { Layout, Orientation } from '../config.js';
import { t } from '../strings.js';
import { CounterGrid } from './GridView.js';
import { Bi, Emergency, Fit, Header, label, QueueStrip, Ticker } from './parts.js';

export interface BoardViewProps {
  /** The languages on screen, all at once; the first is the main one. */
  locales: Locale[];
  /** Every locale the branch shows: notices and the emergency are always in all of them. */
  allLocales: Locale[];
  now: number;
  layout: Layout;
  orientation: Orientation;
  snapshot: BranchSnapshot | null;
  services: ServiceView[];
  counters: CounterView[];
  calls: CallView[];
  connection: Connection;
  highlighted: boolean;
  historyRows: number;
  voiceUnavailable: boolean;
}

/** The whole board as a pure function of its data: the component tests render it from fakes. */
export function BoardView(p: BoardViewProps) {
  const branch = p.snapshot?.branch;
  const [latest, ...older] = p.calls;
  return (
    <div class={`board board--${p.orientation} board--${p.layout}`} lang={p.locales[0]}>
      <Header
        locales={p.locales}
        snapshot={p.snapshot}
        now={p.now}
        connection={p.connection}
        voiceUnavailable={p.voiceUnavailable}
      />
      {p.layout === 'grid' ? (
        <CounterGrid
          locales={p.locales}
          orientation={p.orientation}
          counters={p.counters}
          tickets={p.snapshot?.tickets ?? []}
          latest={latest}
          highlighted={p.highlighted}
        />
      ) : (
        <main class="board__main">
          <LatestCall locales={p.locales} call={latest} highlighted={p.highlighted} />
          <History locales={p.locales} calls={older.slice(0, p.historyRows)} />
        </main>
      )}
      <QueueStrip locales={p.locales} services={p.services} />
      {branch?.notice && (
        <Ticker
          orientation={p.orientation}
          text={p.allLocales.map((l) => branch.notice?.[l] ?? '').filter(Boolean)}
        />
      )}
      <Emergency locales={p.allLocales} snapshot={p.snapshot} />
    </div>
  );
}

function LatestCall(p: { locales: Locale[]; call: CallView | undefined; highlighted: boolean }) {
  const c = p.call;
  return (
    <section class={`latest${p.highlighted ? ' latest--new' : ''}`} data-testid="latest" aria-live="polite">
      <div class="latest__label">{label(p.locales, 'nowCalling')}</div>
      {c ? (
        <>
          <div class="latest__code" data-testid="latest-code">
            {c.code}
          </div>
          {p.locales.map((l, i) => (
            <div class={`latest__go${i === 0 ? '' : ' latest__go--sub'}`} lang={l} key={l}>
              <span class="latest__please">{t(l, 'pleaseGoTo')}</span>{' '}
              <span class="latest__counter" data-testid={i === 0 ? 'latest-counter' : undefined}>
                {t(l, 'counterLabel', { n: c.counterNumber })}
              </span>
            </div>
          ))}
          {p.locales
            .filter((l) => !sameText(c.counterName[l], t(l, 'counterLabel', { n: c.counterNumber })))
            .map((l, i) => (
              <Fit
                key={l}
                lang={l}
                text={c.counterName[l]}
                size={i === 0 ? 'min(3.4vmin, 5cqb)' : 'min(2.8vmin, 4cqb)'}
                class="latest__name"
              />
            ))}
        </>
      ) : (
        <div class="latest__empty">{label(p.locales, 'noCallsYet')}</div>
      )}
    </section>
  );
}

function History(p: { locales: Locale[]; calls: CallView[] }) {
  return (
    <section class="history" aria-label={t(p.locales[0] ?? 'zh-CN', 'recentCalls')}>
      <h2 class="history__title">{label(p.locales, 'recentCalls')}</h2>
      <ol class="history__list" data-testid="history">
        {p.calls.map((c) => (
          <li class="history__row" key={c.ticketId}>
            <span class="history__code">{c.code}</span>
            <span class="history__arrow" aria-hidden="true">
              →
            </span>
            <Bi
              class="history__counter"
              locales={p.locales}
              text={(l) => t(l, 'counterLabel', { n: c.counterNumber })}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "1号窗口" and "1 号窗口" say the same: the counter's name is not repeated under its number. */
function sameText(a: string, b: string): boolean {
  const norm = (x: string) => x.replace(/\s+/g, '').toLowerCase();
  return norm(a) === norm(b);
}
