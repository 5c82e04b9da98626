import type { IssuedTicket } from '@guichet/server/protocol';
import { waitText } from '../components/format';
import { QrCode } from '../components/QrCode';
import { useIdle } from '../components/useIdle';
import { kiosk, kioskLocale } from '../store';
import { t } from '../strings';
import { findService, resetForNextCitizen } from './actions';

/** The printer held or failed the ticket: the screen is the citizen's only copy. */
export function isUnprinted(ticket: IssuedTicket): boolean {
  return ticket.print.status === 'held' || ticket.print.status === 'failed';
}

/** The ticket just issued: its code very large, the wait, and the QR code of its phone page. */
export function Confirmation({ ticket, serviceId }: { ticket: IssuedTicket; serviceId: string }) {
  const locale = kioskLocale.value;
  const status = ticket.print.status;
  const unprinted = isUnprinted(ticket);
  const timings = kiosk.timings.value;
  useIdle(unprinted ? timings.unprintedSeconds : timings.confirmSeconds, resetForNextCitizen);
  const service = findService(serviceId);
  const wait =
    ticket.estimateStatus === 'no_counter_open'
      ? t(locale, 'tile.noCounterOpen')
      : ticket.estimateStatus === 'after_closing'
        ? t(locale, 'tile.afterClosing')
        : waitText(locale, ticket.estimatedWaitRange, { range: 'tile.wait', one: 'tile.waitOne' });
  return (
    <section
      class={unprinted ? 'confirmation unprinted' : 'confirmation'}
      data-print-status={status}
      aria-labelledby="your-number"
    >
      {unprinted && (
        <div class="print-alert" role="alert">
          <strong>{t(locale, 'confirm.printProblem')}</strong>
          <span>{t(locale, 'confirm.photograph')}</span>
        </div>
      )}
      <div class="confirm-main">
        <p id="your-number" class="confirm-label">
          {t(locale, 'confirm.yourNumber')}
        </p>
        <p class="code" data-code={ticket.code}>
          {ticket.code}
        </p>
        {ticket.ticketClass === 'priority' && <p class="badge green big">{t(locale, 'confirm.priority')}</p>}
        {service && <p class="confirm-service">{service.name[locale]}</p>}
        <p class="confirm-ahead">
          {ticket.ahead === 0 ? t(locale, 'confirm.next') : t(locale, 'confirm.ahead', { n: ticket.ahead })}
        </p>
        {wait && <p class="confirm-wait">{wait}</p>}
      </div>
      {ticket.trackUrl && (
        <div class="confirm-qr">
          <QrCode class="qr" text={ticket.trackUrl} label={t(locale, 'confirm.scan')} />
          <p class="confirm-scan">{t(locale, 'confirm.scan')}</p>
        </div>
      )}
      {!unprinted && (
        <p class="confirm-take">
          {status === 'printed' ? t(locale, 'confirm.take') : t(locale, 'confirm.noPrinter')}
        </p>
      )}
      <button type="button" class="done" onClick={resetForNextCitizen}>
        {t(locale, 'confirm.done')}
      </button>
    </section>
  );
}
