import type { CounterView, ServiceView } from '@guichet/server/protocol';
import { CounterActions } from '../components/CounterActions';
import { clockTime, elapsed } from '../components/time';
import { now, servicesById, snapshot, t, text, ticketsById } from '../store';

/** Every counter's state, clerk and current ticket, and every queue, live from the branch stream. */
export function HallOverview() {
  const snap = snapshot.value!;
  const counters = snap.counters.slice().sort((a, b) => a.number - b.number);
  const open = counters.filter((c) => c.state !== 'closed').length;
  const waiting = snap.services.reduce((n, s) => n + s.waiting, 0);
  return (
    <div class="overview">
      <section class="panel" aria-labelledby="counters-title">
        <div class="panel-head">
          <h2 id="counters-title">{t('countersTitle')}</h2>
          <span class="summary" data-testid="counters-summary">
            {t('countersSummary', { open, total: counters.length })}
          </span>
        </div>
        <table class="grid counters">
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('colNumber')}
              </th>
              <th scope="col">{t('colCounter')}</th>
              <th scope="col">{t('colState')}</th>
              <th scope="col">{t('colClerk')}</th>
              <th scope="col">{t('colTicket')}</th>
              <th scope="col">{t('colTicketTime')}</th>
              <th scope="col">{t('colSince')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {counters.map((c) => (
              <CounterRow key={c.id} counter={c} timezone={snap.branch.timezone} />
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="services-title">
        <div class="panel-head">
          <h2 id="services-title">{t('servicesTitle')}</h2>
          <span class="summary">{t('waitingTotal', { n: waiting })}</span>
        </div>
        <table class="grid services">
          <thead>
            <tr>
              <th scope="col">{t('colPrefix')}</th>
              <th scope="col">{t('colService')}</th>
              <th scope="col" class="num">
                {t('colWaiting')}
              </th>
              <th scope="col" class="num">
                {t('colLongest')}
              </th>
              <th scope="col">{t('colOpen')}</th>
            </tr>
          </thead>
          <tbody>
            {snap.services.map((s) => (
              <ServiceRow key={s.id} service={s} />
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function CounterRow({ counter: c, timezone }: { counter: CounterView; timezone: string }) {
  const ticket = c.currentTicketId ? ticketsById.value.get(c.currentTicketId) : undefined;
  // Time on the ticket since it was called (and since the citizen arrived once serving).
  const since = ticket ? (ticket.startedAt ?? ticket.calledAt) : null;
  const service = ticket ? servicesById.value.get(ticket.serviceId) : undefined;
  return (
    <tr data-counter={c.id} data-state={c.state}>
      <td class="num strong">{c.number}</td>
      <td>{text(c.name)}</td>
      <td>
        <span class={`state-badge ${c.state}`}>{t(`state_${c.state}`)}</span>
        {c.state === 'paused' && c.pauseReason && (
          <span class="pause-reason">{t('pausedBecause', { reason: c.pauseReason })}</span>
        )}
      </td>
      <td>{c.state !== 'closed' && c.clerkName ? c.clerkName : t('noClerk')}</td>
      <td data-testid="counter-ticket">
        {ticket ? (
          <>
            <strong class="code">{ticket.code}</strong> <span class="muted">{text(service?.name)}</span>
          </>
        ) : (
          t('noTicket')
        )}
      </td>
      <td class="num mono">{since ? elapsed(now.value - since) : ''}</td>
      <td class="mono nowrap">
        {clockTime(c.stateSince, timezone)} <span class="muted">({elapsed(now.value - c.stateSince)})</span>
      </td>
      <td class="nowrap">{c.state !== 'closed' && <CounterActions counter={c} />}</td>
    </tr>
  );
}

function ServiceRow({ service: s }: { service: ServiceView }) {
  const longest = s.oldestQueuedAt ? now.value - s.oldestQueuedAt : null;
  const over = longest !== null && longest > s.targetWaitMinutes * 60_000;
  return (
    <tr data-service={s.id}>
      <td class="strong">{s.prefix}</td>
      <td>{text(s.name)}</td>
      <td class="num strong">{s.waiting}</td>
      <td class={over ? 'num mono nowrap over' : 'num mono nowrap'}>
        {longest === null ? '—' : elapsed(longest)}
        <span class="muted"> / {t('minutes', { n: s.targetWaitMinutes })}</span>
      </td>
      <td>
        {s.open ? (
          <span class="state-badge idle">{t('issuing')}</span>
        ) : (
          <span class="state-badge closed">{s.closedReason ? t(`closed_${s.closedReason}`) : '—'}</span>
        )}
      </td>
    </tr>
  );
}
