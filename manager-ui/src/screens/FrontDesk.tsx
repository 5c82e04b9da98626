import { InputField } from '@guichet/counter-ui/staff';
import { useState } from 'preact/hooks';
import { Outcome as OutcomeLine } from '../components/form/Outcome';
import { IssueForm } from '../components/IssueForm';
import { type Outcome, TicketCard } from '../components/TicketCard';
import { TicketHistory } from '../components/TicketHistory';
import { clockTime } from '../components/time';
import { findByCode, noShows, servicesById, snapshot, t, text, ticketsById } from '../store';

/**
 * The front desk (服务台): find today's ticket by its number, put a no-show back or cancel a
 * ticket, and issue a ticket for a citizen who cannot use the kiosk.
 */
export function FrontDesk() {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<{ id: string; code: string } | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const tz = snapshot.value?.branch.timezone ?? 'UTC';
  const live = selected ? ticketsById.value.get(selected.id) : undefined;

  const find = (e: Event) => {
    e.preventDefault();
    const code = query.replace(/\s+/g, '').toUpperCase();
    if (!code) return;
    const found = findByCode(code);
    setOutcome(null);
    setSelected(found ? { id: found.id, code: found.code } : null);
    setMissing(found ? null : code);
  };
  const open = (id: string, code: string) => {
    setOutcome(null);
    setMissing(null);
    setQuery(code);
    setSelected({ id, code });
  };

  return (
    <div class="desk">
      <section class="panel" aria-labelledby="find-title">
        <h2 id="find-title">{t('findTitle')}</h2>
        <form class="find" onSubmit={find}>
          <InputField
            label={t('findLabel')}
            labelClass="grow"
            name="code"
            autoComplete="off"
            spellcheck={false}
            value={query}
            onValue={setQuery}
          />
          <button type="submit" class="btn btn-primary btn-large" disabled={!query.trim()}>
            {t('find')}
          </button>
        </form>
        <OutcomeLine result={outcome} />
        {missing && (
          <p class="hint" role="status" data-testid="not-found">
            {t('findNone', { code: missing })}
          </p>
        )}
        {live ? (
          <TicketCard ticket={live} onDone={setOutcome} />
        ) : (
          selected &&
          outcome?.kind !== 'ok' && (
            <p class="hint" role="status">
              {t('ticketLeft', { code: selected.code })}
            </p>
          )
        )}
        {(selected || missing) && (
          <TicketHistory
            key={selected?.code ?? missing}
            code={selected?.code ?? missing ?? ''}
            ticketId={selected?.id ?? null}
            onDone={setOutcome}
          />
        )}
        <h3 class="sub">{t('noShowsTitle')}</h3>
        {noShows.value.length === 0 ? (
          <p class="hint">{t('noShowsEmpty')}</p>
        ) : (
          <ul class="chips" data-testid="no-shows">
            {noShows.value.map((tk) => (
              <li key={tk.id}>
                <button
                  type="button"
                  class={selected?.id === tk.id ? 'chip selected' : 'chip'}
                  aria-pressed={selected?.id === tk.id}
                  data-ticket={tk.code}
                  onClick={() => open(tk.id, tk.code)}
                >
                  <strong>{tk.code}</strong>
                  <span class="muted">
                    {text(servicesById.value.get(tk.serviceId)?.name)}
                    {tk.finishedAt ? ` · ${clockTime(tk.finishedAt, tz)}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="issue-title">
        <h2 id="issue-title">{t('issueTitle')}</h2>
        <IssueForm />
      </section>
    </div>
  );
}
