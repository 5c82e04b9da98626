import { useState } from 'preact/hooks';
import { useIdle } from '../components/useIdle';
import { issuingBlocked, kiosk, kioskLocale } from '../store';
import { t } from '../strings';
import { findService, goHome, issueTicket, resetForNextCitizen } from './actions';
import { isPersonId, Keypad } from './Keypad';

/** The choices a service asks for before issuing: priority lane, phone/ID number. */
export function IssueOptions({ serviceId }: { serviceId: string }) {
  const locale = kioskLocale.value;
  const [personId, setPersonId] = useState('');
  // Set when she asks for the ticket; any key she presses afterwards shows her digits again.
  const [confirmed, setConfirmed] = useState(false);
  const edit = (v: string) => {
    setConfirmed(false);
    setPersonId(v);
  };
  useIdle(kiosk.timings.value.idleSeconds, resetForNextCitizen);
  const service = findService(serviceId);
  if (!service) return null;
  const needsId = service.requiresPersonId;
  const blocked =
    issuingBlocked.value || kiosk.pending.value || !service.open || (needsId && !isPersonId(personId));
  const issue = (priority: boolean) => {
    if (needsId) setConfirmed(true);
    void issueTicket({
      serviceId,
      ...(priority ? { priority: true } : {}),
      ...(needsId ? { personId } : {}),
    });
  };
  return (
    <section class={needsId ? 'options with-keypad' : 'options'} aria-labelledby="options-title">
      <div class="options-head">
        <button type="button" class="back" onClick={goHome}>
          ← {t(locale, 'options.back')}
        </button>
        <h2 id="options-title" class="options-title">
          <span class="options-prefix" aria-hidden="true">
            {service.prefix}
          </span>
          {service.name[locale]}
        </h2>
      </div>
      {needsId && <Keypad value={personId} onChange={edit} locale={locale} confirmed={confirmed} />}
      <div class="choices">
        <button type="button" class="choice normal" disabled={blocked} onClick={() => issue(false)}>
          {needsId && !service.allowPriority ? t(locale, 'id.confirm') : t(locale, 'options.normal')}
        </button>
        {service.allowPriority && (
          <button
            type="button"
            class="choice priority"
            disabled={blocked}
            onClick={() => issue(true)}
            aria-describedby="priority-who"
          >
            <span class="choice-main">{t(locale, 'options.priority')}</span>
            <span id="priority-who" class="choice-sub">
              {t(locale, 'options.priorityWho')}
            </span>
          </button>
        )}
      </div>
    </section>
  );
}
