import { counter, now, selectedTicketId, servicesById, t, text, waitingRows } from '../store';
import { waitedMinutes, waitLevel } from './time';

interface Props {
  onCall(ticketId: string): void;
}

/** This counter's waiting tickets in the server's call order; the first is what "Call next" takes. */
export function WaitingList({ onCall }: Props) {
  const rows = waitingRows.value;
  const idle = counter.value?.state === 'idle';
  return (
    <section class="panel waiting" aria-label={t('waitingList')}>
      <h2>
        {t('waitingList')} <span class="count">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <p class="empty">{t('waitingEmpty')}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>{t('colCode')}</th>
                <th>{t('colService')}</th>
                <th>{t('colClass')}</th>
                <th>{t('colWaited')}</th>
                <th>{t('colRule')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map(({ ticket, position, rule, detail }) => {
                const service = servicesById.value.get(ticket.serviceId);
                const mins = waitedMinutes(ticket.queuedAt, now.value);
                const level = waitLevel(mins, service?.targetWaitMinutes ?? 0);
                const selected = selectedTicketId.value === ticket.id;
                return (
                  <tr
                    key={ticket.id}
                    data-ticket={ticket.code}
                    class={[position === 0 && 'next', selected && 'selected'].filter(Boolean).join(' ')}
                    aria-selected={selected}
                    onClick={() => {
                      selectedTicketId.value = selected ? null : ticket.id;
                    }}
                  >
                    <td class="code">
                      {position === 0 && <span class="next-marker">▶ {t('nextMarker')} </span>}
                      {ticket.code}
                    </td>
                    <td>{text(service?.name)}</td>
                    <td>
                      <span class={`class-badge ${ticket.ticketClass}`}>
                        {t(`class_${ticket.ticketClass}`)}
                      </span>
                    </td>
                    <td class={`wait ${level}`} data-level={level}>
                      {t('minutes', { n: mins })}
                    </td>
                    <td class="rule" title={detail ?? ''}>
                      {rule ? t(`rule_${rule}`) : ''}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={!idle}
                        onClick={(e) => {
                          e.stopPropagation();
                          onCall(ticket.id);
                        }}
                      >
                        {t('callThis')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
