import type { CallView, CounterView, Locale, TicketView } from '@guichet/server/protocol';
import type { Orientation } from '../config.js';
import { t } from '../strings.js';
import { Bi, Fit, label } from './parts.js';

/** Height of the grid's area over its width, roughly, once header and queue strip are drawn. */
const AREA_SHAPE: Record<Orientation, number> = { landscape: 0.36, portrait: 1.3 };
/** A tile reads best about 1.3 times as wide as tall. */
const TILE_SHAPE = 1.3;

/** Columns for `n` counter tiles so that the tiles come out as large as possible at a readable shape. */
export function gridColumns(n: number, orientation: Orientation): number {
  let best = 1;
  let bestSize = 0;
  for (let c = 1; c <= Math.max(1, n); c++) {
    const w = 1 / c;
    const h = AREA_SHAPE[orientation] / Math.ceil(n / c);
    const size = Math.min(w / TILE_SHAPE, h);
    if (size > bestSize) {
      best = c;
      bestSize = size;
    }
  }
  return best;
}

/** 综合屏: every counter with its number, the ticket it is calling or serving, and its state. */
export function CounterGrid(p: {
  locales: Locale[];
  orientation: Orientation;
  counters: CounterView[];
  tickets: TicketView[];
  latest: CallView | undefined;
  highlighted: boolean;
}) {
  const codes = new Map(p.tickets.map((x) => [x.id, x.code]));
  const counters = [...p.counters].sort((a, b) => a.number - b.number);
  const columns = gridColumns(counters.length, p.orientation);
  return (
    <main class="grid" aria-label={t(p.locales[0] ?? 'zh-CN', 'counters')}>
      <ol
        class="grid__tiles"
        data-testid="grid"
        style={{
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${Math.ceil(counters.length / columns)}, minmax(0, 1fr))`,
        }}
      >
        {counters.map((c) => {
          const code = c.currentTicketId ? codes.get(c.currentTicketId) : undefined;
          const fresh =
            p.highlighted && p.latest?.counterId === c.id && p.latest.ticketId === c.currentTicketId;
          return (
            <li
              class={`tile tile--${c.state}${fresh ? ' tile--new' : ''}`}
              key={c.id}
              data-testid={`tile-${c.number}`}
              data-state={c.state}
            >
              <div class="tile__head">
                <span class="tile__number">{c.number}</span>
                <Bi class="tile__state" locales={p.locales} text={(l) => t(l, `state_${c.state}`)} />
              </div>
              <div class="tile__code" data-testid={`tile-code-${c.number}`}>
                {code ?? '—'}
              </div>
              <div class="tile__names">
                {p.locales.map((l, i) => (
                  <Fit
                    key={l}
                    lang={l}
                    text={c.name[l]}
                    size={i === 0 ? '10cqb' : '8cqb'}
                    class="tile__name"
                  />
                ))}
              </div>
            </li>
          );
        })}
      </ol>
      {counters.length === 0 && <div class="latest__empty">{label(p.locales, 'noCallsYet')}</div>}
    </main>
  );
}
