import { counter, now, parkedTickets, selectedTicketId, t } from '../store';
import { waitedMinutes } from './time';

interface Props {
  onCall(ticketId: string): void;
}

/** Parked tickets (挂起) this counter can call back (回呼). */
export function ParkedList({ onCall }: Props) {
  const list = parkedTickets.value;
  const idle = counter.value?.state === 'idle';
  return (
    <section class="panel parked" aria-label={t('parkedList')}>
      <h2>
        {t('parkedList')} <span class="count">{list.length}</span>
      </h2>
      {list.length === 0 ? (
        <p class="empty">{t('parkedEmpty')}</p>
      ) : (
        <ul>
          {list.map((tk) => {
            const selected = selectedTicketId.value === tk.id;
            return (
              <li key={tk.id} data-ticket={tk.code} class={selected ? 'selected' : ''}>
                <button
                  type="button"
                  class="link"
                  aria-pressed={selected}
                  onClick={() => {
                    selectedTicketId.value = selected ? null : tk.id;
                  }}
                >
                  <span class="code">{tk.code}</span>{' '}
                  {t('minutes', { n: waitedMinutes(tk.queuedAt, now.value) })}
                </button>
                <button type="button" class="btn btn-small" disabled={!idle} onClick={() => onCall(tk.id)}>
                  {t('callBack')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
