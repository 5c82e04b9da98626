import type { AppraisalEntry, AppraisalRecord } from '@guichet/server/kit';
import { useEffect, useRef, useState } from 'preact/hooks';
import { failureText, now, session } from '../store';
import { getMyRecord } from './api';
import { EntryCard } from './EntryCard';
import { Figures } from './Figures';
import { useFocusTrap } from './focus';
import { dayLabel, hhmm, localDay } from './format';
import { rt } from './strings';
import './record.css';

/** Today and the six days before it. */
const DAYS = 7;

type Load =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; days: AppraisalRecord[] };

/**
 * 我的考评: the signed-in clerk's own daily record (逐日按人考评) for today and the days before,
 * and the inspection entries about her with her answers and appeals. A modal over the console:
 * focus stays inside (Tab wraps), Escape closes (focus.ts), ←/→ move between days. It asks only
 * for her own id; the server refuses anyone else's record.
 */
export function MyRecord({ onClose }: { onClose(): void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const today = localDay(now.value);
  const [day, setDay] = useState(today);
  const ref = useRef<HTMLDivElement>(null);
  const tabs = Array.from({ length: DAYS }, (_, i) => localDay(now.value, -i));

  const fetchDays = async () => {
    const s = session.value;
    if (!s) return;
    setLoad({ state: 'loading' });
    try {
      const r = await getMyRecord(s.token, s.user.id, tabs.at(-1) ?? today, today);
      setLoad({ state: 'ready', days: r.days });
    } catch (err) {
      setLoad({ state: 'failed', reason: failureText(err) });
    }
  };
  // Loaded once when the panel opens.
  useEffect(() => {
    void fetchDays();
  }, []);
  useFocusTrap(ref, '[role="tab"][aria-selected="true"]', onClose);
  const onTabKey = (e: KeyboardEvent) => {
    const at = tabs.indexOf(day);
    // The tabs run from today (left) back in time: → goes to an earlier day.
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[Math.min(tabs.length - 1, Math.max(0, at + step))] ?? day;
    setDay(next);
    ref.current?.querySelector<HTMLElement>(`[data-day="${next}"]`)?.focus();
  };
  const replace = (entry: AppraisalEntry) =>
    setLoad((l) =>
      l.state !== 'ready'
        ? l
        : {
            ...l,
            days: l.days.map((d) =>
              d.date === entry.date
                ? { ...d, entries: d.entries.map((x) => (x.id === entry.id ? entry : x)) }
                : d,
            ),
          },
    );

  const record = load.state === 'ready' ? load.days.find((d) => d.date === day) : undefined;
  return (
    <div class="backdrop">
      <div
        class="my-record"
        role="dialog"
        aria-modal="true"
        aria-labelledby="my-record-title"
        tabIndex={-1}
        ref={ref}
        data-testid="my-record"
      >
        <header>
          <h2 id="my-record-title">
            {rt('title')} · {session.value?.user.displayName}
          </h2>
          <button type="button" class="btn" onClick={onClose}>
            {rt('close')}
          </button>
        </header>
        <div class="day-tabs" role="tablist" aria-label={rt('days')}>
          {tabs.map((d) => (
            <button
              key={d}
              type="button"
              role="tab"
              id={`tab-${d}`}
              data-day={d}
              aria-selected={d === day}
              aria-controls="my-record-day"
              tabIndex={d === day ? 0 : -1}
              onClick={() => setDay(d)}
              onKeyDown={onTabKey}
            >
              {d === today ? rt('today') : dayLabel(d)}
            </button>
          ))}
        </div>
        <div id="my-record-day" role="tabpanel" aria-labelledby={`tab-${day}`} class="record-body">
          {load.state === 'loading' && <p aria-live="polite">{rt('loading')}</p>}
          {load.state === 'failed' && (
            <p class="error" role="alert">
              {rt('failed', { reason: load.reason })}{' '}
              <button type="button" class="btn" onClick={() => void fetchDays()}>
                {rt('retry')}
              </button>
            </p>
          )}
          {record && <DayView r={record} onChanged={replace} />}
        </div>
      </div>
    </div>
  );
}

function DayView({ r, onChanged }: { r: AppraisalRecord; onChanged(e: AppraisalEntry): void }) {
  return (
    <>
      <p class="note" data-testid="record-origin">
        {r.producedAt
          ? rt('storedNote', { at: `${localDay(r.producedAt)} ${hhmm(r.producedAt)}` })
          : r.date === localDay(now.value)
            ? rt('liveNote')
            : rt('notStoredNote')}
        {r.revisedAt ? ` ${rt('revisedNote', { at: hhmm(r.revisedAt) })}` : ''}
      </p>
      <Figures r={r} />
      <section class="entries" aria-labelledby="rec-entries">
        <h3 id="rec-entries">
          {rt('entries')} <small>{rt('pointsTotal', { points: r.points })}</small>
        </h3>
        {r.entries.length === 0 ? (
          <p class="note">{rt('noEntries')}</p>
        ) : (
          <ul>
            {r.entries.map((e) => (
              <EntryCard key={e.id} entry={e} onChanged={onChanged} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
