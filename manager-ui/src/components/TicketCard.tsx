import type { TicketView } from '@guichet/server/protocol';
import { useState } from 'preact/hooks';
import { cancelTicketByStaff, reinstateTicket } from '../api';
import { busy, canAct, countersById, failureText, servicesById, session, snapshot, t, text } from '../store';
import { CancelDialog } from './CancelDialog';
import { clockTime } from './time';

export interface Outcome {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * A ticket's state and what happened to it so far (from its own timestamps: the API has no
 * event history yet), with the front desk's two actions: put a no-show back, cancel a waiting one.
 */
export function TicketCard({ ticket, onDone }: { ticket: TicketView; onDone(o: Outcome): void }) {
  const [asking, setAsking] = useState(false);
  const tz = snapshot.value?.branch.timezone ?? 'UTC';
  const service = servicesById.value.get(ticket.serviceId);
  const origin = ticket.originServiceId ? servicesById.value.get(ticket.originServiceId) : undefined;
  const counter = ticket.counterId ? countersById.value.get(ticket.counterId) : undefined;
  const token = session.value?.token ?? '';
  const run = async (request: () => Promise<unknown>, success: string) => {
    busy.value = true;
    try {
      await request();
      onDone({ kind: 'ok', text: success });
    } catch (e) {
      onDone({ kind: 'error', text: failureText(e) });
    } finally {
      busy.value = false;
    }
  };
  const history: [string, number | null][] = [
    [t('ev_issued'), ticket.issuedAt],
    [t('ev_queued'), ticket.queuedAt !== ticket.issuedAt ? ticket.queuedAt : null],
    [t('ev_called', { count: ticket.callCount }), ticket.calledAt],
    [t('ev_started'), ticket.startedAt],
    [ticket.status === 'no_show' ? t('ev_noShow') : t('ev_finished'), ticket.finishedAt],
  ];
  return (
    <section class="ticket-card" aria-labelledby="ticket-title" data-ticket={ticket.code}>
      <div class="ticket-head">
        <h3 id="ticket-title">{t('ticketTitle', { code: ticket.code })}</h3>
        <span class={`status-badge ${ticket.status}`} data-testid="ticket-status">
          {t(`status_${ticket.status}`)}
        </span>
      </div>
      <dl class="facts">
        <dt>{t('colService')}</dt>
        <dd>
          {service?.prefix} · {text(service?.name)}
          {origin && <span class="muted"> · {t('transferredFrom', { service: text(origin.name) })}</span>}
        </dd>
        <dt>{t('classLabel')}</dt>
        <dd>{t(`class_${ticket.ticketClass}`)}</dd>
        {counter && (
          <>
            <dt>{t('counterLabel')}</dt>
            <dd>{t('atCounter', { number: counter.number })}</dd>
          </>
        )}
        {ticket.personMasked && (
          <>
            <dt>{t('personLabel')}</dt>
            <dd>{ticket.personMasked}</dd>
          </>
        )}
      </dl>
      <h4>{t('historyTitle')}</h4>
      <ol class="history">
        {history
          .filter(([, at]) => at !== null)
          .map(([label, at]) => (
            <li key={label}>
              <span class="mono">{clockTime(at!, tz, true)}</span> {label}
            </li>
          ))}
      </ol>
      <div class="ticket-actions">
        {ticket.status === 'no_show' && (
          <button
            type="button"
            class="btn btn-primary btn-large"
            data-action="reinstate"
            disabled={!canAct.value}
            onClick={() =>
              run(() => reinstateTicket(token, ticket.id), t('reinstated', { code: ticket.code }))
            }
          >
            {t('reinstate')}
          </button>
        )}
        {(ticket.status === 'waiting' || ticket.status === 'parked') && (
          <button
            type="button"
            class="btn btn-danger btn-large"
            data-action="cancel"
            disabled={!canAct.value}
            onClick={() => setAsking(true)}
          >
            {t('cancelTicket')}
          </button>
        )}
      </div>
      {asking && (
        <CancelDialog
          code={ticket.code}
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => {
            setAsking(false);
            void run(
              () => cancelTicketByStaff(token, ticket.id, reason),
              t('cancelled', { code: ticket.code }),
            );
          }}
        />
      )}
    </section>
  );
}
